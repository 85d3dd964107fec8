import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../db/database.js';
import { buildApp, type BuiltApp } from '../app/app.js';
import { readConfig, type Config } from '../config.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { openTestDb, type TestDb } from './engines.js';

export interface TestServer extends BuiltApp {
  url: string;
  db: TestDb;
  config: Config;
  close(): Promise<void>;
}

/** A real server on a loopback port, over a fresh database of the given engine. */
export async function startTestServer(
  options: { engine?: Engine; clock?: Clock; config?: Partial<Config>; webDir?: string | null } = {},
): Promise<TestServer> {
  const engine = options.engine ?? 'sqlite';
  const db = await openTestDb(engine);
  const dataDir = mkdtempSync(join(tmpdir(), 'satchel-data-'));
  const config = readConfig(
    { SATCHEL_DATA: dataDir, LOG_LEVEL: 'silent' },
    { port: 0, host: '127.0.0.1', webDir: options.webDir ?? null, ...options.config },
  );
  const built = await buildApp({ handle: db, config, clock: options.clock ?? systemClock });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...built,
    url: `http://127.0.0.1:${port}`,
    db,
    config,
    close: async () => {
      await built.app.close();
      await db.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
