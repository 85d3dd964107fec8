import type { ScormCompletion, ScormSuccess } from './scorm-cmi.js';
import type { ScormItem, ScormPackageInfo } from './scorm.schema.js';

// The simple sequencing most packages rely on: flow (previous/next in document order)
// and choice (any item from the table of contents), plus the navigation requests a
// SCORM 2004 SCO may leave in adl.nav.request when it terminates. Full IMS Simple
// Sequencing (rollup rules, limit conditions, pre/post-condition rules) is not run.

/** The items that open something, in the order flow navigation visits them. */
export function launchableItems(info: Pick<ScormPackageInfo, 'items'>): ScormItem[] {
  return info.items.filter((item) => item.href !== null);
}

export type NavRequest =
  | { kind: 'continue' }
  | { kind: 'previous' }
  | { kind: 'choice'; target: string }
  | { kind: 'exit' }
  | { kind: 'none' };

/** adl.nav.request: "continue", "previous", "{target=ID}choice", "{target=ID}jump", "exit", "suspendAll", "_none_"… */
export function parseNavRequest(request: string | null | undefined): NavRequest {
  const value = (request ?? '').trim();
  if (value === 'continue') return { kind: 'continue' };
  if (value === 'previous') return { kind: 'previous' };
  const target = /^\{target=([^}]+)\}(choice|jump)$/.exec(value);
  if (target?.[1]) return { kind: 'choice', target: target[1] };
  if (['exit', 'exitAll', 'abandon', 'abandonAll', 'suspendAll'].includes(value)) return { kind: 'exit' };
  return { kind: 'none' };
}

/** The launchable item before (-1) or after (1) `currentId` in flow order, or null at either end. */
export function flowNeighbour(
  info: Pick<ScormPackageInfo, 'items'>,
  currentId: string,
  direction: 1 | -1,
): ScormItem | null {
  const items = launchableItems(info);
  const at = items.findIndex((item) => item.id === currentId);
  if (at < 0) return null;
  return items[at + direction] ?? null;
}

/** Where a learner starts: the first launchable item not yet completed, else the first. */
export function startItem(
  info: Pick<ScormPackageInfo, 'items'>,
  states: ReadonlyMap<string, { completion: ScormCompletion }>,
  lastItemId?: string | null,
): ScormItem | null {
  const items = launchableItems(info);
  const last = lastItemId ? items.find((item) => item.id === lastItemId) : undefined;
  if (last && states.get(last.id)?.completion !== 'completed') return last;
  return items.find((item) => states.get(item.id)?.completion !== 'completed') ?? items[0] ?? null;
}

export interface ScormItemOutcome {
  completion: ScormCompletion;
  success: ScormSuccess;
  scoreScaled: number | null;
}

export interface ScormLessonOutcome {
  /** Every launchable item completed. */
  completed: boolean;
  /** Failed once any item failed; passed once all are complete, one passed and none failed. */
  success: ScormSuccess;
  /** The mean of the items' scaled scores, when any has one. */
  scaled: number | null;
  /** Share of launchable items completed, 0..1. */
  progress: number;
}

/** The lesson's standing from its items' states (the rollup Satchel applies to the whole package). */
export function lessonOutcome(
  info: Pick<ScormPackageInfo, 'items'>,
  states: ReadonlyMap<string, ScormItemOutcome>,
): ScormLessonOutcome {
  const items = launchableItems(info);
  const known = items.map((item) => states.get(item.id));
  const done = known.filter((s) => s?.completion === 'completed').length;
  const completed = items.length > 0 && done === items.length;
  const failed = known.some((s) => s?.success === 'failed');
  const passed = known.some((s) => s?.success === 'passed');
  const scores = known.flatMap((s) => (s && s.scoreScaled !== null ? [s.scoreScaled] : []));
  return {
    completed,
    success: failed ? 'failed' : passed && completed ? 'passed' : 'unknown',
    scaled:
      scores.length === 0
        ? null
        : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10_000) / 10_000,
    progress: items.length === 0 ? 0 : Math.round((done / items.length) * 10_000) / 10_000,
  };
}
