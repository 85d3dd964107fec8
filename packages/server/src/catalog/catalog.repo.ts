import type { Insertable, Selectable } from 'kysely';
import { containsText } from '../courses/courses.repo.js';
import type { Db } from '../db/database.js';
import type { CatalogEntriesTable, CourseTagsTable } from '../db/schema.js';

export type CatalogEntryRow = Omit<Selectable<CatalogEntriesTable>, 'search_text'>;
export type CourseTagRow = Selectable<CourseTagsTable>;
export type TagKind = CourseTagRow['kind'];

export interface CatalogFilter {
  /** Normalized words; every one must occur in search_text. */
  terms: readonly string[];
  grade: readonly string[];
  subject: readonly string[];
  outcome: readonly string[];
  /** Already expanded to subcategories. */
  category: readonly string[];
  language: readonly string[];
  audience: readonly string[];
  sort: 'title' | 'newest';
  limit: number;
  offset: number;
}

const ENTRY_COLUMNS = [
  'tenant_id',
  'course_id',
  'version_id',
  'version',
  'title',
  'description',
  'language',
  'category_id',
  'variant_group_id',
  'enrolment_policy',
  'audiences',
  'lesson_count',
  'duration_minutes',
  'cover_sha256',
  'published_at',
] as const;

/** The catalog read model: one row per published course and its curriculum tags. */
export class CatalogRepo {
  constructor(private readonly db: Db) {}

  /** Replaces a course's entry and tags (call inside the publishing transaction). */
  async replace(
    entry: Insertable<CatalogEntriesTable>,
    tags: readonly Insertable<CourseTagsTable>[],
  ): Promise<void> {
    await this.remove(entry.tenant_id, entry.course_id);
    await this.db.insertInto('catalog_entries').values(entry).execute();
    if (tags.length > 0)
      await this.db
        .insertInto('course_tags')
        .values([...tags])
        .execute();
  }

  async remove(tenantId: string, courseId: string): Promise<void> {
    await this.db
      .deleteFrom('course_tags')
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .execute();
    await this.db
      .deleteFrom('catalog_entries')
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .execute();
  }

  async setVariantGroup(tenantId: string, courseId: string, groupId: string): Promise<void> {
    await this.db
      .updateTable('catalog_entries')
      .set({ variant_group_id: groupId })
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .execute();
  }

  async setEnrolmentPolicy(
    tenantId: string,
    courseId: string,
    policy: CatalogEntryRow['enrolment_policy'],
  ): Promise<void> {
    await this.db
      .updateTable('catalog_entries')
      .set({ enrolment_policy: policy })
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .execute();
  }

  async search(tenantId: string, f: CatalogFilter): Promise<{ rows: CatalogEntryRow[]; total: number }> {
    let q = this.db.selectFrom('catalog_entries').where('tenant_id', '=', tenantId);
    const tagged = (kind: TagKind, ids: readonly string[]) =>
      this.db
        .selectFrom('course_tags')
        .select('course_id')
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', kind)
        .where('item_id', 'in', [...ids]);
    if (f.grade.length > 0) q = q.where('course_id', 'in', tagged('grade', f.grade));
    if (f.subject.length > 0) q = q.where('course_id', 'in', tagged('subject', f.subject));
    if (f.outcome.length > 0) q = q.where('course_id', 'in', tagged('outcome', f.outcome));
    if (f.category.length > 0) q = q.where('category_id', 'in', [...f.category]);
    if (f.language.length > 0) q = q.where('language', 'in', [...f.language]);
    if (f.audience.length > 0) {
      // A course for no audience in particular is for every audience.
      q = q.where((eb) =>
        eb.or([
          eb('audiences', '=', '[]'),
          ...f.audience.map((a) => containsText('audiences', JSON.stringify(a))),
        ]),
      );
    }
    for (const term of f.terms) q = q.where(containsText('search_text', term));
    const ordered =
      f.sort === 'title'
        ? q.orderBy('title').orderBy('course_id')
        : q.orderBy('published_at', 'desc').orderBy('course_id', 'desc');
    const [count, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ordered.select(ENTRY_COLUMNS).limit(f.limit).offset(f.offset).execute(),
    ]);
    return { rows, total: Number(count?.n ?? 0) };
  }

  async entries(tenantId: string, courseIds: readonly string[]): Promise<CatalogEntryRow[]> {
    if (courseIds.length === 0) return [];
    return this.db
      .selectFrom('catalog_entries')
      .select(ENTRY_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('course_id', 'in', [...new Set(courseIds)])
      .execute();
  }

  async entry(tenantId: string, courseId: string): Promise<CatalogEntryRow | undefined> {
    return this.db
      .selectFrom('catalog_entries')
      .select(ENTRY_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', courseId)
      .executeTakeFirst();
  }

  async tags(tenantId: string, courseIds: readonly string[]): Promise<CourseTagRow[]> {
    if (courseIds.length === 0) return [];
    return this.db
      .selectFrom('course_tags')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('course_id', 'in', [...courseIds])
      .orderBy('kind')
      .orderBy('item_id')
      .execute();
  }

  /** Published members of these variant groups. */
  async variants(
    tenantId: string,
    groupIds: readonly string[],
  ): Promise<Pick<CatalogEntryRow, 'course_id' | 'language' | 'title' | 'variant_group_id'>[]> {
    if (groupIds.length === 0) return [];
    return this.db
      .selectFrom('catalog_entries')
      .select(['course_id', 'language', 'title', 'variant_group_id'])
      .where('tenant_id', '=', tenantId)
      .where('variant_group_id', 'in', [...new Set(groupIds)])
      .orderBy('language')
      .orderBy('course_id')
      .execute();
  }
}
