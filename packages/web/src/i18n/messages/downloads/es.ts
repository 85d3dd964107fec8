import type { AreaCatalogue } from '../area.js';
import type { enDownloads } from './en.js';

export const esDownloads: AreaCatalogue<typeof enDownloads> = {
  'sw.updateRegion': 'Actualización de la aplicación',
  'sw.updateReady': 'Hay una nueva versión de Satchel lista.',
  'sw.updateNow': 'Actualizar ahora',
  'sw.updateLater': 'Más tarde',

  'downloads.title': 'Descargas',
  'downloads.intro':
    'Los cursos de este dispositivo se abren sin internet. Los archivos se guardan una sola vez para todas las personas que usan este dispositivo.',
  'downloads.empty': 'Todavía no hay nada descargado. Abre un curso o una ruta y elige «Descargar».',
  'downloads.courseHeading': 'Usar sin conexión',
  'downloads.pathHeading': 'Usar sin conexión',
  'downloads.courseSize': 'Tamaño: {size}',
  'downloads.toFetch': '{size} por descargar',
  'downloads.free': '{free} libres en este dispositivo',
  'downloads.freeUnknown': 'Este navegador no indica cuánto espacio queda libre.',
  'downloads.notEnoughRoom':
    'Se necesitan {size}, pero solo quedan {free} libres. Borra otras descargas o elige menos vídeo.',
  'downloads.saver': 'Vídeo',
  'downloads.saverFull': 'La mejor calidad',
  'downloads.saverSmall': 'Vídeo más pequeño (menos datos)',
  'downloads.saverNone': 'Sin vídeo',
  'downloads.videoSkipped':
    '{count, plural, one {Se deja fuera # vídeo: necesita internet.} many {Se dejan fuera # vídeos: necesitan internet.} other {Se dejan fuera # vídeos: necesitan internet.}}',
  'downloads.start': 'Descargar ({size})',
  'downloads.measuring': 'Calculando el tamaño…',
  'downloads.progressLabel': 'Descargando {title}',
  'downloads.progress': '{done} de {total}',
  'downloads.stop': 'Detener',
  'downloads.resume': 'Reanudar la descarga',
  'downloads.paused': 'En pausa: {done} de {total} descargados.',
  'downloads.done': 'Descargado: este curso se abre sin internet.',
  'downloads.pathDone': 'Descargado: estos cursos se abren sin internet.',
  'downloads.onDevice': 'En este dispositivo',
  'downloads.updateAvailable':
    'Hay una nueva versión publicada ({size} por descargar). Tu progreso se conserva.',
  'downloads.update': 'Descargar la nueva versión',
  'downloads.delete': 'Borrar',
  'downloads.deleteTitle': '¿Borrar {title} de este dispositivo?',
  'downloads.deleteHelp': 'Podrás descargarlo de nuevo más tarde. Tu progreso se conserva.',
  'downloads.deleted': '{title} se borró de este dispositivo.',
  'downloads.used': 'Las descargas ocupan {size} de este dispositivo.',
  'downloads.version': 'Versión {version}',
  'downloads.open': 'Abrir {title}',
  'downloads.seeAll': 'Todas las descargas',
  'downloads.errorQuota':
    'El dispositivo está lleno o el navegador no concedió más espacio. Lo ya descargado se conserva. Libera espacio y reanuda.',
  'downloads.errorNetwork':
    'Se perdió la conexión. Lo descargado hasta ahora se conserva: reanuda cuando vuelvas a tener conexión.',
  'downloads.errorServer': 'El servidor no pudo enviar este curso. Inténtalo más tarde.',
  'downloads.errorIntegrity': 'Un archivo llegó dañado varias veces. Inténtalo más tarde.',
  'downloads.errorSignedOut': 'Vuelve a iniciar sesión para descargar.',
  'downloads.errorNotFound': 'Este curso ya no está disponible.',
  'downloads.offline': 'No tienes conexión. Conéctate a internet para descargar.',
  'downloads.needsInternet': 'No tienes conexión: esta lección necesita internet.',
};
