import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0010 from './0010_identity_indexes.js';
import * as m0030 from './0030_courses_indexes.js';
import * as m0040 from './0040_statement_course.js';

/**
 * Every migration, in order. Names sort in the order they run; a database whose
 * recorded history differs from this list is refused (Kysely's Migrator checks it).
 * Register new migrations here; never edit or reorder one that has landed.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0010_identity_indexes': m0010,
  '0030_courses_indexes': m0030,
  '0040_statement_course': m0040,
};
