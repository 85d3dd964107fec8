import type { AreaCatalogue } from '../area.js';
import type { enOffline } from './en.js';

export const ptOffline: AreaCatalogue<typeof enOffline> = {
  'outbox.badge':
    '{count, plural, one {# registro aguardando envio} many {# de registros aguardando envio} other {# registros aguardando envio}}',
  'outbox.badgeRefused': '{count, plural, one {e # recusado} many {e # de recusados} other {e # recusados}}',
  'outbox.title': 'Aguardando envio',
  'outbox.intro':
    'O que você faz é salvo primeiro neste dispositivo e depois enviado à plataforma quando houver conexão, na ordem em que você fez.',
  'outbox.unavailable':
    'Não é possível ler o armazenamento deste dispositivo, então nada pode ser mostrado aqui.',
  'outbox.emptyTitle': 'Tudo foi enviado',
  'outbox.empty': 'Nada seu está aguardando neste dispositivo.',
  'outbox.waiting':
    '{count, plural, =0 {Nada aguardando} one {# aguardando} many {# aguardando} other {# aguardando}}',
  'outbox.statement': '{verb}: {name}',
  'outbox.quizAttempt': 'Tentativa de questionário',
  'outbox.otherKind': 'Registro ({kind})',
  'outbox.queuedAt': 'salvo em {when}',
  'outbox.lastTry': 'última tentativa: {code}',
  'outbox.sendNow': 'Enviar agora',
  'outbox.refused':
    '{count, plural, one {# recusado pela plataforma} many {# de recusados pela plataforma} other {# recusados pela plataforma}}',
  'outbox.refusedHelp':
    'A plataforma não aceitou estes registros. Eles ficam guardados aqui para que nada se perca: tente de novo ou remova-os.',
  'outbox.reason': 'motivo: {code}',
  'outbox.retry': 'Tentar de novo',
  'outbox.discard': 'Remover',
  'outbox.others':
    '{count, plural, one {# registro de outro aluno deste dispositivo também está aguardando.} many {# de registros de outros alunos deste dispositivo também estão aguardando.} other {# registros de outros alunos deste dispositivo também estão aguardando.}}',
  'quiz.provisionalTitle': 'Resultado provisório',
  'quiz.provisionalNote':
    'Você está off-line. Este resultado foi calculado neste dispositivo. Sua tentativa está salva e a plataforma vai corrigi-la de novo quando você voltar a ficar on-line; o resultado dela é o que vale.',
  'quiz.finalNote': 'A plataforma corrigiu sua tentativa: este é o seu resultado final.',
  'auth.deviceProfiles': 'Alunos neste dispositivo',
  'auth.deviceProfilesHint': 'Escolha seu nome e depois digite sua senha ou seu PIN.',
  'auth.useProfile': 'Entrar como {name}',
  'auth.offlineNoProfile':
    'Você está off-line. Só podem entrar agora os alunos que já entraram neste dispositivo antes.',
};
