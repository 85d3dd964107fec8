import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0010 from './0010_identity_indexes.js';
import * as m0030 from './0030_courses_indexes.js';
import * as m0040 from './0040_statement_course.js';
import * as m0150 from './0150_device_tokens.js';
import * as m0200 from './0200_xapi_conformance.js';
import * as m0300 from './0300_scorm.js';
import * as m0350 from './0350_cmi5.js';
import * as m0400 from './0400_course_import_reports.js';
import * as m0410 from './0410_statement_forwarding.js';
import * as m0500 from './0500_sync.js';
import * as m0600 from './0600_bundles.js';
import * as m0700 from './0700_cinema.js';
import * as m0800 from './0800_sync_runtime.js';
import * as m0820 from './0820_sync_scope_drift.js';
import * as m0900 from './0900_sync_insert_marks.js';
import * as m0960 from './0960_sync_ahead.js';

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
  '0150_device_tokens': m0150,
  '0200_xapi_conformance': m0200,
  '0300_scorm': m0300,
  '0350_cmi5': m0350,
  '0400_course_import_reports': m0400,
  '0410_statement_forwarding': m0410,
  '0500_sync': m0500,
  '0600_bundles': m0600,
  '0700_cinema': m0700,
  '0800_sync_runtime': m0800,
  '0820_sync_scope_drift': m0820,
  '0900_sync_insert_marks': m0900,
  '0960_sync_ahead': m0960,
};
