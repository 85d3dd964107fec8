import type { PlanStep } from '@satchel/core';
import type { StepTimer } from './run-state.js';

// The console and the projector window talk over a BroadcastChannel: same origin, same
// machine, no server in between, so it works with the network cable pulled.

export interface StageMedia {
  readonly url: string;
  readonly kind: string;
  readonly mediaType: string;
}

/** Everything the projector shows; no personal data ever goes in it. */
export interface StageFrame {
  readonly planTitle: string;
  readonly language: string;
  readonly step: PlanStep | null;
  readonly index: number;
  readonly total: number;
  readonly media: StageMedia | null;
  /** The next step's film, loaded ahead so it starts at once. */
  readonly nextMedia: StageMedia | null;
  readonly timer: StepTimer | null;
  readonly playing: boolean;
  readonly blank: boolean;
  readonly revealed: boolean;
  readonly page: number;
  /** Quiz and poll answers so far, shown when revealed. */
  readonly counts: readonly number[] | null;
}

export type ConsoleMessage =
  { readonly type: 'frame'; readonly frame: StageFrame } | { readonly type: 'closed' };
export type ProjectorMessage =
  | { readonly type: 'hello' }
  | { readonly type: 'key'; readonly key: string }
  | { readonly type: 'mediaEnded' };

export function channelName(slug: string): string {
  return `satchel-cinema-${slug}`;
}

export function openChannel(slug: string): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName(slug));
}
