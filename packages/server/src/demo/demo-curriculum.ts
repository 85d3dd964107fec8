import type { Services } from '../app/services.js';

// The demo's curriculum frameworks and categories, in English, French and Arabic.
// The demo course packages tag themselves with these codes and category names.

type Names = Record<string, string>;

export interface FrameworkSpec {
  code: string;
  name: Names;
  description: string;
  subjects: { code: string; name: Names }[];
  grades: { code: string; name: Names }[];
  outcomes: { code: string; subject: string; grade: string; name: Names }[];
}

const gradeNames = (n: number): Names => {
  const ordinalsAr = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس'];
  return { en: `Grade ${n}`, fr: n === 1 ? '1re année' : `${n}e année`, ar: `الصف ${ordinalsAr[n - 1]!}` };
};

export const LEARNERS_FRAMEWORK: FrameworkSpec = {
  code: 'SATCHEL-DEMO',
  name: {
    en: 'Satchel demo curriculum',
    fr: 'Programme de démonstration Satchel',
    ar: 'منهج Satchel التجريبي',
  },
  description:
    'A small primary curriculum for the demo: numeracy, literacy, life skills and science, grades 1 to 6.',
  subjects: [
    { code: 'MATH', name: { en: 'Mathematics', fr: 'Mathématiques', ar: 'الرياضيات' } },
    { code: 'LIT', name: { en: 'Literacy', fr: 'Lecture et écriture', ar: 'القراءة والكتابة' } },
    { code: 'LIFE', name: { en: 'Life skills', fr: 'Compétences de vie', ar: 'المهارات الحياتية' } },
    { code: 'SCI', name: { en: 'Science', fr: 'Sciences', ar: 'العلوم' } },
  ],
  grades: [1, 2, 3, 4, 5, 6].map((n) => ({ code: `G${n}`, name: gradeNames(n) })),
  outcomes: [
    {
      code: 'MATH.G1.N1',
      subject: 'MATH',
      grade: 'G1',
      name: { en: 'Count forward from 1 to 10', fr: 'Compter de 1 à 10', ar: 'العدّ من ١ إلى ١٠' },
    },
    {
      code: 'MATH.G1.N2',
      subject: 'MATH',
      grade: 'G1',
      name: {
        en: 'Read numbers from 1 to 10 and put them in order',
        fr: 'Lire les nombres de 1 à 10 et les ranger',
        ar: 'قراءة الأعداد من ١ إلى ١٠ وترتيبها',
      },
    },
    {
      code: 'MATH.G2.A1',
      subject: 'MATH',
      grade: 'G2',
      name: {
        en: 'Add two numbers with a sum up to 20',
        fr: 'Additionner deux nombres jusqu’à 20',
        ar: 'جمع عددين حتى ٢٠',
      },
    },
    {
      code: 'MATH.G2.A2',
      subject: 'MATH',
      grade: 'G2',
      name: {
        en: 'Solve number stories with addition within 20',
        fr: 'Résoudre des problèmes d’addition jusqu’à 20',
        ar: 'حل مسائل جمع حتى ٢٠',
      },
    },
    {
      code: 'LIT.G1.R1',
      subject: 'LIT',
      grade: 'G1',
      name: {
        en: 'Read a short story with simple sentences',
        fr: 'Lire une histoire courte',
        ar: 'قراءة قصة قصيرة',
      },
    },
    {
      code: 'LIT.G2.R2',
      subject: 'LIT',
      grade: 'G2',
      name: {
        en: 'Answer questions about a story',
        fr: 'Répondre à des questions sur une histoire',
        ar: 'الإجابة عن أسئلة حول قصة',
      },
    },
    {
      code: 'SCI.G3.H1',
      subject: 'SCI',
      grade: 'G3',
      name: {
        en: 'Explain how germs spread and how soap stops them',
        fr: 'Expliquer comment les microbes se propagent',
        ar: 'شرح كيف تنتشر الجراثيم وكيف يوقفها الصابون',
      },
    },
    {
      code: 'LIFE.G3.H2',
      subject: 'LIFE',
      grade: 'G3',
      name: {
        en: 'Wash hands correctly at the right times',
        fr: 'Se laver les mains correctement',
        ar: 'غسل اليدين بطريقة صحيحة وفي الأوقات المناسبة',
      },
    },
    {
      code: 'LIFE.G4.W1',
      subject: 'LIFE',
      grade: 'G4',
      name: {
        en: 'Use slow breathing to calm down',
        fr: 'Respirer lentement pour se calmer',
        ar: 'التنفس ببطء للشعور بالهدوء',
      },
    },
    {
      code: 'LIFE.G4.W2',
      subject: 'LIFE',
      grade: 'G4',
      name: { en: 'Name common feelings', fr: 'Nommer ses émotions', ar: 'تسمية المشاعر' },
    },
  ],
};

