import type { AreaCatalogue } from '../area.js';
import type { enOffline } from './en.js';

export const esOffline: AreaCatalogue<typeof enOffline> = {
  'outbox.badge':
    '{count, plural, one {# registro pendiente de envío} many {# de registros pendientes de envío} other {# registros pendientes de envío}}',
  'outbox.badgeRefused':
    '{count, plural, one {y # rechazado} many {y # de rechazados} other {y # rechazados}}',
  'outbox.title': 'Pendiente de envío',
  'outbox.intro':
    'Lo que haces se guarda primero en este dispositivo y luego se envía a la plataforma cuando hay conexión, en el orden en que lo hiciste.',
  'outbox.unavailable':
    'No se puede leer el almacenamiento de este dispositivo, así que aquí no se puede mostrar nada.',
  'outbox.emptyTitle': 'Todo está enviado',
  'outbox.empty': 'No hay nada tuyo esperando en este dispositivo.',
  'outbox.waiting':
    '{count, plural, =0 {Nada pendiente} one {# pendiente} many {# pendientes} other {# pendientes}}',
  'outbox.statement': '{verb}: {name}',
  'outbox.quizAttempt': 'Intento de cuestionario',
  'outbox.otherKind': 'Registro ({kind})',
  'outbox.queuedAt': 'guardado {when}',
  'outbox.lastTry': 'último intento: {code}',
  'outbox.sendNow': 'Enviar ahora',
  'outbox.refused':
    '{count, plural, one {# rechazado por la plataforma} many {# de rechazados por la plataforma} other {# rechazados por la plataforma}}',
  'outbox.refusedHelp':
    'La plataforma no aceptó estos registros. Se guardan aquí para que nada se pierda: vuelve a intentarlo o elimínalos.',
  'outbox.reason': 'motivo: {code}',
  'outbox.retry': 'Reintentar',
  'outbox.discard': 'Eliminar',
  'outbox.others':
    '{count, plural, one {También espera # registro de otro estudiante de este dispositivo.} many {También esperan # de registros de otros estudiantes de este dispositivo.} other {También esperan # registros de otros estudiantes de este dispositivo.}}',
  'quiz.provisionalTitle': 'Resultado provisional',
  'quiz.provisionalNote':
    'Estás sin conexión. Este resultado se calculó en este dispositivo. Tu intento está guardado y la plataforma lo volverá a calificar cuando vuelvas a estar en línea; su resultado es el que cuenta.',
  'quiz.finalNote': 'La plataforma ha calificado tu intento: este es tu resultado definitivo.',
  'auth.deviceProfiles': 'Estudiantes en este dispositivo',
  'auth.deviceProfilesHint': 'Elige tu nombre y luego escribe tu contraseña o tu PIN.',
  'auth.useProfile': 'Iniciar sesión como {name}',
  'auth.offlineNoProfile':
    'Estás sin conexión. Solo pueden iniciar sesión ahora los estudiantes que ya lo hicieron antes en este dispositivo.',
};
