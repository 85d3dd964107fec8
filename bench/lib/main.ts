import { pathToFileURL } from 'node:url';
import type { BenchOutcome } from './report.js';
import { log, summaryTable } from './report.js';

/** Runs a benchmark module's main when the file itself is the script (`node --import tsx bench/x.ts`). */
export function runIfMain(moduleUrl: string, bench: () => Promise<BenchOutcome>): void {
  const script = process.argv[1];
  if (script === undefined || pathToFileURL(script).href !== moduleUrl) return;
  bench().then(
    (outcome) => {
      log();
      log(summaryTable(outcome.rows));
      for (const note of outcome.notes) log(`- ${note}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
