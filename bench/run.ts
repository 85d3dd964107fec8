// `npm run bench`: every benchmark in turn (a few minutes), then one summary table.
// Each compares Satchel with a baseline measured in this same run, so the ratios
// hold on a shared, noisy machine where absolute numbers do not.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { catalogReads } from './catalog-reads.js';
import { learnerLoad } from './learner-load.js';
import { memory } from './memory.js';
import { log, summaryTable, type BenchOutcome, type SummaryRow } from './lib/report.js';
import { statementIngest } from './statement-ingest.js';
import { syncBundle } from './sync-bundle.js';
import { syncNational } from './sync-national.js';
import { statementValidation } from './statement-validation.js';

const BENCHMARKS: readonly { name: string; run: () => Promise<BenchOutcome> }[] = [
  { name: 'statement-ingest', run: statementIngest },
  { name: 'statement-validation', run: statementValidation },
  { name: 'catalog-reads', run: catalogReads },
  { name: 'memory', run: memory },
  { name: 'sync-bundle', run: syncBundle },
  { name: 'sync-national', run: syncNational },
  { name: 'learner-load', run: learnerLoad },
];

const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<number> {
  const started = performance.now();
  log(
    `Satchel benchmarks: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${gb(totalmem())} memory (${gb(freemem())} free), load average ${load()}`,
  );
  const rows: SummaryRow[] = [];
  const notes: string[] = [];
  let failed = 0;
  for (const bench of BENCHMARKS) {
    const began = performance.now();
    try {
      const outcome = await bench.run();
      rows.push(...outcome.rows);
      notes.push(...outcome.notes);
    } catch (err) {
      failed++;
      console.error(`\n[${bench.name}] failed:`, err);
      rows.push({
        benchmark: bench.name,
        measure: 'failed, see the log',
        subject: '–',
        baseline: '–',
        ratio: '–',
        target: '–',
        met: null,
      });
    }
    log(`[${bench.name}] took ${((performance.now() - began) / 1000).toFixed(0)} s`);
  }
  log(
    `\nSummary (${((performance.now() - started) / 1000).toFixed(0)} s in all; load average now ${load()}):\n`,
  );
  log(summaryTable(rows));
  log('');
  for (const note of notes) log(`- ${note}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
