import {
  blobUrl,
  normalizeSearchText,
  type CatalogItem,
  type CatalogQuery,
  type CatalogResponse,
} from '@satchel/core';
import type { CategoryService } from '../curriculum/categories.service.js';
import type { TenantRef } from '../http/context.js';
import { parseJson } from '../platform/json.js';
import type { CatalogCache } from './catalog.cache.js';
import type { CatalogEntryRow, CatalogRepo } from './catalog.repo.js';

const MAX_TERMS = 10;

interface NormalizedQuery {
  terms: string[];
  grade: string[];
  subject: string[];
  outcome: string[];
  category: string[];
  language: string[];
  audience: string[];
  sort: CatalogQuery['sort'];
  page: number;
  pageSize: number;
}

const set = (values: readonly string[] | undefined): string[] => [...new Set(values ?? [])].sort();

/** Equal queries (other order, other case, repeated words) normalize to the same cache key. */
export function normalizeCatalogQuery(q: CatalogQuery): NormalizedQuery {
  const terms = q.q
    ? set(
        normalizeSearchText(q.q)
          .split(' ')
          .filter((t) => t !== ''),
      ).slice(0, MAX_TERMS)
    : [];
  return {
    terms,
    grade: set(q.grade),
    subject: set(q.subject),
    outcome: set(q.outcome),
    category: set(q.category),
    language: set(q.language),
    audience: set(q.audience),
    sort: q.sort,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The catalog of published courses: read model only, answers cached per tenant and query. */
export class CatalogService {
  constructor(
    private readonly repo: CatalogRepo,
    private readonly categories: CategoryService,
    private readonly cache: CatalogCache,
  ) {}

  /** The answer serialized, as sent: a cache hit costs a map lookup. */
  async listJson(tenant: TenantRef, query: CatalogQuery): Promise<string> {
    const normalized = normalizeCatalogQuery(query);
    const key = JSON.stringify(normalized);
    const hit = this.cache.get(tenant.id, key);
    if (hit !== undefined) return hit;
    const generation = this.cache.generation(tenant.id);
    const body = JSON.stringify(await this.compute(tenant, normalized));
    this.cache.set(tenant.id, key, generation, body);
    return body;
  }

  async list(tenant: TenantRef, query: CatalogQuery): Promise<CatalogResponse> {
    return JSON.parse(await this.listJson(tenant, query)) as CatalogResponse;
  }

  private async compute(tenant: TenantRef, q: NormalizedQuery): Promise<CatalogResponse> {
    const category =
      q.category.length > 0 ? await this.categories.withDescendants(tenant.id, q.category) : [];
    const { rows, total } = await this.repo.search(tenant.id, {
      terms: q.terms,
      grade: q.grade,
      subject: q.subject,
      outcome: q.outcome,
      category,
      language: q.language,
      audience: q.audience,
      sort: q.sort,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const courseIds = rows.map((r) => r.course_id);
    const groups = rows.flatMap((r) => (r.variant_group_id ? [r.variant_group_id] : []));
    const [tags, variants] = await Promise.all([
      this.repo.tags(tenant.id, courseIds),
      this.repo.variants(tenant.id, groups),
    ]);
    const items = rows.map((row): CatalogItem => {
      const own = tags.filter((t) => t.course_id === row.course_id);
      const ofKind = (kind: 'grade' | 'subject' | 'outcome') =>
        own.filter((t) => t.kind === kind).map((t) => t.item_id);
      return {
        ...presentEntry(tenant, row),
        gradeIds: ofKind('grade'),
        subjectIds: ofKind('subject'),
        outcomeIds: ofKind('outcome'),
        variants: variants
          .filter((v) => v.variant_group_id === row.variant_group_id && v.course_id !== row.course_id)
          .map((v) => ({ courseId: v.course_id, language: v.language, title: v.title })),
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}

export function presentEntry(
  tenant: TenantRef,
  row: CatalogEntryRow,
): Omit<CatalogItem, 'gradeIds' | 'subjectIds' | 'outcomeIds' | 'variants'> {
  return {
    courseId: row.course_id,
    versionId: row.version_id,
    version: row.version,
    title: row.title,
    description: row.description,
    language: row.language,
    categoryId: row.category_id,
    enrolmentPolicy: row.enrolment_policy,
    audiences: parseJson<string[]>(row.audiences, 'catalog_entries.audiences'),
    lessonCount: row.lesson_count,
    durationMinutes: row.duration_minutes,
    coverUrl: row.cover_sha256 ? blobUrl(tenant.slug, row.cover_sha256) : null,
    publishedAt: row.published_at,
  };
}
