import type { AreaCatalogue } from '../area.js';
import type { enDownloads } from './en.js';

export const ptDownloads: AreaCatalogue<typeof enDownloads> = {
  'sw.updateRegion': 'Atualização do aplicativo',
  'sw.updateReady': 'Uma nova versão do Satchel está pronta.',
  'sw.updateNow': 'Atualizar agora',
  'sw.updateLater': 'Mais tarde',

  'downloads.title': 'Downloads',
  'downloads.intro':
    'Os cursos deste dispositivo abrem sem internet. Os arquivos são guardados uma só vez para todos que usam este dispositivo.',
  'downloads.empty': 'Nada foi baixado ainda. Abra um curso ou uma trilha e escolha “Baixar”.',
  'downloads.courseHeading': 'Usar offline',
  'downloads.pathHeading': 'Usar offline',
  'downloads.courseSize': 'Tamanho: {size}',
  'downloads.toFetch': '{size} para baixar',
  'downloads.free': '{free} livres neste dispositivo',
  'downloads.freeUnknown': 'Este navegador não informa quanto espaço está livre.',
  'downloads.notEnoughRoom':
    'São necessários {size}, mas só há {free} livres. Apague outros downloads ou escolha menos vídeo.',
  'downloads.saver': 'Vídeo',
  'downloads.saverFull': 'Melhor qualidade',
  'downloads.saverSmall': 'Vídeo menor (menos dados)',
  'downloads.saverNone': 'Sem vídeo',
  'downloads.videoSkipped':
    '{count, plural, one {# vídeo fica de fora: precisa de internet.} many {# vídeos ficam de fora: precisam de internet.} other {# vídeos ficam de fora: precisam de internet.}}',
  'downloads.start': 'Baixar ({size})',
  'downloads.measuring': 'Calculando o tamanho…',
  'downloads.progressLabel': 'Baixando {title}',
  'downloads.progress': '{done} de {total}',
  'downloads.stop': 'Parar',
  'downloads.resume': 'Retomar o download',
  'downloads.paused': 'Pausado: {done} de {total} baixados.',
  'downloads.done': 'Baixado: este curso abre sem internet.',
  'downloads.pathDone': 'Baixado: estes cursos abrem sem internet.',
  'downloads.onDevice': 'Neste dispositivo',
  'downloads.updateAvailable': 'Uma nova versão foi publicada ({size} para baixar). Seu progresso é mantido.',
  'downloads.update': 'Baixar a nova versão',
  'downloads.delete': 'Apagar',
  'downloads.deleteTitle': 'Apagar {title} deste dispositivo?',
  'downloads.deleteHelp': 'Você pode baixá-lo de novo depois. Seu progresso é mantido.',
  'downloads.deleted': '{title} foi apagado deste dispositivo.',
  'downloads.used': 'Os downloads ocupam {size} deste dispositivo.',
  'downloads.version': 'Versão {version}',
  'downloads.open': 'Abrir {title}',
  'downloads.seeAll': 'Todos os downloads',
  'downloads.errorQuota':
    'O dispositivo está cheio ou o navegador recusou mais espaço. O que já foi baixado é mantido. Libere espaço e retome.',
  'downloads.errorNetwork':
    'A conexão caiu. O que foi baixado até agora é mantido: retome quando estiver online de novo.',
  'downloads.errorServer': 'O servidor não conseguiu enviar este curso. Tente mais tarde.',
  'downloads.errorIntegrity': 'Um arquivo chegou danificado várias vezes. Tente mais tarde.',
  'downloads.errorSignedOut': 'Entre de novo para baixar.',
  'downloads.errorNotFound': 'Este curso não está mais disponível.',
  'downloads.offline': 'Você está offline. Conecte-se à internet para baixar.',
  'downloads.needsInternet': 'Você está offline: esta lição precisa de internet.',
};
