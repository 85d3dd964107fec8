import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type {
  CatalogEntriesTable,
  CategoriesTable,
  CourseTagsTable,
  CoursesTable,
  CourseVersionsTable,
  CurriculumFrameworksTable,
  CurriculumItemsTable,
  LearningPathsTable,
} from '../db/schema.js';

// Both sides of mirroring: what an upstream reads to describe its published catalog,
// and what a hub writes to hold a copy of it. Only this file touches SQL.

export type CatalogEntryFull = Selectable<CatalogEntriesTable>;
export type CourseTagRow = Selectable<CourseTagsTable>;

export interface PublishedFilter {
  courseIds: readonly string[];
  languages: readonly string[];
  /** Grade ids already resolved from ids or codes. */
  gradeIds: readonly string[];
}

const IN_BATCH = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_BATCH) out.push(items.slice(i, i + IN_BATCH));
  return out;
}

export class MirrorRepo {
  constructor(private readonly db: Db) {}

  async transaction<T>(fn: (repo: MirrorRepo) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((tx) => fn(new MirrorRepo(tx)));
  }

  // ── upstream: reading the published catalog ──

  /** Grade ids among these ids or codes (live entries of the tenant's curriculum). */
  async gradeIds(tenantId: string, idsOrCodes: readonly string[]): Promise<string[]> {
    if (idsOrCodes.length === 0) return [];
    const rows = await this.db
      .selectFrom('curriculum_items')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'grade')
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('id', 'in', [...idsOrCodes]), eb('code', 'in', [...idsOrCodes])]))
      .execute();
    return rows.map((r) => r.id);
  }

  /** The catalog entries (latest published versions) that match the filter. */
  async publishedEntries(tenantId: string, f: PublishedFilter): Promise<CatalogEntryFull[]> {
    let q = this.db.selectFrom('catalog_entries').selectAll().where('tenant_id', '=', tenantId);
    if (f.courseIds.length > 0) q = q.where('course_id', 'in', [...f.courseIds]);
    if (f.languages.length > 0) q = q.where('language', 'in', [...f.languages]);
    if (f.gradeIds.length > 0)
      q = q.where('course_id', 'in', (eb) =>
        eb
          .selectFrom('course_tags')
          .select('course_id')
          .where('tenant_id', '=', tenantId)
          .where('kind', '=', 'grade')
          .where('item_id', 'in', [...f.gradeIds]),
      );
    return q.orderBy('course_id').execute();
  }

  async tags(tenantId: string, courseIds: readonly string[]): Promise<CourseTagRow[]> {
    const rows: CourseTagRow[] = [];
    for (const batch of chunks(courseIds))
      rows.push(
        ...(await this.db
          .selectFrom('course_tags')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('course_id', 'in', batch)
          .execute()),
      );
    return rows;
  }

  async manifests(
    tenantId: string,
    versionIds: readonly string[],
  ): Promise<Pick<Selectable<CourseVersionsTable>, 'id' | 'manifest'>[]> {
    const rows: Pick<Selectable<CourseVersionsTable>, 'id' | 'manifest'>[] = [];
    for (const batch of chunks(versionIds))
      rows.push(
        ...(await this.db
          .selectFrom('course_versions')
          .select(['id', 'manifest'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', batch)
          .execute()),
      );
    return rows;
  }

  async manifest(tenantId: string, versionId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('course_versions')
      .select('manifest')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', versionId)
      .executeTakeFirst();
    return row?.manifest;
  }

  async frameworks(tenantId: string): Promise<Selectable<CurriculumFrameworksTable>[]> {
    return this.db
      .selectFrom('curriculum_frameworks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
  }

  async curriculumItems(tenantId: string): Promise<Selectable<CurriculumItemsTable>[]> {
    return this.db
      .selectFrom('curriculum_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
  }

  async categories(tenantId: string): Promise<Selectable<CategoriesTable>[]> {
    return this.db
      .selectFrom('categories')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
  }

  async publishedPaths(tenantId: string): Promise<Selectable<LearningPathsTable>[]> {
    return this.db
      .selectFrom('learning_paths')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('published', '=', 1)
      .orderBy('id')
      .execute();
  }

  // ── hub: holding a copy ──

  /** Which of these versions the tenant already holds. */
  async presentVersions(tenantId: string, versionIds: readonly string[]): Promise<Set<string>> {
    const present = new Set<string>();
    for (const batch of chunks(versionIds)) {
      const rows = await this.db
        .selectFrom('course_versions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', batch)
        .execute();
      for (const r of rows) present.add(r.id);
    }
    return present;
  }

  /** Every published version id the tenant holds (what a peer needs not be sent again). */
  async allVersionIds(tenantId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('course_versions')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Inserts or advances versioned rows: a row already here is replaced only by a later
   * version of it, so mirroring never rolls back a newer copy (a synced edit, say).
   */
  async upsertVersioned(
    table: 'curriculum_frameworks' | 'curriculum_items' | 'categories' | 'learning_paths',
    rows: readonly Record<string, unknown>[],
  ): Promise<void> {
    for (const row of rows) {
      const values = row as Insertable<CategoriesTable>;
      await this.db
        .insertInto(table)
        .values(values)
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet(values as never)
            .where(`${table}.version`, '<', values.version ?? 0),
        )
        .execute();
    }
  }

  /** The course row a mirrored course needs (learners look up its published version through it). */
  async upsertCourse(row: Insertable<CoursesTable>): Promise<void> {
    const { id: _id, tenant_id: _tenant, created_at: _created, created_by: _by, ...published } = row;
    await this.db
      .insertInto('courses')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet(published)
          .where((eb) =>
            eb.or([
              eb('courses.published_version', 'is', null),
              eb('courses.published_version', '<', row.published_version ?? 0),
            ]),
          ),
      )
      .execute();
  }

  async insertVersionIfAbsent(row: Insertable<CourseVersionsTable>): Promise<void> {
    await this.db
      .insertInto('course_versions')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async currentCatalogVersion(tenantId: string, courseId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('catalog_entries')
      .select('version')
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .executeTakeFirst();
    return row ? Number(row.version) : null;
  }

  /** Replaces a course's catalog entry and tags. */
  async replaceCatalog(
    entry: Insertable<CatalogEntriesTable>,
    tags: readonly Insertable<CourseTagsTable>[],
  ): Promise<void> {
    await this.db
      .deleteFrom('course_tags')
      .where('tenant_id', '=', entry.tenant_id)
      .where('course_id', '=', entry.course_id)
      .execute();
    await this.db
      .deleteFrom('catalog_entries')
      .where('tenant_id', '=', entry.tenant_id)
      .where('course_id', '=', entry.course_id)
      .execute();
    await this.db.insertInto('catalog_entries').values(entry).execute();
    if (tags.length > 0)
      await this.db
        .insertInto('course_tags')
        .values([...tags])
        .execute();
  }
}
