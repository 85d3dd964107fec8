import type { ScormItem, ScormVersion } from './scorm.schema.js';

// The run-time data Satchel keeps for each SCO, in one shape for both editions, and
// the conversions from and to each edition's CMI data model (SCORM 1.2 RTE §3.4,
// SCORM 2004 RTE §4.2). Pure, so the player, the server and tests agree.

export type ScormCompletion = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type ScormSuccess = 'passed' | 'failed' | 'unknown';

/** One SCO's state after a commit, as the player sends it and the server stores it. */
export interface ScormSnapshot {
  completion: ScormCompletion;
  success: ScormSuccess;
  /** -1..1; for SCORM 1.2 derived from raw, min and max. */
  scoreScaled: number | null;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  location: string;
  suspendData: string;
  /** cmi.core.exit / cmi.exit: "suspend" asks to resume next time. */
  exit: string;
  /** This session's time as the SCO reported it, in seconds. */
  sessionSeconds: number;
  /** SCORM 2004 cmi.progress_measure, 0..1. */
  progressMeasure: number | null;
}

/** What the server keeps between sessions, given back at launch. */
export interface ScormStoredState extends ScormSnapshot {
  /** Sum of every finished session's time, in seconds. */
  totalSeconds: number;
}

export interface ScormLearner {
  id: string;
  name: string;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
function num(v: unknown): number | null {
  const s = str(v).trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;
const clampScaled = (n: number): number => round4(Math.min(1, Math.max(-1, n)));

/** SCORM 1.2 CMITimespan "HHHH:MM:SS.SS" in seconds (0 when malformed). */
export function parseScorm12Time(value: string): number {
  const m = /^(\d{1,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)$/.exec(value.trim());
  if (!m) return 0;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** SCORM 2004 timeinterval (ISO 8601 duration, "P[nY][nM][nD][T[nH][nM][n[.n]S]]") in seconds. */
export function parseIsoDuration(value: string): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    value.trim(),
  );
  if (!m || value.trim() === 'P' || value.trim().endsWith('T')) return 0;
  const [, y, mo, d, h, mi, s] = m;
  // Years and months as the RTE suggests for approximations: 365 and 30 days.
  return (
    Number(y ?? 0) * 31_536_000 +
    Number(mo ?? 0) * 2_592_000 +
    Number(d ?? 0) * 86_400 +
    Number(h ?? 0) * 3600 +
    Number(mi ?? 0) * 60 +
    Number(s ?? 0)
  );
}

/** Seconds as "HHHH:MM:SS.SS" (at least two digits of hours, as SCORM 1.2 validators expect). */
export function formatScorm12Time(seconds: number): string {
  const total = Math.max(0, Math.round(seconds * 100) / 100);
  const h = Math.min(9999, Math.floor(total / 3600));
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const whole = Math.floor(s);
  const hundredths = Math.round((s - whole) * 100);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:${pad(whole)}${hundredths > 0 ? `.${pad(hundredths)}` : ''}`;
}

/** Seconds as an ISO 8601 duration ("PT1H2M3.5S"); xAPI's result.duration and SCORM 2004 total_time. */
export function formatIsoDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds * 100) / 100);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = round4(total % 60);
  let out = 'PT';
  if (h > 0) out += `${h}H`;
  if (m > 0) out += `${m}M`;
  if (s > 0 || out === 'PT') out += `${Number(s.toFixed(2))}S`;
  return out;
}

function status12(status: string): { completion: ScormCompletion; success: ScormSuccess } {
  switch (status) {
    case 'passed':
      return { completion: 'completed', success: 'passed' };
    case 'failed':
      // A finished attempt that did not reach mastery (RTE 1.2 §3.4.4).
      return { completion: 'completed', success: 'failed' };
    case 'completed':
      return { completion: 'completed', success: 'unknown' };
    case 'incomplete':
    case 'browsed':
      return { completion: 'incomplete', success: 'unknown' };
    default:
      return { completion: 'not attempted', success: 'unknown' };
  }
}

const COMPLETIONS: readonly string[] = ['completed', 'incomplete', 'not attempted', 'unknown'];
const SUCCESSES: readonly string[] = ['passed', 'failed', 'unknown'];

/**
 * A snapshot from the `cmi` object scorm-again renders on commit (its nested JSON of
 * the data model): `cmi.core.*` for 1.2, `cmi.*` for 2004.
 */
export function snapshotFromCmi(version: ScormVersion, cmiTree: unknown): ScormSnapshot {
  const cmi = obj(cmiTree);
  if (version === '1.2') {
    const core = obj(cmi.core);
    const score = obj(core.score);
    const raw = num(score.raw);
    const min = num(score.min);
    const max = num(score.max);
    const low = min ?? 0;
    const high = max ?? 100;
    return {
      ...status12(str(core.lesson_status)),
      scoreRaw: raw,
      scoreMin: min,
      scoreMax: max,
      scoreScaled: raw !== null && high > low ? clampScaled((raw - low) / (high - low)) : null,
      location: str(core.lesson_location).slice(0, 255),
      suspendData: str(cmi.suspend_data).slice(0, 4096),
      exit: str(core.exit),
      sessionSeconds: parseScorm12Time(str(core.session_time)),
      progressMeasure: null,
    };
  }
  const score = obj(cmi.score);
  const completion = str(cmi.completion_status);
  const success = str(cmi.success_status);
  const scaled = num(score.scaled);
  const progress = num(cmi.progress_measure);
  return {
    completion: (COMPLETIONS.includes(completion) ? completion : 'unknown') as ScormCompletion,
    success: (SUCCESSES.includes(success) ? success : 'unknown') as ScormSuccess,
    scoreScaled: scaled === null ? null : clampScaled(scaled),
    scoreRaw: num(score.raw),
    scoreMin: num(score.min),
    scoreMax: num(score.max),
    location: str(cmi.location).slice(0, 1000),
    suspendData: str(cmi.suspend_data).slice(0, 64_000),
    exit: str(cmi.exit),
    sessionSeconds: parseIsoDuration(str(cmi.session_time)),
    progressMeasure: progress === null ? null : Math.min(1, Math.max(0, progress)),
  };
}

function lessonStatus12(state: ScormStoredState): string {
  if (state.success === 'passed') return 'passed';
  if (state.success === 'failed') return 'failed';
  if (state.completion === 'completed') return 'completed';
  if (state.completion === 'incomplete') return 'incomplete';
  return 'not attempted';
}

const scoreText = (n: number | null): string => (n === null ? '' : String(n));

/**
 * The data a SCO starts a session with, for scorm-again's `loadFromJSON(…, 'cmi')`:
 * entry is "ab-initio" the first time, "resume" after a session that exited with
 * "suspend" (location and suspend data come back), and "" otherwise.
 */
export function launchCmi(
  version: ScormVersion,
  item: Pick<ScormItem, 'masteryScore' | 'scaledPassingScore' | 'launchData'>,
  state: ScormStoredState | null,
  learner: ScormLearner,
): Json {
  const entry = state === null ? 'ab-initio' : state.exit === 'suspend' ? 'resume' : '';
  // Only a suspended session is taken up where it stopped; otherwise status and score carry over.
  const location = entry === 'resume' ? (state?.location ?? '') : '';
  const suspendData = entry === 'resume' ? (state?.suspendData ?? '') : '';
  const total = state?.totalSeconds ?? 0;
  const launchData = item.launchData ?? '';
  if (version === '1.2') {
    const core: Json = {
      student_id: learner.id,
      student_name: learner.name,
      lesson_location: location,
      lesson_status: state ? lessonStatus12(state) : 'not attempted',
      entry,
      total_time: formatScorm12Time(total),
      credit: 'credit',
      lesson_mode: 'normal',
    };
    if (state && state.scoreRaw !== null)
      core.score = {
        raw: scoreText(state.scoreRaw),
        min: scoreText(state.scoreMin),
        max: scoreText(state.scoreMax),
      };
    return {
      core,
      suspend_data: suspendData,
      launch_data: launchData,
      student_data: { mastery_score: item.masteryScore === undefined ? '' : String(item.masteryScore) },
    };
  }
  const cmi: Json = {
    learner_id: learner.id,
    learner_name: learner.name,
    location,
    completion_status: state?.completion ?? 'not attempted',
    success_status: state?.success ?? 'unknown',
    entry,
    total_time: formatIsoDuration(total),
    credit: 'credit',
    mode: 'normal',
    suspend_data: suspendData,
    launch_data: launchData,
  };
  if (item.scaledPassingScore !== undefined) cmi.scaled_passing_score = String(item.scaledPassingScore);
  if (state && (state.scoreScaled !== null || state.scoreRaw !== null)) {
    const score: Json = {};
    if (state.scoreScaled !== null) score.scaled = String(state.scoreScaled);
    if (state.scoreRaw !== null) score.raw = String(state.scoreRaw);
    if (state.scoreMin !== null) score.min = String(state.scoreMin);
    if (state.scoreMax !== null) score.max = String(state.scoreMax);
    cmi.score = score;
  }
  return cmi;
}
