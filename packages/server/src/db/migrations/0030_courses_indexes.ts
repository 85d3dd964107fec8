import type { Kysely } from 'kysely';

// Indexes for the catalog, variant, path and enrolment reads of the courses domain.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('catalog_entries_title')
    .on('catalog_entries')
    .columns(['tenant_id', 'title', 'course_id'])
    .execute();
  await db.schema
    .createIndex('catalog_entries_published')
    .on('catalog_entries')
    .columns(['tenant_id', 'published_at', 'course_id'])
    .execute();
  await db.schema
    .createIndex('catalog_entries_variant')
    .on('catalog_entries')
    .columns(['tenant_id', 'variant_group_id'])
    .execute();
  await db.schema
    .createIndex('courses_variant_group')
    .on('courses')
    .columns(['tenant_id', 'variant_group_id'])
    .execute();
  await db.schema
    .createIndex('course_versions_course')
    .on('course_versions')
    .columns(['tenant_id', 'course_id', 'version'])
    .execute();
  await db.schema.createIndex('learning_paths_tenant').on('learning_paths').columns(['tenant_id']).execute();
  await db.schema
    .createIndex('categories_tenant')
    .on('categories')
    .columns(['tenant_id', 'parent_id'])
    .execute();
  await db.schema
    .createIndex('curriculum_frameworks_tenant')
    .on('curriculum_frameworks')
    .columns(['tenant_id'])
    .execute();
  await db.schema.createIndex('enrolments_path').on('enrolments').columns(['tenant_id', 'path_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