export const EDUCATORS_FRAMEWORK: FrameworkSpec = {
  code: 'TCF',
  name: {
    en: 'Teacher competency framework',
    fr: 'Référentiel de compétences des enseignants',
    ar: 'إطار كفايات المعلمين',
  },
  description: 'Competencies for teachers working in emergencies and protracted crises.',
  subjects: [
    { code: 'PED', name: { en: 'Pedagogy', fr: 'Pédagogie', ar: 'أصول التدريس' } },
    {
      code: 'WELL',
      name: { en: 'Well-being and protection', fr: 'Bien-être et protection', ar: 'الرفاه والحماية' },
    },
  ],
  grades: [
    { code: 'L1', name: { en: 'Foundation', fr: 'Fondamental', ar: 'المستوى الأساسي' } },
    { code: 'L2', name: { en: 'Intermediate', fr: 'Intermédiaire', ar: 'المستوى المتوسط' } },
  ],
  outcomes: [
    {
      code: 'TCF.PED.1',
      subject: 'PED',
      grade: 'L1',
      name: {
        en: 'Establish routines and positive rules',
        fr: 'Instaurer des routines et des règles positives',
        ar: 'وضع روتين وقواعد إيجابية',
      },
    },
    {
      code: 'TCF.PED.2',
      subject: 'PED',
      grade: 'L1',
      name: {
        en: 'Respond to difficult behaviour calmly and without punishment',
        fr: 'Réagir calmement et sans punition',
        ar: 'التعامل مع السلوك الصعب بهدوء ودون عقاب',
      },
    },
    {
      code: 'TCF.WELL.1',
      subject: 'WELL',
      grade: 'L1',
      name: {
        en: 'Recognise distress and refer children to support',
        fr: 'Repérer la détresse et orienter',
        ar: 'التعرف على الضيق وإحالة الأطفال إلى الدعم',
      },
    },
    {
      code: 'TCF.WELL.2',
      subject: 'WELL',
      grade: 'L2',
      name: {
        en: 'Look after your own well-being',
        fr: 'Prendre soin de son bien-être',
        ar: 'الاهتمام برفاهك الشخصي',
      },
    },
  ],
};

export const LEARNERS_CATEGORIES: Names[] = [
  { en: 'Numeracy', fr: 'Calcul', ar: 'الحساب' },
  { en: 'Reading', fr: 'Lecture', ar: 'القراءة' },
  { en: 'Health and hygiene', fr: 'Santé et hygiène', ar: 'الصحة والنظافة' },
  { en: 'Well-being', fr: 'Bien-être', ar: 'الرفاه النفسي' },
];

export const EDUCATORS_CATEGORIES: Names[] = [
  { en: 'Classroom practice', fr: 'Pratique de classe', ar: 'الممارسة الصفية' },
  { en: 'Teacher well-being', fr: 'Bien-être des enseignants', ar: 'رفاه المعلمين' },
];

/** Creates a framework with its subjects, grades and outcomes; returns item ids by code. */
export async function createFramework(
  services: Pick<Services, 'curriculum'>,
  tenantId: string,
  spec: FrameworkSpec,
): Promise<Map<string, string>> {
  const framework = await services.curriculum.createFramework(tenantId, {
    code: spec.code,
    name: spec.name,
    description: spec.description,
  });
  const ids = new Map<string, string>();
  for (const subject of spec.subjects) {
    ids.set(
      subject.code,
      (
        await services.curriculum.addItem(tenantId, framework.id, {
          kind: 'subject',
          code: subject.code,
          name: subject.name,
        })
      ).id,
    );
  }
  for (const grade of spec.grades) {
    ids.set(
      grade.code,
      (
        await services.curriculum.addItem(tenantId, framework.id, {
          kind: 'grade',
          code: grade.code,
          name: grade.name,
        })
      ).id,
    );
  }
  for (const outcome of spec.outcomes) {
    const item = await services.curriculum.addItem(tenantId, framework.id, {
      kind: 'outcome',
      code: outcome.code,
      name: outcome.name,
      subjectId: ids.get(outcome.subject)!,
      gradeId: ids.get(outcome.grade)!,
    });
    ids.set(outcome.code, item.id);
  }
  return ids;
}

export async function createCategories(
  services: Pick<Services, 'categories'>,
  tenantId: string,
  names: readonly Names[],
): Promise<void> {
  for (const [sort, name] of names.entries()) await services.categories.create(tenantId, { name, sort });
}
