import type { CreateTableBuilder, Kysely } from 'kysely';

// The first schema. Never edit a migration after it has landed: add a new one.
// Portable types only (text, integer, bigint, double precision) so SQLite and PostgreSQL share it.

type Builder = CreateTableBuilder<string, string>;

function syncColumns(t: Builder): Builder {
  return t
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'text');
}

function tenantRow(db: Kysely<unknown>, name: string): Builder {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await syncColumns(
    db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('default_locale', 'text', (c) => c.notNull())
      .addColumn('locales', 'text', (c) => c.notNull())
      .addColumn('branding', 'text', (c) => c.notNull())
      .addColumn('audiences', 'text', (c) => c.notNull())
      .addColumn('signup_policy', 'text', (c) => c.notNull())
      .addColumn('invite_code', 'text')
      .addColumn('allow_pin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('storage_limit_bytes', 'bigint', (c) => c.notNull())
      .addColumn('upload_limit_bytes', 'bigint', (c) => c.notNull()),
  ).execute();

  await syncColumns(
    tenantRow(db, 'users')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('pin_hash', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('locale', 'text')
      .addColumn('sex', 'text')
      .addColumn('birth_year', 'integer')
      .addColumn('region', 'text')
      .addColumn('disability', 'integer')
      .addColumn('external_id', 'text')
      .addColumn('is_operator', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addUniqueConstraint('users_tenant_username', ['tenant_id', 'username']),
  ).execute();

  await syncColumns(
    tenantRow(db, 'memberships')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addUniqueConstraint('memberships_tenant_user_role', ['tenant_id', 'user_id', 'role']),
  ).execute();
  await db.schema.createIndex('memberships_user').on('memberships').columns(['user_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['tenant_id', 'user_id']).execute();

  await tenantRow(db, 'api_tokens')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await tenantRow(db, 'lrs_credentials')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['tenant_id', 'key'])
    .execute();

  await syncColumns(
    tenantRow(db, 'classes')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('grade_id', 'text')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();

  await syncColumns(
    tenantRow(db, 'class_members')
      .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addUniqueConstraint('class_members_class_user', ['class_id', 'user_id']),
  ).execute();
  await db.schema
    .createIndex('class_members_user')
    .on('class_members')
    .columns(['tenant_id', 'user_id'])
    .execute();

  await syncColumns(
    tenantRow(db, 'curriculum_frameworks')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('source_uri', 'text'),
  ).execute();

  await syncColumns(
    tenantRow(db, 'curriculum_items')
      .addColumn('framework_id', 'text', (c) => c.notNull().references('curriculum_frameworks.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('subject_id', 'text')
      .addColumn('grade_id', 'text')
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('curriculum_items_code', ['framework_id', 'kind', 'code']),
  ).execute();
  await db.schema
    .createIndex('curriculum_items_tenant')
    .on('curriculum_items')
    .columns(['tenant_id', 'kind'])
    .execute();

  await syncColumns(
    tenantRow(db, 'categories')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text')
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await db.schema
    .createTable('blobs')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blobs_pk', ['tenant_id', 'sha256'])
    .execute();

  await syncColumns(
    tenantRow(db, 'library_items')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('language', 'text')
      .addColumn('blob_sha256', 'text')
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('licence', 'text', (c) => c.notNull())
      .addColumn('author', 'text')
      .addColumn('provider', 'text')
      .addColumn('source_url', 'text')
      .addColumn('captions', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('package', 'text')
      .addColumn('duration_seconds', 'double precision')
      .addColumn('created_by', 'text'),
  ).execute();
  await db.schema
    .createIndex('library_items_tenant')
    .on('library_items')
    .columns(['tenant_id', 'kind'])
    .execute();

  await syncColumns(
    tenantRow(db, 'courses')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('variant_group_id', 'text')
      .addColumn('enrolment_policy', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('draft', 'text', (c) => c.notNull())
      .addColumn('published_version_id', 'text')
      .addColumn('published_version', 'integer')
      .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text'),
  ).execute();
  await db.schema.createIndex('courses_tenant').on('courses').columns(['tenant_id']).execute();

  await tenantRow(db, 'course_versions')
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addUniqueConstraint('course_versions_course_version', ['course_id', 'version'])
    .execute();

  await db.schema
    .createTable('catalog_entries')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text')
    .addColumn('variant_group_id', 'text')
    .addColumn('enrolment_policy', 'text', (c) => c.notNull())
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('lesson_count', 'integer', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('cover_sha256', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_entries_pk', ['tenant_id', 'course_id'])
    .execute();

  await db.schema
    .createTable('course_tags')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('course_tags_pk', ['tenant_id', 'course_id', 'kind', 'item_id'])
    .execute();
  await db.schema
    .createIndex('course_tags_item')
    .on('course_tags')
    .columns(['tenant_id', 'kind', 'item_id'])
    .execute();

  await syncColumns(
    tenantRow(db, 'learning_paths')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('course_ids', 'text', (c) => c.notNull())
      .addColumn('enforce_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await syncColumns(
    tenantRow(db, 'enrolments')
      .addColumn('course_id', 'text')
      .addColumn('path_id', 'text')
      .addColumn('user_id', 'text')
      .addColumn('class_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('assigned_by', 'text'),
  ).execute();
  await db.schema.createIndex('enrolments_user').on('enrolments').columns(['tenant_id', 'user_id']).execute();
  await db.schema
    .createIndex('enrolments_class')
    .on('enrolments')
    .columns(['tenant_id', 'class_id'])
    .execute();
  await db.schema
    .createIndex('enrolments_course')
    .on('enrolments')
    .columns(['tenant_id', 'course_id'])
    .execute();

  await db.schema
    .createTable('statements')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('verb_id', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('registration', 'text')
    .addColumn('timestamp', 'text', (c) => c.notNull())
    .addColumn('stored', 'text', (c) => c.notNull())
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('voided_target', 'text')
    .addColumn('statement', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('statements_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('statements_stored')
    .on('statements')
    .columns(['tenant_id', 'stored', 'id'])
    .execute();
  await db.schema
    .createIndex('statements_actor')
    .on('statements')
    .columns(['tenant_id', 'actor_key', 'object_id'])
    .execute();
  await db.schema.createIndex('statements_user').on('statements').columns(['tenant_id', 'user_id']).execute();
  await db.schema.createIndex('statements_verb').on('statements').columns(['tenant_id', 'verb_id']).execute();
  await db.schema
    .createIndex('statements_object')
    .on('statements')
    .columns(['tenant_id', 'object_id'])
    .execute();

  await db.schema
    .createTable('lesson_progress')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'double precision', (c) => c.notNull())
    .addColumn('best_score', 'double precision')
    .addColumn('passed', 'integer')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('completed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_progress_pk', ['tenant_id', 'user_id', 'course_id', 'lesson_id'])
    .execute();

  await db.schema
    .createTable('course_progress')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('completed_lessons', 'integer', (c) => c.notNull())
    .addColumn('required_lessons', 'integer', (c) => c.notNull())
    .addColumn('next_lesson_id', 'text')
    .addColumn('last_activity_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('course_progress_pk', ['tenant_id', 'user_id', 'course_id'])
    .execute();
  await db.schema
    .createIndex('course_progress_course')
    .on('course_progress')
    .columns(['tenant_id', 'course_id'])
    .execute();

  await tenantRow(db, 'quiz_attempts')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('statement_id', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('responses', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('max_score', 'double precision', (c) => c.notNull())
    .addColumn('scaled', 'double precision', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addUniqueConstraint('quiz_attempts_statement', ['tenant_id', 'statement_id'])
    .execute();
  await db.schema
    .createIndex('quiz_attempts_user')
    .on('quiz_attempts')
    .columns(['tenant_id', 'user_id', 'lesson_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Satchel migrations are forward-only: restore a backup to go back.');
}
