import { z } from 'zod';
import { LocaleTag, Uuid } from '../course/course.schema.js';

// The learner-facing catalog of published courses. Every field comes from the
// catalog read model, written when a course is published, so a catalog page is
// one indexed query and never parses a course manifest.

export const EnrolmentPolicy = z.enum(['open', 'self', 'assigned']);
export type EnrolmentPolicy = z.infer<typeof EnrolmentPolicy>;

/** A query parameter that may be repeated (`?grade=a&grade=b`); repeated values are alternatives (OR). */
const repeated = <T extends z.ZodType<string>>(item: T) =>
  z
    .union([item, z.array(item).max(50)])
    .transform((v): z.output<T>[] => (Array.isArray(v) ? v : [v]))
    .optional();

export const CATALOG_SORTS = ['title', 'newest'] as const;

/**
 * `GET /api/t/:tenant/catalog` query. Filters of different kinds combine with AND,
 * repeated values of one kind with OR. A category matches its subcategories too.
 */
export const CatalogQuery = z.object({
  /** Words to find in the title, description and outcome codes (case-insensitive, every word must match). */
  q: z.string().max(200).optional(),
  grade: repeated(Uuid),
  subject: repeated(Uuid),
  outcome: repeated(Uuid),
  category: repeated(Uuid),
  language: repeated(LocaleTag),
  audience: repeated(z.string().min(1).max(100)),
  sort: z.enum(CATALOG_SORTS).default('title'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});
export type CatalogQuery = z.output<typeof CatalogQuery>;
export type CatalogQueryInput = z.input<typeof CatalogQuery>;

/** Another language version of the same course (same variant group). */
export const CourseVariant = z.object({ courseId: Uuid, language: z.string(), title: z.string() });
export type CourseVariant = z.infer<typeof CourseVariant>;

export const CatalogItem = z.object({
  courseId: Uuid,
  versionId: Uuid,
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  language: z.string(),
  categoryId: Uuid.nullable(),
  enrolmentPolicy: EnrolmentPolicy,
  audiences: z.array(z.string()),
  lessonCount: z.number().int(),
  durationMinutes: z.number().int(),
  /** `/api/t/<slug>/blobs/<sha256>`, or null without a cover image. */
  coverUrl: z.string().nullable(),
  publishedAt: z.string(),
  gradeIds: z.array(Uuid),
  subjectIds: z.array(Uuid),
  outcomeIds: z.array(Uuid),
  variants: z.array(CourseVariant),
});
export type CatalogItem = z.infer<typeof CatalogItem>;

export const CatalogResponse = z.object({
  items: z.array(CatalogItem),
  total: z.number().int().nonnegative(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CatalogResponse = z.infer<typeof CatalogResponse>;

/** The text the catalog searches in, and the form a query is compared in: NFC, lower case, single spaces. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function blobUrl(tenantSlug: string, sha256: string): string {
  return `/api/t/${tenantSlug}/blobs/${sha256}`;
}
