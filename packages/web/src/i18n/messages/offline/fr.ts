import type { AreaCatalogue } from '../area.js';
import type { enOffline } from './en.js';

export const frOffline: AreaCatalogue<typeof enOffline> = {
  'outbox.badge':
    '{count, plural, one {# enregistrement en attente d’envoi} many {# d’enregistrements en attente d’envoi} other {# enregistrements en attente d’envoi}}',
  'outbox.badgeRefused': '{count, plural, one {et # refusé} many {et # de refusés} other {et # refusés}}',
  'outbox.title': 'En attente d’envoi',
  'outbox.intro':
    'Ce que vous faites est d’abord enregistré sur cet appareil, puis envoyé à la plateforme dès qu’il y a une connexion, dans l’ordre où vous l’avez fait.',
  'outbox.unavailable': 'Le stockage de cet appareil est illisible : rien ne peut être affiché ici.',
  'outbox.emptyTitle': 'Tout est envoyé',
  'outbox.empty': 'Rien de votre part n’attend sur cet appareil.',
  'outbox.waiting':
    '{count, plural, =0 {Rien en attente} one {# en attente} many {# en attente} other {# en attente}}',
  'outbox.statement': '{verb} : {name}',
  'outbox.quizAttempt': 'Tentative de quiz',
  'outbox.otherKind': 'Enregistrement ({kind})',
  'outbox.queuedAt': 'enregistré le {when}',
  'outbox.lastTry': 'dernier essai : {code}',
  'outbox.sendNow': 'Envoyer maintenant',
  'outbox.refused':
    '{count, plural, one {# refusé par la plateforme} many {# de refusés par la plateforme} other {# refusés par la plateforme}}',
  'outbox.refusedHelp':
    'La plateforme n’a pas accepté ces enregistrements. Ils sont gardés ici pour que rien ne se perde : réessayez, ou supprimez-les.',
  'outbox.reason': 'motif : {code}',
  'outbox.retry': 'Réessayer',
  'outbox.discard': 'Supprimer',
  'outbox.others':
    '{count, plural, one {# enregistrement d’un autre apprenant de cet appareil attend aussi.} many {# d’enregistrements d’autres apprenants de cet appareil attendent aussi.} other {# enregistrements d’autres apprenants de cet appareil attendent aussi.}}',
  'quiz.provisionalTitle': 'Résultat provisoire',
  'quiz.provisionalNote':
    'Vous êtes hors ligne. Ce résultat a été calculé sur cet appareil. Votre tentative est enregistrée et la plateforme la corrigera à nouveau dès votre retour en ligne ; c’est son résultat qui compte.',
  'quiz.finalNote': 'La plateforme a corrigé votre tentative : voici votre résultat définitif.',
  'auth.deviceProfiles': 'Apprenants sur cet appareil',
  'auth.deviceProfilesHint': 'Choisissez votre nom, puis saisissez votre mot de passe ou votre code PIN.',
  'auth.useProfile': 'Se connecter en tant que {name}',
  'auth.offlineNoProfile':
    'Vous êtes hors ligne. Seuls les apprenants déjà connectés sur cet appareil peuvent se connecter maintenant.',
};
