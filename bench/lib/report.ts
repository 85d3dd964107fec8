// Printing: every benchmark prints its own lines as it goes, and returns summary
// rows that bench/run.ts prints as one table (Markdown, to paste into docs/benchmarks.md).

export interface SummaryRow {
  benchmark: string;
  /** What is compared, e.g. "ingest / raw insert (SQLite)". */
  measure: string;
  subject: string;
  baseline: string;
  /** The ratio as printed, e.g. "43% (38–47%)". */
  ratio: string;
  target: string;
  /** Whether the target is met; null when there is no target or it was not measured. */
  met: boolean | null;
}

export interface BenchOutcome {
  name: string;
  rows: SummaryRow[];
  notes: string[];
}

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const pct = (fraction: number): string => `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
export const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function verdict(met: boolean | null): string {
  return met === null ? '–' : met ? 'meets' : 'MISSES';
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function summaryTable(rows: readonly SummaryRow[]): string {
  return markdownTable(
    ['benchmark', 'measure', 'Satchel', 'baseline', 'ratio (median, range)', 'target', 'verdict'],
    rows.map((r) => [r.benchmark, r.measure, r.subject, r.baseline, r.ratio, r.target, verdict(r.met)]),
  );
}
