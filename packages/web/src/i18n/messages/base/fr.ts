import type { AreaCatalogue } from '../area.js';
import type { enBase } from './en.js';

/** French (français). */
export const frBase: AreaCatalogue<typeof enBase> = {
  // common.
  'common.appName': 'Satchel',
  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.reloadPage': 'Recharger la page',
  'common.close': 'Fermer',
  'common.cancel': 'Annuler',
  'common.continue': 'Continuer',
  'common.save': 'Enregistrer',
  'common.saving': 'Enregistrement…',
  'common.optional': 'facultatif',
  'common.skipToContent': 'Aller au contenu',
  'common.notifications': 'Notifications',
  'common.dismiss': 'Masquer',
  'common.poweredBy': 'Fonctionne avec Satchel, plateforme d’apprentissage libre',
  'common.pageLoadFailed': 'Impossible de charger cette page',
  'common.pageLoadFailedHelp': 'Vérifiez votre connexion, puis réessayez.',
  'common.pageCrashed': 'Un problème est survenu sur cette page',
  'common.pageCrashedHelp': 'Réessayez. Si le problème persiste, prévenez l’équipe de votre programme.',
  'common.fieldRequired': 'Remplissez ce champ.',

  // nav.
  'nav.primary': 'Principale',
  'nav.menu': 'Menu',
  'nav.home': 'Accueil',
  'nav.catalog': 'Catalogue',
  'nav.myLearning': 'Mon apprentissage',
  'nav.courseEditor': 'Éditeur de cours',
  'nav.library': 'Bibliothèque',
  'nav.classes': 'Classes',
  'nav.allClasses': 'Toutes les classes',
  'nav.users': 'Utilisateurs',
  'nav.settings': 'Paramètres',
  'nav.reports': 'Rapports',
  'nav.cinema': 'Learning Cinema',
  'nav.reach': 'Portée',
  'nav.account': 'Compte',
  'nav.profile': 'Profil',
  'nav.signIn': 'Se connecter',
  'nav.signUp': 'Créer un compte',
  'nav.signOut': 'Se déconnecter',
  'nav.language': 'Langue',
  'nav.homeOf': '{name}, page d’accueil',

  // auth.
  'auth.signInTitle': 'Connexion',
  'auth.signInIntro': 'Connectez-vous pour continuer à apprendre sur {name}.',
  'auth.method': 'Comment vous connectez-vous\u00a0?',
  'auth.withPassword': 'Mot de passe',
  'auth.withPin': 'Code PIN',
  'auth.username': 'Nom d’utilisateur',
  'auth.password': 'Mot de passe',
  'auth.pin': 'Code PIN',
  'auth.pinHint': 'De 4 à 6 chiffres.',
  'auth.showPassword': 'Afficher le mot de passe',
  'auth.showPin': 'Afficher le code PIN',
  'auth.signInSubmit': 'Se connecter',
  'auth.signingIn': 'Connexion en cours…',
  'auth.wrongPassword':
    'Ce nom d’utilisateur et ce mot de passe ne correspondent pas. Vérifiez-les et réessayez.',
  'auth.wrongPin': 'Ce nom d’utilisateur et ce code PIN ne correspondent pas. Vérifiez-les et réessayez.',
  'auth.noAccount': 'Pas encore de compte\u00a0?',
  'auth.haveAccount': 'Vous avez déjà un compte\u00a0?',
  'auth.signUpTitle': 'Créer un compte',
  'auth.signUpIntro': 'Créez votre compte sur {name}.',
  'auth.displayName': 'Votre nom',
  'auth.displayNameHint': 'Vos enseignants et vos camarades voient ce nom.',
  'auth.usernameHint':
    'De 2 à 64 lettres, chiffres, points, tirets ou traits de soulignement. Il vous sert à vous connecter.',
  'auth.passwordHint': 'Au moins 8 caractères.',
  'auth.inviteCode': 'Code d’invitation',
  'auth.inviteCodeHint': 'Votre enseignant ou votre programme vous a donné ce code.',
  'auth.signUpSubmit': 'Créer le compte',
  'auth.signingUp': 'Création de votre compte…',
  'auth.adminOnlyTitle': 'Les comptes sont créés pour vous',
  'auth.adminOnly':
    'Sur {name}, chaque compte est créé par un administrateur. Demandez un nom d’utilisateur et un mot de passe à votre enseignant ou à l’équipe de votre programme.',
  'auth.usernameInvalid': 'Utilisez de 2 à 64 lettres, chiffres, points, tirets ou traits de soulignement.',
  'auth.passwordTooShort': 'Utilisez au moins 8 caractères.',
  'auth.passwordTooLong': 'Utilisez au plus 200 caractères.',
  'auth.pinInvalid': 'Saisissez de 4 à 6 chiffres.',
  'auth.signedOut': 'Déconnexion effectuée.',
  'auth.welcomeNew': 'Bienvenue, {name}\u00a0! Votre compte est prêt.',

  // profile.
  'profile.title': 'Votre profil',
  'profile.username': 'Nom d’utilisateur',
  'profile.roles': 'Rôles',
  'profile.displayName': 'Nom affiché',
  'profile.language': 'Langue',
  'profile.languageHint':
    'Les menus et les messages s’affichent dans cette langue sur tous les appareils où vous vous connectez.',
  'profile.saved': 'Votre profil est enregistré.',

  // roles.
  'roles.admin': 'Administrateur',
  'roles.author': 'Auteur',
  'roles.educator': 'Enseignant',
  'roles.facilitator': 'Animateur',
  'roles.learner': 'Apprenant',

  // home.
  'home.welcome': 'Bienvenue, {name}',
  'home.continueLearning': 'Continuer à apprendre',
  'home.myCourses': 'Mes cours',
  'home.nothingInProgress': 'Aucun cours commencé',
  'home.nothingInProgressHelp': 'Commencez un cours dans le catalogue\u00a0: il vous attendra ici.',
  'home.noCourses': 'Pas encore de cours',
  'home.noCoursesHelp': 'Trouvez dans le catalogue un cours adapté à votre niveau et à votre langue.',
  'home.browseCatalog': 'Parcourir le catalogue',
  'home.continueCourse': 'Continuer {title}',
  'home.lastActivity': 'Dernière activité\u00a0: {when}',

  // course.
  'course.status.not_started': 'Pas commencé',
  'course.status.in_progress': 'En cours',
  'course.status.completed': 'Terminé',
  'course.progress': 'Progression\u00a0: {percent}',
  'course.progressOf': 'Progression dans {title}',

  // system.
  'system.notFoundTitle': 'Page introuvable',
  'system.notFoundBody':
    'Nous n’avons pas trouvé cette page. L’adresse est peut-être erronée, ou la page a été déplacée.',
  'system.goHome': 'Aller à la page d’accueil',
  'system.notAllowedTitle': 'Vous ne pouvez pas ouvrir cette page',
  'system.notAllowedBody':
    'Votre compte n’a pas accès à cette page. Si vous en avez besoin, adressez-vous à un administrateur de {name}.',
  'system.tenantMissingTitle': 'Plateforme introuvable',
  'system.tenantMissingBody':
    'Il n’y a pas de plateforme d’apprentissage à cette adresse. Vérifiez l’adresse et réessayez.',
  'system.bootFailedTitle': 'Satchel n’a pas pu démarrer',
  'system.bootFailedBody': 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',

  // tenants.
  'tenants.title': 'Choisissez votre plateforme d’apprentissage',
  'tenants.intro': 'Ce serveur héberge les plateformes d’apprentissage suivantes\u00a0:',
  'tenants.none':
    'Demandez l’adresse de votre plateforme d’apprentissage à votre enseignant ou à l’équipe de votre programme.',

  // errors.
  'errors.unknown': 'Un problème est survenu. Veuillez réessayer.',
  'errors.network_error': 'Vous semblez hors ligne. Vérifiez votre connexion et réessayez.',
  'errors.timeout': 'Le serveur met trop de temps à répondre. Veuillez réessayer.',
  'errors.aborted': 'La demande a été annulée.',
  'errors.validation_failed': 'Certaines réponses demandent votre attention.',
  'errors.unauthenticated': 'Connectez-vous pour continuer.',
  'errors.forbidden': 'Vous n’avez pas l’autorisation de faire cela.',
  'errors.not_found': 'Nous n’avons pas trouvé ce que vous cherchez.',
  'errors.conflict': 'Quelqu’un d’autre a modifié cet élément entre-temps. Rechargez et réessayez.',
  'errors.payload_too_large': 'C’est trop volumineux pour être envoyé.',
  'errors.rate_limited': 'Trop de tentatives. Patientez un peu, puis réessayez.',
  'errors.rateLimitedWait':
    'Trop de tentatives. Réessayez dans {seconds, plural, one {# seconde} many {# de secondes} other {# secondes}}.',
  'errors.server_error': 'Le serveur rencontre un problème. Veuillez réessayer plus tard.',
  'errors.unexpected_response':
    'Le serveur a envoyé une réponse que nous ne comprenons pas. Veuillez réessayer plus tard.',
  'errors.invalid_credentials':
    'Ce nom d’utilisateur et ce mot de passe ne correspondent pas. Vérifiez-les et réessayez.',
  'errors.username_taken': 'Ce nom d’utilisateur est déjà pris. Choisissez-en un autre.',
  'errors.invite_invalid': 'Ce code d’invitation n’est pas valide ou a expiré.',
  'errors.signup_closed': 'Vous ne pouvez pas créer de compte ici. Adressez-vous à un administrateur.',
  'errors.tenant_not_found': 'Il n’y a pas de plateforme d’apprentissage à cette adresse.',
};
