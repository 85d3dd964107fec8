import type { PlanDetail, PlanStep } from '@satchel/core';
import type { StageFrame, StageMedia } from './channel.js';
import type { RunState } from './run-state.js';

function mediaOf(
  plan: PlanDetail,
  step: PlanStep | undefined,
  blobUrl: (sha256: string) => string,
): StageMedia | null {
  if (step?.kind !== 'media') return null;
  const item = plan.media.find((candidate) => candidate.itemId === step.itemId);
  if (!item?.sha256) return null;
  return { url: blobUrl(item.sha256), kind: item.kind, mediaType: item.mediaType };
}

/** What the projector shows for a run's current state. */
export function stageFrame(
  state: RunState,
  plan: PlanDetail,
  blobUrl: (sha256: string) => string,
): StageFrame {
  const running = state.phase === 'running';
  const step = running ? plan.steps[state.stepIndex] : undefined;
  const nextMediaStep = running
    ? plan.steps.slice(state.stepIndex + 1).find((s) => s.kind === 'media')
    : undefined;
  return {
    planTitle: plan.title,
    language: plan.language,
    step: step ?? null,
    index: state.stepIndex,
    total: plan.steps.length,
    media: mediaOf(plan, step, blobUrl),
    nextMedia: mediaOf(plan, nextMediaStep, blobUrl),
    timer: running ? state.timer : null,
    playing: state.playing,
    blank: state.blank,
    revealed: state.revealed,
    page: state.page,
    counts:
      step && (step.kind === 'groupQuiz' || step.kind === 'poll') ? (state.counts[step.id] ?? null) : null,
  };
}

/** A run saved before a power cut comes back with its timers stopped, at the time they had left. */
export function afterInterruption(state: RunState): RunState {
  return {
    ...state,
    playing: false,
    timer: state.timer ? { ...state.timer, runningSince: null } : null,
  };
}

export type ShortcutAction =
  'next' | 'previous' | 'pause' | 'blank' | 'reveal' | 'nextPage' | 'previousPage' | 'projectorHere' | 'help';

/**
 * Keys a facilitator (or a presentation clicker, which sends PageUp and PageDown) uses. Arrow
 * keys follow reading direction: in a right-to-left interface the left arrow goes forward.
 */
export function shortcutFor(key: string, rtl: boolean): ShortcutAction | null {
  switch (key) {
    case 'PageDown':
    case 'n':
    case 'N':
      return 'next';
    case 'PageUp':
    case 'p':
    case 'P':
      return 'previous';
    case 'ArrowRight':
      return rtl ? 'previous' : 'next';
    case 'ArrowLeft':
      return rtl ? 'next' : 'previous';
    case ' ':
    case 'k':
    case 'K':
      return 'pause';
    case 'b':
    case 'B':
    case '.':
      return 'blank';
    case 'r':
    case 'R':
      return 'reveal';
    case 'ArrowDown':
      return 'nextPage';
    case 'ArrowUp':
      return 'previousPage';
    case 'f':
    case 'F':
      return 'projectorHere';
    case '?':
      return 'help';
    default:
      return null;
  }
}
