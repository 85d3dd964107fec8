import type { AreaCatalogue } from '../area.js';
import type { enDownloads } from './en.js';

export const frDownloads: AreaCatalogue<typeof enDownloads> = {
  'sw.updateRegion': 'Mise à jour de l’application',
  'sw.updateReady': 'Une nouvelle version de Satchel est prête.',
  'sw.updateNow': 'Mettre à jour',
  'sw.updateLater': 'Plus tard',

  'downloads.title': 'Téléchargements',
  'downloads.intro':
    'Les cours de cet appareil s’ouvrent sans internet. Les fichiers sont gardés une seule fois pour tous ceux qui utilisent cet appareil.',
  'downloads.empty':
    'Rien n’est encore téléchargé. Ouvrez un cours ou un parcours et choisissez « Télécharger ».',
  'downloads.courseHeading': 'Utiliser hors ligne',
  'downloads.pathHeading': 'Utiliser hors ligne',
  'downloads.courseSize': 'Taille : {size}',
  'downloads.toFetch': '{size} à télécharger',
  'downloads.free': '{free} libres sur cet appareil',
  'downloads.freeUnknown': 'Ce navigateur n’indique pas l’espace libre.',
  'downloads.notEnoughRoom':
    'Il faut {size}, mais seulement {free} sont libres. Supprimez d’autres téléchargements ou choisissez moins de vidéo.',
  'downloads.saver': 'Vidéo',
  'downloads.saverFull': 'Meilleure qualité',
  'downloads.saverSmall': 'Vidéo plus petite (moins de données)',
  'downloads.saverNone': 'Sans vidéo',
  'downloads.videoSkipped':
    '{count, plural, one {# vidéo est laissée de côté : elle demande internet.} many {# vidéos sont laissées de côté : elles demandent internet.} other {# vidéos sont laissées de côté : elles demandent internet.}}',
  'downloads.start': 'Télécharger ({size})',
  'downloads.measuring': 'Calcul de la taille…',
  'downloads.progressLabel': 'Téléchargement de {title}',
  'downloads.progress': '{done} sur {total}',
  'downloads.stop': 'Arrêter',
  'downloads.resume': 'Reprendre le téléchargement',
  'downloads.paused': 'En pause : {done} sur {total} téléchargés.',
  'downloads.done': 'Téléchargé : ce cours s’ouvre sans internet.',
  'downloads.pathDone': 'Téléchargé : ces cours s’ouvrent sans internet.',
  'downloads.onDevice': 'Sur cet appareil',
  'downloads.updateAvailable':
    'Une nouvelle version est publiée ({size} à télécharger). Votre progression est conservée.',
  'downloads.update': 'Télécharger la nouvelle version',
  'downloads.delete': 'Supprimer',
  'downloads.deleteTitle': 'Supprimer {title} de cet appareil ?',
  'downloads.deleteHelp': 'Vous pourrez le télécharger de nouveau. Votre progression est conservée.',
  'downloads.deleted': '{title} a été supprimé de cet appareil.',
  'downloads.used': 'Les téléchargements occupent {size} sur cet appareil.',
  'downloads.version': 'Version {version}',
  'downloads.open': 'Ouvrir {title}',
  'downloads.seeAll': 'Tous les téléchargements',
  'downloads.errorQuota':
    'L’appareil est plein, ou le navigateur a refusé plus d’espace. Ce qui est déjà téléchargé est gardé. Libérez de l’espace, puis reprenez.',
  'downloads.errorNetwork':
    'La connexion a été perdue. Ce qui est déjà téléchargé est gardé : reprenez une fois en ligne.',
  'downloads.errorServer': 'Le serveur n’a pas pu envoyer ce cours. Réessayez plus tard.',
  'downloads.errorIntegrity': 'Un fichier est arrivé abîmé plusieurs fois. Réessayez plus tard.',
  'downloads.errorSignedOut': 'Reconnectez-vous pour télécharger.',
  'downloads.errorNotFound': 'Ce cours n’est plus disponible.',
  'downloads.offline': 'Vous êtes hors ligne. Connectez-vous à internet pour télécharger.',
  'downloads.needsInternet': 'Vous êtes hors ligne : cette leçon demande internet.',
};
