import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

export interface MigrateOutcome {
  applied: string[];
}

/**
 * Apply every pending migration, in order; refuse a database whose history diverges.
 * `schema`: the PostgreSQL schema the tables live in, when it is not the default one.
 * Kysely otherwise takes migration tables in ANY schema of the database for its own,
 * so a second schema (parallel test runs) would skip creating them and fail.
 */
export async function migrateToLatest(db: Db, options: { schema?: string } = {}): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`migration ${failed?.migrationName ?? '(history check)'} failed: ${reason}`);
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
