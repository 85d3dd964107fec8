import type { AreaCatalogue } from '../area.js';
import type { enOffline } from './en.js';

export const arOffline: AreaCatalogue<typeof enOffline> = {
  'outbox.badge':
    '{count, plural, zero {لا سجلات بانتظار الإرسال} one {سجل واحد بانتظار الإرسال} two {سجلان بانتظار الإرسال} few {# سجلات بانتظار الإرسال} many {# سجلًا بانتظار الإرسال} other {# سجل بانتظار الإرسال}}',
  'outbox.badgeRefused':
    '{count, plural, zero {ولا شيء مرفوض} one {وسجل واحد مرفوض} two {وسجلان مرفوضان} few {و# سجلات مرفوضة} many {و# سجلًا مرفوضًا} other {و# سجل مرفوض}}',
  'outbox.title': 'بانتظار الإرسال',
  'outbox.intro':
    'يُحفظ ما تفعله على هذا الجهاز أولًا، ثم يُرسل إلى المنصة عند توفر الاتصال، بالترتيب الذي قمت به.',
  'outbox.unavailable': 'تتعذر قراءة مساحة التخزين في هذا الجهاز، لذا لا يمكن عرض شيء هنا.',
  'outbox.emptyTitle': 'تم إرسال كل شيء',
  'outbox.empty': 'لا شيء لك بانتظار الإرسال على هذا الجهاز.',
  'outbox.waiting':
    '{count, plural, =0 {لا شيء بالانتظار} zero {لا شيء بالانتظار} one {سجل واحد بالانتظار} two {سجلان بالانتظار} few {# سجلات بالانتظار} many {# سجلًا بالانتظار} other {# سجل بالانتظار}}',
  'outbox.statement': '{verb}: {name}',
  'outbox.quizAttempt': 'محاولة اختبار',
  'outbox.otherKind': 'سجل ({kind})',
  'outbox.queuedAt': 'حُفظ في {when}',
  'outbox.lastTry': 'آخر محاولة: {code}',
  'outbox.sendNow': 'أرسل الآن',
  'outbox.refused':
    '{count, plural, zero {لا شيء رفضته المنصة} one {سجل واحد رفضته المنصة} two {سجلان رفضتهما المنصة} few {# سجلات رفضتها المنصة} many {# سجلًا رفضته المنصة} other {# سجل رفضته المنصة}}',
  'outbox.refusedHelp': 'لم تقبل المنصة هذه السجلات. نحتفظ بها هنا حتى لا يضيع شيء: أعد المحاولة أو احذفها.',
  'outbox.reason': 'السبب: {code}',
  'outbox.retry': 'أعد المحاولة',
  'outbox.discard': 'احذف',
  'outbox.others':
    '{count, plural, zero {لا سجلات لمتعلمين آخرين على هذا الجهاز.} one {سجل واحد لمتعلم آخر على هذا الجهاز بالانتظار أيضًا.} two {سجلان لمتعلمين آخرين على هذا الجهاز بالانتظار أيضًا.} few {# سجلات لمتعلمين آخرين على هذا الجهاز بالانتظار أيضًا.} many {# سجلًا لمتعلمين آخرين على هذا الجهاز بالانتظار أيضًا.} other {# سجل لمتعلمين آخرين على هذا الجهاز بالانتظار أيضًا.}}',
  'quiz.provisionalTitle': 'نتيجة مؤقتة',
  'quiz.provisionalNote':
    'أنت غير متصل. حُسبت هذه النتيجة على هذا الجهاز. محاولتك محفوظة، وستصححها المنصة من جديد عند عودتك إلى الاتصال؛ ونتيجتها هي المعتمدة.',
  'quiz.finalNote': 'صححت المنصة محاولتك: هذه نتيجتك النهائية.',
  'auth.deviceProfiles': 'المتعلمون على هذا الجهاز',
  'auth.deviceProfilesHint': 'اختر اسمك، ثم أدخل كلمة المرور أو الرمز السري.',
  'auth.useProfile': 'الدخول باسم {name}',
  'auth.offlineNoProfile': 'أنت غير متصل. يمكن الآن الدخول فقط للمتعلمين الذين دخلوا على هذا الجهاز من قبل.',
};
