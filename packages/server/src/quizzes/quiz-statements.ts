import { createHash } from 'node:crypto';
import {
  buildStatement,
  courseActivityId,
  learnerAgent,
  lessonActivityId,
  VERBS,
  type Question,
  type QuizLesson,
  type QuizResult,
  type Statement,
  type XapiContext,
  type XapiInteractionType,
} from '@satchel/core';
import { EXT_COURSE_VERSION } from '../lrs/lrs.ingest.js';

// The xAPI statements of a graded quiz attempt. Their ids derive from the attempt
// id, so a retried submission (after a crash between storing the statements and
// the attempt) re-sends the very same statements and the LRS stores them once.

export interface GradedAttempt {
  tenantId: string;
  userId: string;
  courseId: string;
  versionId: string;
  lesson: QuizLesson;
  attemptId: string;
  responses: Readonly<Record<string, unknown>>;
  startedAt: string;
  submittedAt: string;
  result: QuizResult;
}

const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const ASSESSMENT = 'http://adlnet.gov/expapi/activities/assessment';

/** A UUIDv8 (RFC 9562 custom) from a SHA-256 of the name: stable for the same attempt and index. */
export function derivedUuid(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function questionActivityId(lessonId: string, questionId: string): string {
  return `${lessonActivityId(lessonId)}/question/${encodeURIComponent(questionId)}`;
}

const INTERACTION_TYPES: Record<Question['type'], XapiInteractionType> = {
  single: 'choice',
  multiple: 'choice',
  truefalse: 'true-false',
  fill: 'fill-in',
  numeric: 'numeric',
  ordering: 'sequencing',
  matching: 'matching',
};

/** The response in xAPI's interaction response syntax (Data 2.4.4.1), or undefined when there is none. */
export function xapiResponse(question: Question, response: unknown): string | undefined {
  if (response === undefined || response === null) return undefined;
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'fill':
    case 'ordering':
      if (typeof response === 'string') return response;
      if (Array.isArray(response) && response.every((r) => typeof r === 'string'))
        return response.join('[,]');
      break;
    case 'truefalse':
    case 'numeric':
      if (typeof response === 'boolean' || (typeof response === 'number' && Number.isFinite(response)))
        return String(response);
      break;
    case 'matching':
      if (typeof response === 'object' && !Array.isArray(response)) {
        return Object.entries(response as Record<string, unknown>)
          .map(([left, right]) => `${left}[.]${String(right)}`)
          .join('[,]');
      }
      break;
  }
  // A malformed response (an old or corrupted client) is recorded as sent, for the record.
  return JSON.stringify(response);
}

/** ISO 8601 duration between two times, to the hundredth of a second; undefined when negative. */
export function isoDuration(from: string, to: string): string | undefined {
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return `PT${(Math.round(ms / 10) / 100).toString()}S`;
}

export function attemptStatements(a: GradedAttempt): { statements: Statement[]; outcomeStatementId: string } {
  const lessonIri = lessonActivityId(a.lesson.id);
  const timestamp = new Date(a.submittedAt).toISOString();
  const actor = learnerAgent(a.userId);
  const context = (parent: boolean): XapiContext => ({
    registration: a.attemptId,
    contextActivities: {
      ...(parent ? { parent: [{ objectType: 'Activity', id: lessonIri }] } : {}),
      grouping: [{ objectType: 'Activity', id: courseActivityId(a.courseId) }],
    },
    extensions: { [EXT_COURSE_VERSION]: a.versionId },
  });
  const id = (n: number): string => derivedUuid(`satchel/quiz-attempt/${a.tenantId}/${a.attemptId}/${n}`);
  const byId = new Map(a.lesson.questions.map((q) => [q.id, q]));

  const statements: Statement[] = a.result.questions.map((outcome, index) => {
    const question = byId.get(outcome.questionId)!;
    const response = xapiResponse(
      question,
      Object.hasOwn(a.responses, question.id) ? a.responses[question.id] : undefined,
    );
    return buildStatement({
      id: id(index + 1),
      actor,
      verb: { id: VERBS.answered, display: { en: 'answered' } },
      object: {
        objectType: 'Activity',
        id: questionActivityId(a.lesson.id, question.id),
        definition: { type: INTERACTION, interactionType: INTERACTION_TYPES[question.type] },
      },
      result: {
        success: outcome.correct,
        score: {
          raw: outcome.score,
          min: 0,
          max: outcome.maxScore,
          scaled: outcome.maxScore > 0 ? round4(outcome.score / outcome.maxScore) : 0,
        },
        ...(response === undefined ? {} : { response }),
      },
      context: context(true),
      timestamp,
    });
  });

  const duration = isoDuration(a.startedAt, a.submittedAt);
  const outcomeStatementId = id(0);
  const { score, maxScore, scaled, passed } = a.result;
  statements.push(
    buildStatement({
      id: outcomeStatementId,
      actor,
      verb: passed
        ? { id: VERBS.passed, display: { en: 'passed' } }
        : { id: VERBS.failed, display: { en: 'failed' } },
      object: {
        objectType: 'Activity',
        id: lessonIri,
        definition: { type: ASSESSMENT, name: { und: a.lesson.title } },
      },
      result: {
        score: { scaled, raw: score, min: 0, max: maxScore },
        success: passed,
        completion: true,
        ...(duration ? { duration } : {}),
      },
      context: context(false),
      timestamp,
    }),
    buildStatement({
      id: id(a.result.questions.length + 1),
      actor,
      verb: { id: VERBS.completed, display: { en: 'completed' } },
      object: { objectType: 'Activity', id: lessonIri },
      result: { completion: true, ...(duration ? { duration } : {}) },
      context: context(false),
      timestamp,
    }),
  );
  return { statements, outcomeStatementId };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
