import type { Services } from '../app/services.js';
import type { CommandIo } from './command.js';

export interface SeedSummary {
  seeded: boolean;
  lines: string[];
}

/** Work done before the server listens: the demo seed goes here once it exists. */
export async function beforeServe(_services: Services, _io: CommandIo, _options: { seedDemo: boolean }): Promise<SeedSummary> {
  return Promise.resolve({ seeded: false, lines: [] });
}

export function afterServeStarted(io: CommandIo, url: string, summary: SeedSummary): void {
  for (const line of summary.lines) io.out(`${line.replaceAll('{url}', url)}\n`);
}
