import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CourseContent, Lesson } from '../course/course.schema.js';
import { CourseContent as CourseContentSchema } from '../course/course.schema.js';
import { at, COURSE, IDS, lesson, st, voiding } from '../test-support/progress.js';
import type { VerbName } from '../xapi/iri.js';
import { courseProgress } from './course-progress.js';
import { attemptsUsed, lessonProgress } from './lesson-progress.js';
import type { ProgressStatement } from './statement.js';

const completeEverything = (): ProgressStatement[] => [
  st({ lessonId: IDS.video, verb: 'progressed', progress: 0.92, at: at(10) }),
  st({ lessonId: IDS.pdf, verb: 'launched', at: at(20) }),
  st({ lessonId: IDS.quiz, verb: 'passed', success: true, scaled: 1, registration: 'r', at: at(40) }),
  st({ lessonId: IDS.html5, verb: 'completed', at: at(30) }),
];

describe('courseProgress', () => {
  it('has not started a course without statements', () => {
    expect(courseProgress(COURSE, [])).toMatchObject({
      status: 'not_started',
      percent: 0,
      completedLessons: 0,
      requiredLessons: 4,
    });
  });

  it('counts required lessons only, rounding the percentage down', () => {
    const statements = [
      st({ lessonId: IDS.video, verb: 'completed' }),
      st({ lessonId: IDS.pdf, verb: 'launched' }),
      st({ lessonId: IDS.optional, verb: 'launched' }),
      st({ lessonId: IDS.quiz, verb: 'failed' }),
    ];
    const progress = courseProgress(COURSE, statements);
    expect(progress).toMatchObject({
      status: 'in_progress',
      percent: 50,
      completedLessons: 2,
      requiredLessons: 4,
    });
    expect(progress.lessons[IDS.optional]!.status).toBe('completed');
    expect(progress.lessons[IDS.quiz]!.status).toBe('in_progress');
    expect(progress.lessons[IDS.html5]!.status).toBe('not_started');
  });

  it('completes when every required lesson is complete, at the last completion', () => {
    expect(courseProgress(COURSE, completeEverything())).toMatchObject({
      status: 'completed',
      percent: 100,
      completedLessons: 4,
      completedAt: at(40),
    });
  });

  it('never shows 100% before the course is complete', () => {
    const many = CourseContentSchema.parse({
      title: 'Long',
      language: 'en',
      modules: [
        {
          id: '01900000-0000-7000-8000-0000000000b3',
          title: 'All',
          lessons: Array.from({ length: 200 }, (_, i) =>
            lesson('markdown', `01900000-0000-7000-8000-${(0xc00 + i).toString(16).padStart(12, '0')}`),
          ),
        },
      ],
    });
    const opened = allButLast(many).map((l) => st({ lessonId: l.id, verb: 'launched' }));
    expect(courseProgress(many, opened)).toMatchObject({ status: 'in_progress', percent: 99 });
  });

  it('keeps the progress of a learner who started on an older version, ignoring removed lessons', () => {
    const statements = [...completeEverything(), st({ lessonId: IDS.removed, verb: 'launched' })];
    const progress = courseProgress(COURSE, statements);
    expect(progress.status).toBe('completed');
    expect(Object.keys(progress.lessons)).not.toContain(IDS.removed);
  });

  it('counts every lesson when none is required', () => {
    const optionalOnly = CourseContentSchema.parse({
      title: 'Browse',
      language: 'en',
      modules: [
        {
          id: '01900000-0000-7000-8000-0000000000b4',
          title: 'M',
          lessons: [
            lesson('pdf', IDS.pdf, { required: false }),
            lesson('link', IDS.html5, { required: false }),
          ],
        },
      ],
    });
    expect(courseProgress(optionalOnly, [])).toMatchObject({ status: 'not_started', requiredLessons: 2 });
    expect(courseProgress(optionalOnly, [st({ lessonId: IDS.pdf, verb: 'launched' })])).toMatchObject({
      status: 'in_progress',
      percent: 50,
    });
  });

  it('applies voiding statements across lessons', () => {
    const statements = completeEverything();
    const progress = courseProgress(COURSE, [...statements, voiding(statements[2]!.id)]);
    expect(progress).toMatchObject({ status: 'in_progress', percent: 75 });
    expect(progress.lessons[IDS.quiz]!.status).toBe('not_started');
  });
});

