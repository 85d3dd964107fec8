/** Sleeping, as a dependency: tests need not wait for real. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A bandwidth limit shared by every download of a mirror: `rate` bytes per second on
 * average, with bursts up to one second's worth. Callers take the bytes they are about
 * to write and wait until the bucket holds them, so a slow link stays usable for others.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: Sleep = realSleep,
  ) {
    if (!(rate > 0)) throw new Error('a rate limit must be above 0 bytes per second');
    this.tokens = rate;
    this.last = now();
  }

  /** Waits until `bytes` may pass. Waiters are served in order. */
  take(bytes: number): Promise<void> {
    const turn = this.queue.then(() => this.drain(bytes));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async drain(bytes: number): Promise<void> {
    let owed = bytes;
    while (owed > 0) {
      this.refill();
      const portion = Math.min(owed, this.rate);
      if (this.tokens >= portion) {
        this.tokens -= portion;
        owed -= portion;
        continue;
      }
      await this.sleep(Math.ceil(((portion - this.tokens) / this.rate) * 1000));
    }
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.rate, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }
}

/** `200k`, `1.5M`, `500000`: bytes per second (k = 1024). */
export function parseRate(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a rate: use bytes per second, e.g. 200k or 1M`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  const rate = Math.floor(Number(m[1]) * unit);
  if (rate <= 0) throw new Error('a rate limit must be above 0 bytes per second');
  return rate;
}
