// The few parts of an xAPI 1.0.3 statement that progress projections read.
// Structural on purpose: any statement type with these fields fits, so this
// module does not depend on the xAPI module's own types.
import { EXT_CMI5_PROGRESS, EXT_PROGRESS, VERBS } from '../xapi/iri.js';

export interface ProgressStatement {
  id: string;
  actor: unknown;
  verb: { id: string };
  object: { id: string; objectType?: string };
  result?: {
    completion?: boolean;
    success?: boolean;
    score?: { scaled?: number; raw?: number; max?: number; min?: number };
    extensions?: Record<string, unknown>;
  };
  context?: {
    registration?: string;
    extensions?: Record<string, unknown>;
    contextActivities?: unknown;
  };
  timestamp?: string;
  stored?: string;
}

export interface ProgressOptions {
  /**
   * Ids of statements voided by voiding statements that are not in the list
   * passed (for instance when the caller queried statements by activity, which
   * leaves out voiding statements, whose object is a StatementRef). Voiding
   * statements that are in the list are applied as well.
   */
  voidedStatementIds?: Iterable<string>;
}

/**
 * The statements that count: voiding statements and the statements they void
 * removed, and each statement id kept once. Statements sharing an id are
 * assumed identical, as xAPI requires (an LRS rejects conflicting ones).
 */
export function countableStatements(
  statements: readonly ProgressStatement[],
  options: ProgressOptions = {},
): ProgressStatement[] {
  const voided = new Set(options.voidedStatementIds ?? []);
  for (const s of statements) {
    if (s.verb.id === VERBS.voided && s.object.objectType === 'StatementRef') voided.add(s.object.id);
  }
  const byId = new Map<string, ProgressStatement>();
  for (const s of statements) {
    if (s.verb.id === VERBS.voided || voided.has(s.id) || byId.has(s.id)) continue;
    byId.set(s.id, s);
  }
  return [...byId.values()];
}

/** Media progress, 0..1, from the xAPI video extension (0..1) or cmi5's (0..100). */
export function progressOf(statement: ProgressStatement): number | undefined {
  const extensions = statement.result?.extensions;
  if (!extensions) return undefined;
  const fraction = extensions[EXT_PROGRESS];
  const percent = extensions[EXT_CMI5_PROGRESS];
  const values: number[] = [];
  if (typeof fraction === 'number' && Number.isFinite(fraction)) values.push(fraction);
  if (typeof percent === 'number' && Number.isFinite(percent)) values.push(percent / 100);
  return values.length === 0 ? undefined : clamp(Math.max(...values), 0, 1);
}

/** result.score.scaled, or the scaled value of raw between min (default 0) and max. */
export function scaledScoreOf(statement: ProgressStatement): number | undefined {
  const score = statement.result?.score;
  if (!score) return undefined;
  if (isFiniteNumber(score.scaled)) return clamp(score.scaled, -1, 1);
  if (isFiniteNumber(score.raw) && isFiniteNumber(score.max)) {
    const min = isFiniteNumber(score.min) ? score.min : 0;
    if (score.max > min) return clamp((score.raw - min) / (score.max - min), -1, 1);
  }
  return undefined;
}

/**
 * What groups statements into one attempt: the registration, which Satchel
 * sets per quiz attempt. A statement without one is an attempt of its own.
 */
export function attemptKey(statement: ProgressStatement): string {
  const registration = statement.context?.registration;
  return registration ? `registration:${registration}` : `statement:${statement.id}`;
}

/** When the statement happened (`timestamp`, else `stored`), in ms, or undefined if unreadable. */
export function statementTime(statement: ProgressStatement): { iso: string; ms: number } | undefined {
  const iso = statement.timestamp ?? statement.stored;
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : { iso, ms };
}

/**
 * The earlier (or later) of two times. Equal instants written differently
 * ("+00:00" vs "Z") are ordered by their text so the choice never depends on
 * the order statements arrived in.
 */
export function pickTime(
  a: { iso: string; ms: number } | undefined,
  b: { iso: string; ms: number } | undefined,
  which: 'earliest' | 'latest',
): { iso: string; ms: number } | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.ms !== b.ms) return a.ms < b.ms === (which === 'earliest') ? a : b;
  return a.iso <= b.iso ? a : b;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
