// Hybrid logical clock (Kulkarni et al.): physical milliseconds, a logical counter for
// events in the same millisecond (or while the wall clock lags a clock seen from a peer),
// and the node id as the final tie-break, so two stamps are never equal across nodes.
// Stamps are strings whose text order is their time order: `mmmmmmmmm.cccc.node`
// (milliseconds and counter in fixed-width base 36), so databases can sort them as text.

const MS_WIDTH = 9; // base 36: up to year 5188
const COUNTER_WIDTH = 4; // base 36: 1.6 million events per millisecond
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

/** A node id: letters, digits, `-` and `_` (a UUID fits), so the separator never appears in it. */
const NODE = /^[A-Za-z0-9_-]{1,64}$/;

export interface HlcParts {
  ms: number;
  counter: number;
  node: string;
}

export class ClockDriftError extends Error {
  constructor(
    readonly remoteMs: number,
    readonly localMs: number,
    readonly maxDriftMs: number,
  ) {
    super(
      `A clock ${Math.round((remoteMs - localMs) / 1000)} s ahead of ours was seen (limit ${Math.round(maxDriftMs / 1000)} s); check the date and time of the devices`,
    );
    this.name = 'ClockDriftError';
  }
}

export function formatHlc(parts: HlcParts): string {
  if (!NODE.test(parts.node)) throw new Error(`invalid HLC node id: ${parts.node}`);
  return `${parts.ms.toString(36).padStart(MS_WIDTH, '0')}.${parts.counter.toString(36).padStart(COUNTER_WIDTH, '0')}.${parts.node}`;
}

export function parseHlc(stamp: string): HlcParts {
  const [ms, counter, node] = stamp.split('.');
  if (
    ms?.length !== MS_WIDTH ||
    counter?.length !== COUNTER_WIDTH ||
    node === undefined ||
    !NODE.test(node) ||
    !/^[0-9a-z]+$/.test(ms + counter)
  ) {
    throw new Error(`invalid HLC stamp: ${stamp}`);
  }
  return { ms: parseInt(ms, 36), counter: parseInt(counter, 36), node };
}

export function isHlc(stamp: string): boolean {
  try {
    parseHlc(stamp);
    return true;
  } catch {
    return false;
  }
}

/** The node that made a stamp. */
export function hlcNode(stamp: string): string {
  return stamp.slice(MS_WIDTH + COUNTER_WIDTH + 2);
}

/** Milliseconds since the epoch of a stamp's physical part. */
export function hlcMs(stamp: string): number {
  return parseInt(stamp.slice(0, MS_WIDTH), 36);
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: string, b: string): string {
  return a >= b ? a : b;
}

export interface HlcOptions {
  /** Wall-clock milliseconds (injected so tests control time). */
  now: () => number;
  /**
   * How far ahead of our wall clock a peer's clock may be before we refuse to follow it
   * (a hub whose date is years off must not drag every clock forward). Default 1 hour.
   */
  maxDriftMs?: number;
  /** The last stamp this node issued or saw, restored from storage. */
  last?: string;
}

/** One node's clock: every stamp it issues is greater than every stamp it issued or received before. */
export class Hlc {
  private ms = 0;
  private counter = 0;
  private readonly maxDriftMs: number;

  constructor(
    readonly node: string,
    private readonly options: HlcOptions,
  ) {
    if (!NODE.test(node)) throw new Error(`invalid HLC node id: ${node}`);
    this.maxDriftMs = options.maxDriftMs ?? 3_600_000;
    if (options.last) {
      const last = parseHlc(options.last);
      this.ms = last.ms;
      this.counter = last.counter;
    }
  }

  /** A stamp for a local event (a write, or a message about to be sent). */
  send(): string {
    const physical = this.options.now();
    if (physical > this.ms) {
      this.ms = physical;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.current();
  }

  /**
   * Takes in a stamp seen from a peer, so the next local stamp comes after it. A stamp
   * further ahead of our wall clock than the drift limit throws ClockDriftError and leaves
   * the clock alone (the record still merges: causality is tracked by contexts, not by this).
   */
  receive(stamp: string): void {
    const remote = parseHlc(stamp);
    const physical = this.options.now();
    if (remote.ms - physical > this.maxDriftMs) {
      throw new ClockDriftError(remote.ms, physical, this.maxDriftMs);
    }
    if (remote.ms > this.ms) {
      this.ms = remote.ms;
      this.counter = remote.counter;
    } else if (remote.ms === this.ms && remote.counter > this.counter) {
      this.counter = remote.counter;
    }
    if (physical > this.ms) {
      this.ms = physical;
      this.counter = 0;
    }
  }

  /** The latest stamp issued or seen (to persist), without advancing. */
  current(): string {
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  private bump(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter += 1;
    } else {
      // A million events in one millisecond: borrow the next millisecond rather than wrap.
      this.ms += 1;
      this.counter = 0;
    }
  }
}
