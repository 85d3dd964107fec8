// Comparing a subject with a baseline on a shared, noisy machine: both run in the
// same process, in alternating rounds (the order rotates each round), so that a
// burst of load from elsewhere hits both; the ratio reported is the median of the
// per-round ratios, and the spread shows how noisy the run was.

/** What one timed side of a round did: `count` units (statements, requests) in `ms`. */
export interface Timed {
  count: number;
  ms: number;
}

export interface Side {
  name: string;
  run: (round: number) => Promise<Timed>;
}

export interface SideTotals {
  name: string;
  count: number;
  ms: number;
  /** Units per second over all rounds. */
  perSecond: number;
  /** Units per second in each round. */
  rounds: number[];
}

export async function timed(work: () => Promise<number>): Promise<Timed> {
  const started = performance.now();
  const count = await work();
  return { count, ms: performance.now() - started };
}

/** Runs `warmup` untimed rounds, then `rounds` timed ones, every side once per round. */
export async function interleave(
  sides: readonly Side[],
  rounds: number,
  warmup = 1,
): Promise<Map<string, SideTotals>> {
  const totals = new Map<string, SideTotals>(
    sides.map((s) => [s.name, { name: s.name, count: 0, ms: 0, perSecond: 0, rounds: [] }]),
  );
  for (let round = 0; round < warmup + rounds; round++) {
    const shift = round % sides.length;
    const order = [...sides.slice(shift), ...sides.slice(0, shift)];
    for (const side of order) {
      const result = await side.run(round);
      if (round < warmup) continue;
      const t = totals.get(side.name)!;
      t.count += result.count;
      t.ms += result.ms;
      t.rounds.push((result.count * 1000) / result.ms);
    }
  }
  for (const t of totals.values()) t.perSecond = (t.count * 1000) / t.ms;
  return totals;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Ratio {
  /** Median over rounds of subject / baseline throughput. */
  median: number;
  min: number;
  max: number;
}

/** Subject throughput over baseline throughput, round by round. */
export function ratioOf(subject: SideTotals, baseline: SideTotals): Ratio {
  const perRound = subject.rounds.map((s, i) => s / baseline.rounds[i]!);
  return { median: median(perRound), min: Math.min(...perRound), max: Math.max(...perRound) };
}
