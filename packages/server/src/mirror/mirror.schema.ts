import { BlobRef, EnrolmentPolicy, LocaleTag, Sha256, Uuid } from '@satchel/core';
import { z } from 'zod';

// Wire schemas of the mirror routes (server to server: a hub asks its upstream).
// Rows travel with their own column names minus tenant_id: the hub writes them under
// its own tenant id, and never takes a column it does not know (zod strips the rest).

/** The hub's instance id, beside its credential (record sync checks they belong together). */
export const INSTANCE_HEADER = 'x-satchel-instance';

/** A comma-separated list, or the parameter repeated: `?courses=a,b` or `?courses=a&courses=b`. */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string().max(20_000), z.array(z.string().max(2_000)).max(500)])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(2_000))
    .optional();

/** Which part of the published catalog to mirror; no filter is the whole catalog. */
export const MirrorFilter = z.object({
  courses: list(Uuid),
  languages: list(LocaleTag),
  /** Grade ids or grade codes of the tenant's curriculum. */
  grades: list(z.string().min(1).max(200)),
});
export type MirrorFilter = z.output<typeof MirrorFilter>;

const sync = {
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
  deleted_at: z.string().nullable(),
};

export const FrameworkWire = z.object({
  id: Uuid,
  name: z.string(),
  code: z.string(),
  description: z.string(),
  source_uri: z.string().nullable(),
  ...sync,
});
export const CurriculumItemWire = z.object({
  id: Uuid,
  framework_id: Uuid,
  kind: z.enum(['subject', 'grade', 'outcome']),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  subject_id: Uuid.nullable(),
  grade_id: Uuid.nullable(),
  sort: z.number(),
  ...sync,
});
export const CategoryWire = z.object({
  id: Uuid,
  name: z.string(),
  parent_id: Uuid.nullable(),
  sort: z.number(),
  ...sync,
});
export const PathWire = z.object({
  id: Uuid,
  title: z.string(),
  description: z.string(),
  language: z.string(),
  course_ids: z.string(),
  enforce_order: z.number().int(),
  published: z.number().int(),
  ...sync,
});
export const CatalogEntryWire = z.object({
  course_id: Uuid,
  version_id: Uuid,
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  language: z.string(),
  category_id: Uuid.nullable(),
  variant_group_id: Uuid.nullable(),
  enrolment_policy: EnrolmentPolicy,
  audiences: z.string(),
  lesson_count: z.number().int(),
  duration_minutes: z.number().int(),
  cover_sha256: Sha256.nullable(),
  search_text: z.string(),
  published_at: z.string(),
});
export const CourseTagWire = z.object({ kind: z.enum(['grade', 'subject', 'outcome']), item_id: Uuid });

/** One published course as the hub needs it: where its manifest is, its files, its catalog rows. */
export const MirrorCourse = z.object({
  courseId: Uuid,
  versionId: Uuid,
  version: z.number().int().positive(),
  title: z.string(),
  language: z.string(),
  enrolmentPolicy: EnrolmentPolicy,
  variantGroupId: Uuid.nullable(),
  publishedAt: z.string(),
  /** SHA-256 of the manifest exactly as stored, so the hub can verify what it fetched. */
  manifestSha256: Sha256,
  manifestBytes: z.number().int().nonnegative(),
  blobs: z.array(BlobRef),
  entry: CatalogEntryWire,
  tags: z.array(CourseTagWire),
});
export type MirrorCourse = z.infer<typeof MirrorCourse>;

export const MirrorIndex = z.object({
  tenant: z.object({ id: Uuid, slug: z.string() }),
  courses: z.array(MirrorCourse),
  frameworks: z.array(FrameworkWire),
  curriculumItems: z.array(CurriculumItemWire),
  categories: z.array(CategoryWire),
  paths: z.array(PathWire),
});
export type MirrorIndex = z.infer<typeof MirrorIndex>;

export const MirrorVersionParams = z.object({ tenant: z.string(), versionId: Uuid });
