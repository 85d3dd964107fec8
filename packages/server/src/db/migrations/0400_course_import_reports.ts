import type { Kysely } from 'kysely';

// Common Cartridge import (H6): what an import could not bring across stays with the
// course draft it created, so an author can read it later. One report per course;
// the course's deletion takes its report along.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('course_import_reports')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('course_import_reports_pk', ['tenant_id', 'course_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
