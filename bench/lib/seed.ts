// Seeding through the services, as an admin or an author would: learners, a
// curriculum, and published courses.
import type { DraftLessonInput } from '@satchel/core';
import type { Services } from '../../packages/server/dist/app/services.js';

export interface SeededLesson {
  id: string;
  title: string;
  kind: 'markdown' | 'quiz';
}

export interface SeededCourse {
  courseId: string;
  versionId: string;
  title: string;
  language: string;
  lessons: SeededLesson[];
}

export interface Learner {
  id: string;
  displayName: string;
}

const GIVEN = [
  'Amina',
  'Yusuf',
  'Grace',
  'Samuel',
  'Fatima',
  'Omar',
  'Lucía',
  'Thiago',
  'Nadia',
  'Joseph',
  'Mariam',
  'Ali',
];
const FAMILY = [
  'Banda',
  'Okello',
  'Haddad',
  'Mensah',
  'Silva',
  'Diallo',
  'Khalil',
  'Mwangi',
  'Costa',
  'Ndiaye',
];

/** An open platform lets anyone browse its catalog; an invite-only one only its members. */
export async function createTenant(
  services: Services,
  slug: string,
  signupPolicy: 'open' | 'invite' = 'invite',
): Promise<string> {
  const tenant = await services.tenants.create({
    slug,
    name: `Benchmark platform ${slug}`,
    defaultLocale: 'en',
    locales: ['en', 'fr', 'ar'],
    audiences: ['youth'],
    signupPolicy,
    inviteCode: signupPolicy === 'invite' ? 'bench-invite-only' : null,
  });
  return tenant.id;
}

/** Learners without a password (hashing one is slow and the benchmarks never sign them in). */
export async function createLearners(
  services: Services,
  tenantId: string,
  count: number,
): Promise<Learner[]> {
  const learners: Learner[] = [];
  for (let i = 0; i < count; i++) {
    const displayName = `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]}`;
    const user = await services.users.create(tenantId, {
      username: `learner${String(i).padStart(4, '0')}`,
      displayName,
      roles: ['learner'],
    });
    learners.push({ id: user.id, displayName });
  }
  return learners;
}

function lessons(title: string, count: number): DraftLessonInput[] {
  return Array.from({ length: count }, (_, i): DraftLessonInput => {
    // Every fourth lesson is a check-your-understanding quiz, as in the demo courses.
    if (i % 4 === 3) {
      return {
        kind: 'quiz',
        title: `${title}: check ${Math.ceil(i / 4)}`,
        quiz: {},
        questions: [
          { id: 'q1', type: 'truefalse', prompt: 'Washing hands takes at least 20 seconds.', correct: true },
          {
            id: 'q2',
            type: 'truefalse',
            prompt: 'Soap is only needed when hands look dirty.',
            correct: false,
          },
        ],
      };
    }
    return {
      kind: 'markdown',
      title: `${title}: part ${i + 1}`,
      body: `# ${title}, part ${i + 1}\n\nRead the story, then talk about it with a friend.\n\n- one\n- two\n- three\n`,
    };
  });
}

export interface CourseSpec {
  title: string;
  description?: string;
  language?: string;
  lessonsPerModule?: number;
  modules?: number;
  categoryId?: string | null;
  tags?: { gradeIds: string[]; subjectIds: string[]; outcomeIds: string[] };
  variantGroupId?: string;
}

/** Creates and publishes a course; returns its version's lessons as the manifest lists them. */
export async function publishCourse(
  services: Services,
  tenantId: string,
  spec: CourseSpec,
): Promise<SeededCourse> {
  const modules = spec.modules ?? 2;
  const perModule = spec.lessonsPerModule ?? 4;
  const language = spec.language ?? 'en';
  const course = await services.courses.create(
    tenantId,
    null,
    {
      title: spec.title,
      description:
        spec.description ??
        `${spec.title}: a short course for learners, with stories, activities and quizzes.`,
      language,
      categoryId: spec.categoryId ?? null,
      tags: spec.tags ?? { gradeIds: [], subjectIds: [], outcomeIds: [] },
      audiences: ['youth'],
      modules: Array.from({ length: modules }, (_, m) => ({
        title: `Module ${m + 1}`,
        lessons: lessons(`${spec.title} ${m + 1}`, perModule),
      })),
    },
    spec.variantGroupId ? { variantGroupId: spec.variantGroupId } : {},
  );
  const manifest = await services.courses.publish(tenantId, course.id, null);
  return {
    courseId: manifest.courseId,
    versionId: manifest.versionId,
    title: manifest.title,
    language,
    lessons: manifest.modules.flatMap((m) =>
      m.lessons.map((l) => ({
        id: l.id,
        title: l.title,
        kind: l.kind === 'quiz' ? ('quiz' as const) : ('markdown' as const),
      })),
    ),
  };
}
