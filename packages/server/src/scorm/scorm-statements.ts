import {
  buildStatement,
  courseActivityId,
  EXT_COURSE_VERSION,
  EXT_PROGRESS,
  formatIsoDuration,
  learnerAgent,
  lessonActivityId,
  VERBS,
  type ScormLessonOutcome,
  type ScormSnapshot,
  type Statement,
  type XapiContext,
  type XapiResult,
} from '@satchel/core';
import { derivedUuid } from '../quizzes/quiz-statements.js';

// A SCORM commit as xAPI (after ADL's SCORM-to-xAPI mapping): the lesson is the
// activity the progress projections read; each item of the package is a
// sub-activity of it. Statements are made on transitions only (first completion,
// a pass or fail, more progress, each session's start and end), and their ids derive
// from the attempt, item and session, so a replayed commit re-sends the same ones.

const SUSPENDED = 'http://adlnet.gov/expapi/verbs/suspended';
const SCO_TYPE = 'http://adlnet.gov/expapi/activities/lesson';
const COURSE_TYPE = 'http://adlnet.gov/expapi/activities/module';

export interface CommitFacts {
  tenantId: string;
  userId: string;
  courseId: string;
  versionId: string;
  lessonId: string;
  lessonTitle: string;
  attemptId: string;
  itemId: string;
  itemTitle: string;
  sessionId: string;
  event: 'initialize' | 'commit' | 'terminate';
  at: string;
  /** The item's state before and after this commit (null before its first). */
  before: ScormSnapshot | null;
  after: ScormSnapshot;
  /** All sessions of this item so far, in seconds. */
  totalSeconds: number;
  lessonBefore: ScormLessonOutcome;
  lessonAfter: ScormLessonOutcome;
}

export function itemActivityId(lessonId: string, itemId: string): string {
  return `${lessonActivityId(lessonId)}/sco/${encodeURIComponent(itemId)}`;
}

function scoreOf(
  s: Pick<ScormSnapshot, 'scoreScaled' | 'scoreRaw' | 'scoreMin' | 'scoreMax'>,
): XapiResult['score'] {
  if (s.scoreScaled === null) return undefined;
  const score: NonNullable<XapiResult['score']> = { scaled: s.scoreScaled };
  // xAPI requires min <= raw <= max when given; SCORM does not, so send only a consistent set.
  const { scoreRaw: raw, scoreMin: min, scoreMax: max } = s;
  if (raw !== null && (min === null || min <= raw) && (max === null || raw <= max)) {
    score.raw = raw;
    if (min !== null) score.min = min;
    if (max !== null && (min === null || min <= max)) score.max = max;
  }
  return score;
}

export function commitStatements(f: CommitFacts): Statement[] {
  const lessonIri = lessonActivityId(f.lessonId);
  const itemIri = itemActivityId(f.lessonId, f.itemId);
  const actor = learnerAgent(f.userId);
  const timestamp = new Date(f.at).toISOString();
  const context = (aboutItem: boolean): XapiContext => ({
    registration: f.attemptId,
    contextActivities: {
      ...(aboutItem ? { parent: [{ objectType: 'Activity', id: lessonIri }] } : {}),
      grouping: [
        { objectType: 'Activity', id: courseActivityId(f.courseId), definition: { type: COURSE_TYPE } },
      ],
    },
    extensions: { [EXT_COURSE_VERSION]: f.versionId },
  });
  const lessonObject = {
    objectType: 'Activity' as const,
    id: lessonIri,
    definition: { type: SCO_TYPE, name: { und: f.lessonTitle } },
  };
  const itemObject = {
    objectType: 'Activity' as const,
    id: itemIri,
    definition: { type: SCO_TYPE, name: { und: f.itemTitle } },
  };
  const id = (name: string): string => derivedUuid(`satchel/scorm/${f.tenantId}/${f.attemptId}/${name}`);
  const session = `${f.itemId}/${f.sessionId}`;
  const out: Statement[] = [];
  const add = (
    name: string,
    verb: string,
    display: string,
    aboutItem: boolean,
    result?: XapiResult,
  ): void => {
    out.push(
      buildStatement({
        id: id(name),
        actor,
        verb: { id: verb, display: { en: display } },
        object: aboutItem ? itemObject : lessonObject,
        ...(result && Object.keys(result).length > 0 ? { result } : {}),
        context: context(aboutItem),
        timestamp,
      }),
    );
  };

  if (f.event === 'initialize') add(`${session}/initialized`, VERBS.initialized, 'initialized', false);

  const before = f.before;
  const after = f.after;
  const itemScore = scoreOf(after);
  const total = formatIsoDuration(f.totalSeconds);
  if (after.completion === 'completed' && before?.completion !== 'completed') {
    add(`item/${f.itemId}/completed`, VERBS.completed, 'completed', true, {
      completion: true,
      ...(itemScore ? { score: itemScore } : {}),
      duration: total,
    });
  }
  if (after.success !== 'unknown' && after.success !== before?.success) {
    add(
      `${session}/${after.success}`,
      after.success === 'passed' ? VERBS.passed : VERBS.failed,
      after.success,
      true,
      {
        success: after.success === 'passed',
        ...(itemScore ? { score: itemScore } : {}),
      },
    );
  }

  const lb = f.lessonBefore;
  const la = f.lessonAfter;
  const lessonScore = la.scaled === null ? undefined : { scaled: la.scaled };
  if (!la.completed && la.progress > lb.progress) {
    add(`lesson/progress/${la.progress}`, VERBS.progressed, 'progressed', false, {
      extensions: { [EXT_PROGRESS]: la.progress },
    });
  }
  if (la.success !== 'unknown' && la.success !== lb.success) {
    add(`lesson/${la.success}`, la.success === 'passed' ? VERBS.passed : VERBS.failed, la.success, false, {
      success: la.success === 'passed',
      ...(lessonScore ? { score: lessonScore } : {}),
    });
  }
  if (la.completed && !lb.completed) {
    add('lesson/completed', VERBS.completed, 'completed', false, {
      completion: true,
      ...(la.success === 'unknown' ? {} : { success: la.success === 'passed' }),
      ...(lessonScore ? { score: lessonScore } : {}),
    });
  }

  if (f.event === 'terminate') {
    const suspended = after.exit === 'suspend';
    add(
      `${session}/${suspended ? 'suspended' : 'terminated'}`,
      suspended ? SUSPENDED : VERBS.terminated,
      suspended ? 'suspended' : 'terminated',
      false,
      {
        duration: formatIsoDuration(after.sessionSeconds),
      },
    );
  }
  return out;
}
