// A real Satchel server in this process, built from packages/server/dist (what
// `npm run build` ships), on a fresh database: a new SQLite file, or a new schema
// in the test PostgreSQL. Listens on 127.0.0.1 only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp, type BuiltApp } from '../../packages/server/dist/app/app.js';
import { readConfig } from '../../packages/server/dist/config.js';
import {
  openPostgres,
  openSqlite,
  type DbHandle,
  type Engine,
} from '../../packages/server/dist/db/database.js';
import { migrateToLatest } from '../../packages/server/dist/db/migrate.js';
import { systemClock } from '../../packages/server/dist/platform/clock.js';

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Tests in other processes create and drop schemas in the same database; Kysely's
// migrator fails if a schema vanishes while it introspects, so migrating and dropping
// take turns on the advisory lock the test support uses (test-support/engines.ts).
const SCHEMA_LOCK = 7_240_401;

/** Whether PostgreSQL answers within 3 s; the reason when it does not. */
export async function postgresAnswers(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` holding the advisory lock test support takes around schema creation and drops. */
export async function withSchemaLock(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDb extends DbHandle {
  cleanup(): Promise<void>;
}

export async function freshDatabase(engine: Engine): Promise<BenchDb> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'satchel-bench-'));
    const handle = openSqlite(join(dir, 'bench.sqlite'));
    await migrateToLatest(handle.db);
    return {
      ...handle,
      cleanup: async () => {
        await handle.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  const handle = await openPostgres({ connectionString: PG_URL, schema });
  await withSchemaLock(async () => {
    await migrateToLatest(handle.db, { schema });
  });
  return {
    ...handle,
    cleanup: async () => {
      await handle.destroy();
      await withSchemaLock(async (client) => {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      });
    },
  };
}

export interface BenchServer extends BuiltApp {
  db: BenchDb;
  port: number;
  close(): Promise<void>;
}

/** The whole Satchel app (every route, the production Fastify options) on a loopback port. */
export async function startServer(engine: Engine): Promise<BenchServer> {
  const db = await freshDatabase(engine);
  const dataDir = mkdtempSync(join(tmpdir(), 'satchel-bench-data-'));
  const config = readConfig(
    { SATCHEL_DATA: dataDir, LOG_LEVEL: 'silent' },
    { port: 0, host: '127.0.0.1', webDir: null },
  );
  const built = await buildApp({ handle: db, config, clock: systemClock });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...built,
    db,
    port: portOf(built.app.server),
    close: async () => {
      await built.services.progress.flushed();
      await built.app.close();
      await db.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The port a listening Fastify instance got. */
export function portOf(server: { address(): unknown }): number {
  const address = server.address();
  return typeof address === 'object' && address !== null && 'port' in address ? Number(address.port) : 0;
}