function allButLast(c: CourseContent): Lesson[] {
  const lessons = c.modules.flatMap((m) => m.lessons);
  return lessons.slice(0, -1);
}

// ---- properties -----------------------------------------------------------

const arbStatement: fc.Arbitrary<ProgressStatement> = fc
  .record({
    id: fc.uuid(),
    lessonId: fc.constantFrom(...Object.values(IDS)),
    verb: fc.constantFrom<VerbName>(
      'launched',
      'progressed',
      'completed',
      'passed',
      'failed',
      'experienced',
      'answered',
    ),
    at: fc.option(fc.integer({ min: 0, max: 10_000 }).map(at), { nil: undefined }),
    progress: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    scaled: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    success: fc.option(fc.boolean(), { nil: undefined }),
    registration: fc.option(fc.constantFrom('r1', 'r2', 'r3'), { nil: undefined }),
  })
  .map((spec) => st(spec));

/** Statements with distinct ids, plus voiding statements for some of them. */
const arbLog = fc
  .uniqueArray(arbStatement, { selector: (s) => s.id, maxLength: 30 })
  .chain((statements) =>
    fc
      .subarray(statements, { maxLength: Math.min(4, statements.length) })
      .map((voided) => [...statements, ...voided.map((s) => voiding(s.id, `void-${s.id}`))]),
  );

const permutation = <T>(items: readonly T[]): fc.Arbitrary<T[]> =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe('progress properties', () => {
  it('does not depend on the order statements arrive in', () => {
    fc.assert(
      fc.property(
        arbLog.chain((log) => fc.tuple(fc.constant(log), permutation(log))),
        ([log, shuffled]) => {
          expect(courseProgress(COURSE, shuffled)).toEqual(courseProgress(COURSE, log));
        },
      ),
    );
  });

  it('counts a statement received twice once', () => {
    fc.assert(
      fc.property(
        arbLog.chain((log) => fc.tuple(fc.constant(log), fc.subarray(log))),
        ([log, repeated]) => {
          expect(courseProgress(COURSE, [...log, ...repeated])).toEqual(courseProgress(COURSE, log));
          for (const l of COURSE.modules.flatMap((m) => m.lessons)) {
            expect(attemptsUsed(l, [...repeated, ...log])).toBe(attemptsUsed(l, log));
          }
        },
      ),
    );
  });

  it('agrees with lessonProgress lesson by lesson, and keeps its numbers in range', () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        const progress = courseProgress(COURSE, log);
        expect(progress.percent).toBeGreaterThanOrEqual(0);
        expect(progress.percent).toBeLessThanOrEqual(100);
        expect(Number.isInteger(progress.percent)).toBe(true);
        expect(progress.percent === 100).toBe(progress.status === 'completed');
        for (const l of COURSE.modules.flatMap((m) => m.lessons)) {
          const own = lessonProgress(l, log);
          expect(progress.lessons[l.id]).toEqual(own);
          expect(own.progress).toBeGreaterThanOrEqual(0);
          expect(own.progress).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('never un-completes a lesson when more statements arrive', () => {
    fc.assert(
      fc.property(arbLog, fc.array(arbStatement, { maxLength: 10 }), (log, more) => {
        const before = courseProgress(COURSE, log);
        const after = courseProgress(COURSE, [...log, ...more]);
        for (const [id, p] of Object.entries(before.lessons)) {
          if (p.status === 'completed') expect(after.lessons[id]!.status).toBe('completed');
        }
      }),
    );
  });
});
