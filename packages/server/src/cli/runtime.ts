import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readConfig, type Config } from '../config.js';
import { openDatabase, type DbHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createServices, type Services } from '../app/services.js';
import { systemClock } from '../platform/clock.js';
import type { CommandIo } from './command.js';

/** The built web app next to this package, when it has been built. */
export function defaultWebDir(): string | null {
  const dir = fileURLToPath(new URL('../../../web/dist', import.meta.url));
  return existsSync(dir) ? dir : null;
}

export function configFrom(io: CommandIo): Config {
  const config = readConfig(io.env);
  return config.webDir ? config : { ...config, webDir: defaultWebDir() };
}

/** Opens and migrates the database named by the environment, for commands that work on data. */
export async function withServices<T>(
  io: CommandIo,
  work: (services: Services, handle: DbHandle, config: Config) => Promise<T>,
): Promise<T> {
  const config = configFrom(io);
  const handle = await openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const services = createServices({ handle, config, clock: systemClock });
    return await work(services, handle, config);
  } finally {
    await handle.destroy();
  }
}
