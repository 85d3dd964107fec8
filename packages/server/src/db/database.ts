import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** A database handle: the Kysely instance plus what the engine is, for the few places that differ. */
export interface DbHandle {
  readonly db: Db;
  readonly engine: Engine;
  /** A human-readable location, without credentials. */
  readonly location: string;
  destroy(): Promise<void>;
}

// pg returns BIGINT and NUMERIC as strings; our sizes and counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function openSqlite(file: string): DbHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets learners read while a writer works; FULL sync because hubs lose power,
  // and an acknowledged write must survive that. busy_timeout guards other processes (CLI).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', location: file, destroy: () => db.destroy() };
}

export interface PostgresOptions {
  connectionString: string;
  /** A schema to use (created if missing), so test runs never share tables. */
  schema?: string;
  maxConnections?: number;
}

export async function openPostgres(options: PostgresOptions): Promise<DbHandle> {
  const { connectionString, schema } = options;
  if (schema) {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const url = new URL(connectionString);
  url.password = '';
  return {
    db,
    engine: 'postgres',
    location: `${url.host}${url.pathname}${schema ? `#${schema}` : ''}`,
    destroy: () => db.destroy(),
  };
}

export async function openDatabase(config: {
  databaseUrl: string | null;
  sqliteFile: string;
}): Promise<DbHandle> {
  if (config.databaseUrl && /^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    return openPostgres({ connectionString: config.databaseUrl });
  }
  return openSqlite(config.sqliteFile);
}
