import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';

/**
 * Every migration, in order. Names sort in the order they run; a database whose
 * recorded history differs from this list is refused (Kysely's Migrator checks it).
 * Register new migrations here; never edit or reorder one that has landed.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};
