// Statements as Satchel's player and quiz grader write them (packages/web/src/player/
// statements.ts, server quizzes): the learner as an account agent, the lesson as the
// activity, the course as the grouping, the course version as a context extension,
// and a result on progress, completion and quiz statements.
import {
  ACTOR_HOMEPAGE,
  courseActivityId,
  EXT_PROGRESS,
  lessonActivityId,
  uuidv7,
  VERBS,
  type Statement,
  type XapiResult,
} from '@satchel/core';
import type { Learner, SeededCourse, SeededLesson } from './seed.js';

const EXT_COURSE_VERSION = 'https://satchel.invalid/extensions/course-version';
const LESSON_TYPE = 'http://adlnet.gov/expapi/activities/lesson';

/** A deterministic pseudo-random source, so every run sends the same kind of data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Step = { verb: 'launched' | 'progressed' | 'completed' | 'passed' | 'failed'; result?: XapiResult };

/** What a learner sends while working through one lesson. */
function stepsFor(lesson: SeededLesson, random: () => number): Step[] {
  if (lesson.kind === 'quiz') {
    const correct = random() < 0.7 ? 2 : 1;
    const score = { raw: correct, min: 0, max: 2, scaled: correct / 2 };
    const passed = correct === 2;
    return [
      { verb: 'launched' },
      {
        verb: passed ? 'passed' : 'failed',
        result: {
          score,
          success: passed,
          completion: true,
          duration: `PT${30 + Math.floor(random() * 200)}S`,
        },
      },
    ];
  }
  return [
    { verb: 'launched' },
    { verb: 'progressed', result: { extensions: { [EXT_PROGRESS]: 0.5 } } },
    { verb: 'completed', result: { completion: true, duration: `PT${60 + Math.floor(random() * 400)}S` } },
  ];
}

function statement(
  learner: Learner,
  course: SeededCourse,
  lesson: SeededLesson,
  step: Step,
  at: Date,
): Statement {
  const s: Statement = {
    id: uuidv7(at.getTime()),
    actor: { objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: learner.id } },
    verb: { id: VERBS[step.verb], display: { en: step.verb } },
    object: {
      objectType: 'Activity',
      id: lessonActivityId(lesson.id),
      definition: { type: LESSON_TYPE, name: { [course.language]: lesson.title } },
    },
    context: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: courseActivityId(course.courseId) }] },
      extensions: { [EXT_COURSE_VERSION]: course.versionId },
    },
    timestamp: at.toISOString(),
  };
  if (step.result) s.result = step.result;
  return s;
}

/**
 * One device's queue of `size` statements: a shared phone (one to three learners)
 * working through lessons of one course, in order, resuming where each stopped.
 */
export class DeviceQueues {
  private readonly random: () => number;
  private readonly position = new Map<string, number>();
  private clock = Date.parse('2026-09-01T08:00:00.000Z');

  constructor(
    private readonly learners: readonly Learner[],
    private readonly courses: readonly SeededCourse[],
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  batch(size: number): Statement[] {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(this.random() * items.length)]!;
    const course = pick(this.courses);
    const sharing = Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => pick(this.learners));
    const out: Statement[] = [];
    while (out.length < size) {
      const learner = pick(sharing);
      const key = `${learner.id}/${course.courseId}`;
      const index = this.position.get(key) ?? 0;
      this.position.set(key, index + 1);
      const lesson = course.lessons[index % course.lessons.length]!;
      for (const step of stepsFor(lesson, this.random)) {
        if (out.length === size) break;
        this.clock += 1000 + Math.floor(this.random() * 60_000);
        out.push(statement(learner, course, lesson, step, new Date(this.clock)));
      }
    }
    return out;
  }
}
