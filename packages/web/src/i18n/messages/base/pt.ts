import type { AreaCatalogue } from '../area.js';
import type { enBase } from './en.js';

/** Portuguese (português), Brazilian usage with "você"; also serves pt-PT and pt-MZ until they need their own. */
export const ptBase: AreaCatalogue<typeof enBase> = {
  // common.
  'common.appName': 'Satchel',
  'common.loading': 'Carregando…',
  'common.retry': 'Tentar novamente',
  'common.reloadPage': 'Recarregar a página',
  'common.close': 'Fechar',
  'common.cancel': 'Cancelar',
  'common.continue': 'Continuar',
  'common.save': 'Salvar',
  'common.saving': 'Salvando…',
  'common.optional': 'opcional',
  'common.skipToContent': 'Pular para o conteúdo',
  'common.notifications': 'Notificações',
  'common.dismiss': 'Dispensar',
  'common.poweredBy': 'Feito com Satchel, aprendizagem de código aberto',
  'common.pageLoadFailed': 'Não foi possível carregar esta página',
  'common.pageLoadFailedHelp': 'Verifique sua conexão e tente novamente.',
  'common.pageCrashed': 'Algo deu errado nesta página',
  'common.pageCrashedHelp': 'Tente novamente. Se continuar acontecendo, avise a equipe do seu programa.',
  'common.fieldRequired': 'Preencha este campo.',

  // nav.
  'nav.primary': 'Principal',
  'nav.menu': 'Menu',
  'nav.home': 'Início',
  'nav.catalog': 'Catálogo',
  'nav.myLearning': 'Minha aprendizagem',
  'nav.courseEditor': 'Editor de cursos',
  'nav.library': 'Biblioteca',
  'nav.classes': 'Turmas',
  'nav.allClasses': 'Todas as turmas',
  'nav.users': 'Usuários',
  'nav.settings': 'Configurações',
  'nav.reports': 'Relatórios',
  'nav.cinema': 'Learning Cinema',
  'nav.reach': 'Alcance',
  'nav.account': 'Conta',
  'nav.profile': 'Perfil',
  'nav.signIn': 'Entrar',
  'nav.signUp': 'Criar uma conta',
  'nav.signOut': 'Sair',
  'nav.language': 'Idioma',
  'nav.homeOf': '{name}, página inicial',

  // auth.
  'auth.signInTitle': 'Entrar',
  'auth.signInIntro': 'Entre para continuar aprendendo em {name}.',
  'auth.method': 'Como você quer entrar?',
  'auth.withPassword': 'Senha',
  'auth.withPin': 'PIN',
  'auth.username': 'Nome de usuário',
  'auth.password': 'Senha',
  'auth.pin': 'PIN',
  'auth.pinHint': 'De 4 a 6 dígitos.',
  'auth.showPassword': 'Mostrar senha',
  'auth.showPin': 'Mostrar PIN',
  'auth.signInSubmit': 'Entrar',
  'auth.signingIn': 'Entrando…',
  'auth.wrongPassword': 'Este nome de usuário e esta senha não correspondem. Confira e tente novamente.',
  'auth.wrongPin': 'Este nome de usuário e este PIN não correspondem. Confira e tente novamente.',
  'auth.noAccount': 'Ainda não tem uma conta?',
  'auth.haveAccount': 'Já tem uma conta?',
  'auth.signUpTitle': 'Criar uma conta',
  'auth.signUpIntro': 'Crie sua conta em {name}.',
  'auth.displayName': 'Seu nome',
  'auth.displayNameHint': 'Seus professores e colegas veem este nome.',
  'auth.usernameHint': 'De 2 a 64 letras, dígitos, pontos, hifens ou sublinhados. Você o usa para entrar.',
  'auth.passwordHint': 'Pelo menos 8 caracteres.',
  'auth.inviteCode': 'Código de convite',
  'auth.inviteCodeHint': 'Seu professor ou seu programa deu este código a você.',
  'auth.signUpSubmit': 'Criar conta',
  'auth.signingUp': 'Criando sua conta…',
  'auth.adminOnlyTitle': 'As contas são criadas para você',
  'auth.adminOnly':
    'Em {name}, um administrador cria todas as contas. Peça um nome de usuário e uma senha ao seu professor ou à equipe do seu programa.',
  'auth.usernameInvalid': 'Use de 2 a 64 letras, dígitos, pontos, hifens ou sublinhados.',
  'auth.passwordTooShort': 'Use pelo menos 8 caracteres.',
  'auth.passwordTooLong': 'Use no máximo 200 caracteres.',
  'auth.pinInvalid': 'Digite de 4 a 6 dígitos.',
  'auth.signedOut': 'Você saiu da sua conta.',
  'auth.welcomeNew': 'Boas-vindas, {name}! Sua conta está pronta.',

  // profile.
  'profile.title': 'Seu perfil',
  'profile.username': 'Nome de usuário',
  'profile.roles': 'Papéis',
  'profile.displayName': 'Nome de exibição',
  'profile.language': 'Idioma',
  'profile.languageHint':
    'Os menus e as mensagens usam este idioma em todos os dispositivos em que você entrar.',
  'profile.saved': 'Seu perfil foi salvo.',

  // roles.
  'roles.admin': 'Administrador',
  'roles.author': 'Autor',
  'roles.educator': 'Educador',
  'roles.facilitator': 'Facilitador',
  'roles.learner': 'Estudante',

  // home.
  'home.welcome': 'Boas-vindas, {name}',
  'home.continueLearning': 'Continue aprendendo',
  'home.myCourses': 'Meus cursos',
  'home.nothingInProgress': 'Nada em andamento',
  'home.nothingInProgressHelp': 'Comece um curso do catálogo e ele vai esperar por você aqui.',
  'home.noCourses': 'Nenhum curso ainda',
  'home.noCoursesHelp': 'Encontre no catálogo um curso para a sua série e o seu idioma.',
  'home.browseCatalog': 'Explorar o catálogo',
  'home.continueCourse': 'Continuar {title}',
  'home.lastActivity': 'Última atividade: {when}',

  // course.
  'course.status.not_started': 'Não iniciado',
  'course.status.in_progress': 'Em andamento',
  'course.status.completed': 'Concluído',
  'course.progress': '{percent} concluído',
  'course.progressOf': 'Progresso em {title}',

  // system.
  'system.notFoundTitle': 'Página não encontrada',
  'system.notFoundBody':
    'Não encontramos esta página. O endereço pode estar errado, ou a página pode ter mudado de lugar.',
  'system.goHome': 'Ir para a página inicial',
  'system.notAllowedTitle': 'Você não pode abrir esta página',
  'system.notAllowedBody':
    'Sua conta não tem acesso a esta página. Se você precisar dela, peça a um administrador de {name}.',
  'system.tenantMissingTitle': 'Plataforma não encontrada',
  'system.tenantMissingBody':
    'Não há nenhuma plataforma de aprendizagem neste endereço. Confira o endereço e tente novamente.',
  'system.bootFailedTitle': 'Não foi possível iniciar o Satchel',
  'system.bootFailedBody': 'Não conseguimos acessar o servidor. Verifique sua conexão e tente novamente.',

  // tenants.
  'tenants.title': 'Escolha sua plataforma de aprendizagem',
  'tenants.intro': 'Este servidor hospeda estas plataformas de aprendizagem:',
  'tenants.none':
    'Peça ao seu professor ou à equipe do seu programa o endereço da sua plataforma de aprendizagem.',

  // errors.
  'errors.unknown': 'Algo deu errado. Tente novamente.',
  'errors.network_error': 'Parece que você está sem conexão. Verifique sua conexão e tente novamente.',
  'errors.timeout': 'O servidor está demorando demais para responder. Tente novamente.',
  'errors.aborted': 'A solicitação foi cancelada.',
  'errors.validation_failed': 'Algumas respostas precisam da sua atenção.',
  'errors.unauthenticated': 'Entre para continuar.',
  'errors.forbidden': 'Você não tem permissão para fazer isso.',
  'errors.not_found': 'Não encontramos o que você procurou.',
  'errors.conflict': 'Outra pessoa alterou isto nesse meio-tempo. Recarregue e tente novamente.',
  'errors.payload_too_large': 'Isto é grande demais para ser enviado.',
  'errors.rate_limited': 'Tentativas demais. Aguarde um pouco e tente novamente.',
  'errors.rateLimitedWait':
    'Tentativas demais. Tente novamente em {seconds, plural, one {# segundo} many {# de segundos} other {# segundos}}.',
  'errors.server_error': 'O servidor está com um problema. Tente novamente mais tarde.',
  'errors.unexpected_response':
    'O servidor enviou uma resposta que não entendemos. Tente novamente mais tarde.',
  'errors.invalid_credentials':
    'Este nome de usuário e esta senha não correspondem. Confira e tente novamente.',
  'errors.username_taken': 'Este nome de usuário já está em uso. Escolha outro.',
  'errors.invite_invalid': 'Este código de convite não é válido ou expirou.',
  'errors.signup_closed': 'Não é possível criar uma conta aqui. Peça a um administrador.',
  'errors.tenant_not_found': 'Não há nenhuma plataforma de aprendizagem neste endereço.',
};
