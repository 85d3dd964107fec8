import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type DbHandle, type Engine } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: boolean | undefined;

/** Whether PostgreSQL answers. Under CI=true a missing PostgreSQL is a failure, never a skip. */
export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable;
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    pgAvailable = true;
  } catch (err) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true but PostgreSQL at ${TEST_PG_URL} does not answer: ${String(err)}`);
    }
    pgAvailable = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  return pgAvailable;
}

export interface TestDb extends DbHandle {
  /** Removes the SQLite file or drops the PostgreSQL schema. */
  cleanup(): Promise<void>;
}

export async function openTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'satchel-test-'));
    const handle = openSqlite(join(dir, 'test.sqlite'));
    await migrateToLatest(handle.db);
    return {
      ...handle,
      cleanup: async () => {
        await handle.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const handle = await openPostgres({ connectionString: TEST_PG_URL, schema, maxConnections: 5 });
  await withSchemaLock(() => migrateToLatest(handle.db, { schema }));
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

// Kysely's migrator introspects the tables of every schema; a schema that another test
// process drops meanwhile makes that fail ("relation … does not exist"). Migrating and
// dropping test schemas therefore take turns, across processes, on an advisory lock.
const SCHEMA_LOCK = 7_240_401;

async function withSchemaLock<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The engines a repository test runs on: SQLite always, PostgreSQL when it answers
 * (always under CI). Use with `describe.each(await engines())`.
 */
export async function engines(): Promise<Engine[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}
