import type { AreaCatalogue } from '../area.js';
import type { enBase } from './en.js';

/** Spanish (español), addressing the learner as "tú". */
export const esBase: AreaCatalogue<typeof enBase> = {
  // common.
  'common.appName': 'Satchel',
  'common.loading': 'Cargando…',
  'common.retry': 'Volver a intentarlo',
  'common.reloadPage': 'Recargar la página',
  'common.close': 'Cerrar',
  'common.cancel': 'Cancelar',
  'common.continue': 'Continuar',
  'common.save': 'Guardar',
  'common.saving': 'Guardando…',
  'common.optional': 'opcional',
  'common.skipToContent': 'Saltar al contenido',
  'common.notifications': 'Notificaciones',
  'common.dismiss': 'Descartar',
  'common.poweredBy': 'Funciona con Satchel, aprendizaje de código abierto',
  'common.pageLoadFailed': 'No se pudo cargar esta página',
  'common.pageLoadFailedHelp': 'Comprueba tu conexión y vuelve a intentarlo.',
  'common.pageCrashed': 'Algo salió mal en esta página',
  'common.pageCrashedHelp': 'Vuelve a intentarlo. Si sigue pasando, avisa al equipo de tu programa.',
  'common.fieldRequired': 'Completa este campo.',

  // nav.
  'nav.primary': 'Principal',
  'nav.menu': 'Menú',
  'nav.home': 'Inicio',
  'nav.catalog': 'Catálogo',
  'nav.myLearning': 'Mi aprendizaje',
  'nav.courseEditor': 'Editor de cursos',
  'nav.library': 'Biblioteca',
  'nav.classes': 'Clases',
  'nav.allClasses': 'Todas las clases',
  'nav.users': 'Usuarios',
  'nav.settings': 'Configuración',
  'nav.reports': 'Informes',
  'nav.cinema': 'Learning Cinema',
  'nav.reach': 'Alcance',
  'nav.account': 'Cuenta',
  'nav.profile': 'Perfil',
  'nav.signIn': 'Iniciar sesión',
  'nav.signUp': 'Crear una cuenta',
  'nav.signOut': 'Cerrar sesión',
  'nav.language': 'Idioma',
  'nav.homeOf': '{name}, página de inicio',

  // auth.
  'auth.signInTitle': 'Iniciar sesión',
  'auth.signInIntro': 'Inicia sesión para seguir aprendiendo en {name}.',
  'auth.method': '¿Cómo inicias sesión?',
  'auth.withPassword': 'Contraseña',
  'auth.withPin': 'PIN',
  'auth.username': 'Nombre de usuario',
  'auth.password': 'Contraseña',
  'auth.pin': 'PIN',
  'auth.pinHint': 'De 4 a 6 dígitos.',
  'auth.showPassword': 'Mostrar contraseña',
  'auth.showPin': 'Mostrar PIN',
  'auth.signInSubmit': 'Iniciar sesión',
  'auth.signingIn': 'Iniciando sesión…',
  'auth.wrongPassword': 'El nombre de usuario y la contraseña no coinciden. Revísalos y vuelve a intentarlo.',
  'auth.wrongPin': 'El nombre de usuario y el PIN no coinciden. Revísalos y vuelve a intentarlo.',
  'auth.noAccount': '¿Todavía no tienes cuenta?',
  'auth.haveAccount': '¿Ya tienes una cuenta?',
  'auth.signUpTitle': 'Crear una cuenta',
  'auth.signUpIntro': 'Crea tu cuenta en {name}.',
  'auth.displayName': 'Tu nombre',
  'auth.displayNameHint': 'Tus docentes y tus compañeros ven este nombre.',
  'auth.usernameHint':
    'De 2 a 64 letras, dígitos, puntos, guiones o guiones bajos. Lo usas para iniciar sesión.',
  'auth.passwordHint': 'Al menos 8 caracteres.',
  'auth.inviteCode': 'Código de invitación',
  'auth.inviteCodeHint': 'Tu docente o tu programa te dio este código.',
  'auth.signUpSubmit': 'Crear cuenta',
  'auth.signingUp': 'Creando tu cuenta…',
  'auth.adminOnlyTitle': 'Las cuentas las crea un administrador',
  'auth.adminOnly':
    'En {name}, un administrador crea todas las cuentas. Pide un nombre de usuario y una contraseña a tu docente o al equipo de tu programa.',
  'auth.usernameInvalid': 'Usa de 2 a 64 letras, dígitos, puntos, guiones o guiones bajos.',
  'auth.passwordTooShort': 'Usa al menos 8 caracteres.',
  'auth.passwordTooLong': 'Usa como máximo 200 caracteres.',
  'auth.pinInvalid': 'Escribe de 4 a 6 dígitos.',
  'auth.signedOut': 'Cerraste la sesión.',
  'auth.welcomeNew': '¡Te damos la bienvenida, {name}! Tu cuenta está lista.',

  // profile.
  'profile.title': 'Tu perfil',
  'profile.username': 'Nombre de usuario',
  'profile.roles': 'Roles',
  'profile.displayName': 'Nombre visible',
  'profile.language': 'Idioma',
  'profile.languageHint':
    'Los menús y los mensajes usan este idioma en todos los dispositivos en los que inicies sesión.',
  'profile.saved': 'Se guardó tu perfil.',

  // roles.
  'roles.admin': 'Administrador',
  'roles.author': 'Autor',
  'roles.educator': 'Educador',
  'roles.facilitator': 'Facilitador',
  'roles.learner': 'Estudiante',

  // home.
  'home.welcome': 'Te damos la bienvenida, {name}',
  'home.continueLearning': 'Sigue aprendiendo',
  'home.myCourses': 'Mis cursos',
  'home.nothingInProgress': 'Nada en curso',
  'home.nothingInProgressHelp': 'Empieza un curso del catálogo y te esperará aquí.',
  'home.noCourses': 'Aún no tienes cursos',
  'home.noCoursesHelp': 'Encuentra en el catálogo un curso para tu grado y tu idioma.',
  'home.browseCatalog': 'Explorar el catálogo',
  'home.continueCourse': 'Continuar {title}',
  'home.lastActivity': 'Última actividad: {when}',

  // course.
  'course.status.not_started': 'Sin empezar',
  'course.status.in_progress': 'En curso',
  'course.status.completed': 'Completado',
  'course.progress': '{percent} completado',
  'course.progressOf': 'Progreso en {title}',

  // system.
  'system.notFoundTitle': 'Página no encontrada',
  'system.notFoundBody':
    'No encontramos esta página. Puede que la dirección sea incorrecta o que la página se haya movido.',
  'system.goHome': 'Ir a la página de inicio',
  'system.notAllowedTitle': 'No puedes abrir esta página',
  'system.notAllowedBody':
    'Tu cuenta no tiene acceso a esta página. Si la necesitas, pídeselo a un administrador de {name}.',
  'system.tenantMissingTitle': 'Plataforma no encontrada',
  'system.tenantMissingBody':
    'No hay ninguna plataforma de aprendizaje en esta dirección. Revisa la dirección y vuelve a intentarlo.',
  'system.bootFailedTitle': 'Satchel no pudo iniciarse',
  'system.bootFailedBody':
    'No pudimos conectar con el servidor. Comprueba tu conexión y vuelve a intentarlo.',

  // tenants.
  'tenants.title': 'Elige tu plataforma de aprendizaje',
  'tenants.intro': 'Este servidor aloja estas plataformas de aprendizaje:',
  'tenants.none':
    'Pide a tu docente o al equipo de tu programa la dirección de tu plataforma de aprendizaje.',

  // errors.
  'errors.unknown': 'Algo salió mal. Vuelve a intentarlo.',
  'errors.network_error': 'Parece que no tienes conexión. Compruébala y vuelve a intentarlo.',
  'errors.timeout': 'El servidor tarda demasiado en responder. Vuelve a intentarlo.',
  'errors.aborted': 'Se canceló la solicitud.',
  'errors.validation_failed': 'Algunas respuestas necesitan tu atención.',
  'errors.unauthenticated': 'Inicia sesión para continuar.',
  'errors.forbidden': 'No tienes permiso para hacer esto.',
  'errors.not_found': 'No encontramos lo que buscas.',
  'errors.conflict': 'Otra persona cambió esto mientras tanto. Recarga y vuelve a intentarlo.',
  'errors.payload_too_large': 'Es demasiado grande para enviarlo.',
  'errors.rate_limited': 'Demasiados intentos. Espera un poco y vuelve a intentarlo.',
  'errors.rateLimitedWait':
    'Demasiados intentos. Vuelve a intentarlo en {seconds, plural, one {# segundo} many {# de segundos} other {# segundos}}.',
  'errors.server_error': 'El servidor tiene un problema. Vuelve a intentarlo más tarde.',
  'errors.unexpected_response':
    'El servidor envió una respuesta que no entendimos. Vuelve a intentarlo más tarde.',
  'errors.invalid_credentials':
    'El nombre de usuario y la contraseña no coinciden. Revísalos y vuelve a intentarlo.',
  'errors.username_taken': 'Este nombre de usuario ya está en uso. Elige otro.',
  'errors.invite_invalid': 'Este código de invitación no es válido o ha caducado.',
  'errors.signup_closed': 'Aquí no puedes crear una cuenta. Pídesela a un administrador.',
  'errors.tenant_not_found': 'No hay ninguna plataforma de aprendizaje en esta dirección.',
};
