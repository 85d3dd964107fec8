import {
  allLessons,
  buildStatement,
  courseActivityId,
  EXT_PROGRESS,
  learnerAgent,
  lessonActivityId,
  uuidv7,
  VERBS,
  type CourseManifest,
  type Lesson,
  type Question,
  type Response,
  type Statement,
} from '@satchel/core';
import type { Services } from '../app/services.js';
import { EXT_COURSE_VERSION } from '../lrs/lrs.ingest.js';

// Learning already done when the demo opens, so the learner's home page, the
// educator's class view and the reports have something to show. Statements are
// written as Satchel's player writes them (grouped under the course, with the
// version), and quiz attempts go through the real grader.

type LessonStep = 'complete' | 'launch' | { watched: number };

export interface DemoProgress {
  user: string;
  course: string;
  /** Steps for the course's lessons, in course order (quizzes are taken with `quiz`). */
  lessons: LessonStep[];
  /** Answers for the first quiz: all right, or only the first question right. */
  quiz?: 'pass' | 'fail';
  daysAgo: number;
}

export const LEARNERS_PROGRESS: DemoProgress[] = [
  {
    user: 'learner',
    course: 'numbers-1-to-10',
    lessons: ['complete', 'complete', 'complete'],
    quiz: 'pass',
    daysAgo: 6,
  },
  { user: 'learner', course: 'adding-within-20', lessons: ['complete'], daysAgo: 2 },
  {
    user: 'omar',
    course: 'numbers-1-to-10',
    lessons: [{ watched: 0.5 }, 'launch'],
    quiz: 'fail',
    daysAgo: 3,
  },
  { user: 'chidi', course: 'numbers-1-to-10', lessons: ['complete'], daysAgo: 1 },
  { user: 'layla', course: 'handwashing-ar', lessons: ['complete', 'complete'], quiz: 'pass', daysAgo: 4 },
  { user: 'sofia', course: 'feeling-calm', lessons: ['complete', 'complete'], daysAgo: 5 },
  { user: 'joao', course: 'handwashing-en', lessons: ['launch'], daysAgo: 1 },
];

export const EDUCATORS_PROGRESS: DemoProgress[] = [
  {
    user: 'learner',
    course: 'positive-classroom',
    lessons: ['complete', 'complete', 'complete', 'complete'],
    quiz: 'pass',
    daysAgo: 3,
  },
  { user: 'mary', course: 'positive-classroom', lessons: ['complete'], daysAgo: 1 },
];

/** An answer to each question: the right one, or (when `right` is false) a wrong one. */
export function answerFor(q: Question, right: boolean): Response {
  switch (q.type) {
    case 'single':
      return right ? q.correct : (q.options.find((o) => o.id !== q.correct)?.id ?? q.correct);
    case 'multiple':
      return right ? q.correct : q.options.filter((o) => !q.correct.includes(o.id)).map((o) => o.id);
    case 'truefalse':
      return right ? q.correct : !q.correct;
    case 'fill':
      return q.blanks.map((accepted) => (right ? accepted[0]! : 'not sure'));
    case 'numeric':
      return right ? q.answer : q.answer + q.tolerance + 10;
    case 'ordering': {
      const ids = q.items.map((i) => i.id);
      return right ? ids : [...ids].reverse();
    }
    case 'matching': {
      const ids = q.pairs.map((p) => p.id);
      return Object.fromEntries(ids.map((id, i) => [id, right ? id : ids[(i + 1) % ids.length]!]));
    }
  }
}

function lessonStatement(
  manifest: CourseManifest,
  userId: string,
  displayName: string,
  lesson: Lesson,
  step: LessonStep,
  at: Date,
): Statement {
  const context = {
    contextActivities: {
      grouping: [{ id: courseActivityId(manifest.courseId), objectType: 'Activity' as const }],
    },
    extensions: { [EXT_COURSE_VERSION]: manifest.versionId },
  };
  const object = {
    id: lessonActivityId(lesson.id),
    objectType: 'Activity' as const,
    definition: { name: { [manifest.language]: lesson.title } },
  };
  const base = {
    id: uuidv7(at.getTime()),
    actor: learnerAgent(userId, displayName),
    object,
    context,
    timestamp: at.toISOString(),
  };
  if (step === 'launch')
    return buildStatement({ ...base, verb: { id: VERBS.launched, display: { 'en-US': 'launched' } } });
  if (step === 'complete') {
    return buildStatement({
      ...base,
      verb: { id: VERBS.completed, display: { 'en-US': 'completed' } },
      result: { completion: true },
    });
  }
  return buildStatement({
    ...base,
    verb: { id: VERBS.progressed, display: { 'en-US': 'progressed' } },
    result: { extensions: { [EXT_PROGRESS]: step.watched } },
  });
}

export interface ProgressContext {
  tenantId: string;
  users: ReadonlyMap<string, { id: string; displayName: string }>;
  /** The published version of each course, by package folder. */
  versions: ReadonlyMap<string, { courseId: string; versionId: string }>;
}

export async function recordProgress(
  services: Services,
  ctx: ProgressContext,
  plans: readonly DemoProgress[],
): Promise<number> {
  const now = services.ctx.clock.now().getTime();
  let statements = 0;
  for (const plan of plans) {
    const user = ctx.users.get(plan.user);
    const version = ctx.versions.get(plan.course);
    if (!user || !version)
      throw new Error(`demo progress names an unknown user or course: ${plan.user}, ${plan.course}`);
    const manifest = await services.courses.versionManifest(ctx.tenantId, version.versionId);
    const lessons = allLessons(manifest);
    const start = now - plan.daysAgo * 24 * 3600 * 1000;
    const batch = lessons
      .filter((l) => l.kind !== 'quiz')
      .slice(0, plan.lessons.length)
      .map((lesson, i) =>
        lessonStatement(
          manifest,
          user.id,
          user.displayName,
          lesson,
          plan.lessons[i]!,
          new Date(start + i * 6 * 60 * 1000),
        ),
      );
    if (batch.length > 0) await services.lrs.store(ctx.tenantId, batch, { kind: 'system' });
    statements += batch.length;
    const quiz = lessons.find((l) => l.kind === 'quiz');
    if (plan.quiz && quiz?.kind === 'quiz') {
      const right = plan.quiz === 'pass';
      const responses = Object.fromEntries(
        quiz.questions.map((q, i) => [q.id, answerFor(q, right || i === 0)]),
      );
      const startedAt = new Date(start + 40 * 60 * 1000);
      await services.quizzes.submit(
        { tenantId: ctx.tenantId, userId: user.id, courseId: version.courseId, lessonId: quiz.id },
        {
          attemptId: uuidv7(startedAt.getTime()),
          versionId: version.versionId,
          responses,
          startedAt: startedAt.toISOString(),
          submittedAt: new Date(startedAt.getTime() + 4 * 60 * 1000).toISOString(),
        },
      );
    }
  }
  await services.progress.flushed();
  return statements;
}
