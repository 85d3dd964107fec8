import {
  sql,
  type Insertable,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { Db } from '../db/database.js';
import { updateVersioned } from '../db/versioned.js';
import type { CoursesTable, CourseVersionsTable } from '../db/schema.js';

export type CourseRow = Selectable<CoursesTable>;
export type CourseVersionRow = Selectable<CourseVersionsTable>;
/** A course without its draft document, plus when its current version was published. */
export type CourseSummaryRow = Omit<CourseRow, 'draft'> & { published_at: string | null };

export interface CourseListFilter {
  q?: string;
  includeArchived: boolean;
  limit: number;
  offset: number;
}

const SUMMARY_COLUMNS = [
  'courses.id',
  'courses.tenant_id',
  'courses.title',
  'courses.language',
  'courses.variant_group_id',
  'courses.enrolment_policy',
  'courses.published_version_id',
  'courses.published_version',
  'courses.archived',
  'courses.created_by',
  'courses.created_at',
  'courses.updated_at',
  'courses.version',
  'courses.deleted_at',
] as const;

/** `column` contains `text` (LIKE with its wildcards escaped; case as stored). */
export function containsText(
  column: string,
  text: string,
  options: { lowerColumn?: boolean } = {},
): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const ref = options.lowerColumn ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  return sql<SqlBool>`${ref} like ${pattern} escape '\\'`;
}

export class CoursesRepo {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one transaction, with a repository bound to it and the transaction for other repositories. */
  async transaction<T>(fn: (repo: CoursesRepo, tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((tx) => fn(new CoursesRepo(tx), tx));
  }

  async insert(row: Insertable<CoursesTable>): Promise<void> {
    await this.db.insertInto('courses').values(row).execute();
  }

  async byId(tenantId: string, id: string): Promise<CourseRow | undefined> {
    return this.db
      .selectFrom('courses')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async summary(tenantId: string, id: string): Promise<CourseSummaryRow | undefined> {
    return this.summaries(tenantId).where('courses.id', '=', id).executeTakeFirst();
  }

  async list(
    tenantId: string,
    filter: CourseListFilter,
  ): Promise<{ rows: CourseSummaryRow[]; total: number }> {
    let base = this.db
      .selectFrom('courses')
      .where('courses.tenant_id', '=', tenantId)
      .where('courses.deleted_at', 'is', null);
    if (!filter.includeArchived) base = base.where('courses.archived', '=', 0);
    if (filter.q)
      base = base.where(containsText('courses.title', filter.q.toLowerCase(), { lowerColumn: true }));
    const [count, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      base
        .leftJoin('course_versions', 'course_versions.id', 'courses.published_version_id')
        .select([...SUMMARY_COLUMNS, 'course_versions.published_at'])
        .orderBy('courses.updated_at', 'desc')
        .orderBy('courses.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    return { rows, total: Number(count?.n ?? 0) };
  }

  /** Optimistic update of the draft and settings: applies only at `expectedVersion`. */
  async update(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<CoursesTable>,
  ): Promise<boolean> {
    return updateVersioned(this.db, 'courses', { tenantId, id, expectedVersion }, patch);
  }

  /** Groups an ungrouped course with its new variant. Not a draft edit, so the edit counter stays. */
  async setVariantGroup(tenantId: string, id: string, groupId: string): Promise<void> {
    await this.db
      .updateTable('courses')
      .set({ variant_group_id: groupId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('variant_group_id', 'is', null)
      .execute();
  }

  /** Other courses of the variant group, archived ones left out. */
  async variants(
    tenantId: string,
    groupId: string,
    exceptId: string,
  ): Promise<Pick<CourseRow, 'id' | 'title' | 'language' | 'published_version_id'>[]> {
    return this.db
      .selectFrom('courses')
      .select(['id', 'title', 'language', 'published_version_id'])
      .where('tenant_id', '=', tenantId)
      .where('variant_group_id', '=', groupId)
      .where('id', '!=', exceptId)
      .where('archived', '=', 0)
      .where('deleted_at', 'is', null)
      .orderBy('language')
      .execute();
  }

  /** Titles of the live courses among `ids` (drafts too). */
  async titles(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('courses')
      .select(['id', 'title'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .where('deleted_at', 'is', null)
      .execute();
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  /** Which of these blobs the tenant holds. */
  async presentBlobs(tenantId: string, sha256s: readonly string[]): Promise<Set<string>> {
    const present = new Set<string>();
    const unique = [...new Set(sha256s)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('blobs')
        .select('sha256')
        .where('tenant_id', '=', tenantId)
        .where('sha256', 'in', unique.slice(i, i + 500))
        .execute();
      for (const r of rows) present.add(r.sha256);
    }
    return present;
  }

  async versions(tenantId: string, courseId: string): Promise<Omit<CourseVersionRow, 'manifest'>[]> {
    return this.db
      .selectFrom('course_versions')
      .select(['id', 'tenant_id', 'course_id', 'version', 'published_at', 'published_by'])
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .orderBy('version', 'desc')
      .execute();
  }

  async version(tenantId: string, versionId: string): Promise<CourseVersionRow | undefined> {
    return this.db
      .selectFrom('course_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', versionId)
      .executeTakeFirst();
  }

  async latestVersionNumber(tenantId: string, courseId: string): Promise<number> {
    const row = await this.db
      .selectFrom('course_versions')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .executeTakeFirst();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max);
  }

  async insertVersion(row: Insertable<CourseVersionsTable>): Promise<void> {
    await this.db.insertInto('course_versions').values(row).execute();
  }

  /**
   * Points the course at its new version, only if nobody published in between
   * (`previous` is the version the publisher saw): two concurrent publications
   * cannot both claim version n+1.
   */
  async markPublished(
    tenantId: string,
    courseId: string,
    previous: number | null,
    versionId: string,
    version: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('courses')
      .set({ published_version_id: versionId, published_version: version })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', courseId)
      .where((eb) =>
        previous === null ? eb('published_version', 'is', null) : eb('published_version', '=', previous),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private summaries(tenantId: string) {
    return this.db
      .selectFrom('courses')
      .leftJoin('course_versions', 'course_versions.id', 'courses.published_version_id')
      .select([...SUMMARY_COLUMNS, 'course_versions.published_at'])
      .where('courses.tenant_id', '=', tenantId)
      .where('courses.deleted_at', 'is', null);
  }
}
