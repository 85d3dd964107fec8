import type { Services } from '../app/services.js';
import { demoLoginLines } from '../demo/demo-data.js';
import { demoState, seedDemo } from '../demo/seed.js';
import type { CommandIo } from './command.js';
import { ProgressBar } from './progress.js';

export interface SeedSummary {
  seeded: boolean;
  lines: string[];
}

/**
 * Work done before the server listens. A database with no platform at all gets
 * the demo programme (unless --no-demo), so a first `satchel serve` shows a
 * working Satchel; the demo logins are printed whenever the demo platforms exist.
 */
export async function beforeServe(
  services: Services,
  io: CommandIo,
  options: { seedDemo: boolean },
): Promise<SeedSummary> {
  if (!options.seedDemo) return { seeded: false, lines: [] };
  const empty = (await services.tenants.list()).length === 0;
  if (empty) {
    io.out('The database is empty: seeding the demo programme (start with --no-demo to skip this).\n');
    let bar: ProgressBar | null = null;
    const outcome = await seedDemo(services, {
      onStep: (_label, done, total) => {
        bar ??= new ProgressBar(io, 'Seeding the demo', total);
        bar.update(done);
      },
    });
    (bar as ProgressBar | null)?.finish();
    return { seeded: outcome.seeded, lines: demoLoginLines() };
  }
  return { seeded: false, lines: (await demoState(services)) === 'seeded' ? demoLoginLines() : [] };
}

export function afterServeStarted(io: CommandIo, url: string, summary: SeedSummary): void {
  for (const line of summary.lines) io.out(`${line.replaceAll('{url}', url)}\n`);
}
