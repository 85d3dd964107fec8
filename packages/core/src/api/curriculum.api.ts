import { z } from 'zod';
import { LocaleTag, Uuid } from '../course/course.schema.js';
import { SlugParam } from './common.api.js';

// Curriculum frameworks (CASE-like: subjects, ordered grades or levels, and
// learning outcomes with codes) and course categories. Names are language maps
// because one platform serves several languages: { "en": "Mathematics", "ar": "الرياضيات" }.

export const LanguageMap = z
  .record(LocaleTag, z.string().trim().min(1).max(500))
  .refine((m) => Object.keys(m).length > 0, 'at least one language');
export type LanguageMap = z.infer<typeof LanguageMap>;

/** The text of a language map in the wanted locale, else its language, else the first one. */
export function pickLanguage(map: Readonly<Record<string, string>>, locale: string): string {
  const base = locale.split('-')[0] ?? locale;
  return map[locale] ?? map[base] ?? Object.values(map)[0] ?? '';
}

export const CURRICULUM_ITEM_KINDS = ['subject', 'grade', 'outcome'] as const;
export const CurriculumItemKind = z.enum(CURRICULUM_ITEM_KINDS);
export type CurriculumItemKind = z.infer<typeof CurriculumItemKind>;

export const CurriculumCode = z.string().trim().min(1).max(100);

export const CurriculumFramework = z.object({
  id: Uuid,
  code: z.string(),
  name: z.record(z.string(), z.string()),
  description: z.string(),
  sourceUri: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type CurriculumFramework = z.infer<typeof CurriculumFramework>;

export const CurriculumItem = z.object({
  id: Uuid,
  frameworkId: Uuid,
  kind: CurriculumItemKind,
  code: z.string(),
  name: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()),
  /** Outcomes belong to a subject and a grade; subjects and grades have neither. */
  subjectId: Uuid.nullable(),
  gradeId: Uuid.nullable(),
  /** Position within its kind; grades are listed in this order (lowest first). */
  sort: z.number().int(),
  version: z.number().int(),
});
export type CurriculumItem = z.infer<typeof CurriculumItem>;

/** A framework with its entries, each list in display order. */
export const CurriculumFrameworkTree = CurriculumFramework.extend({
  subjects: z.array(CurriculumItem),
  grades: z.array(CurriculumItem),
  outcomes: z.array(CurriculumItem),
});
export type CurriculumFrameworkTree = z.infer<typeof CurriculumFrameworkTree>;

/** `GET /api/t/:tenant/curriculum`: every framework, for catalog filters. */
export const CurriculumResponse = z.object({ frameworks: z.array(CurriculumFrameworkTree) });
export type CurriculumResponse = z.infer<typeof CurriculumResponse>;

export const FrameworkListResponse = z.object({ items: z.array(CurriculumFramework) });
export type FrameworkListResponse = z.infer<typeof FrameworkListResponse>;

export const CreateFrameworkRequest = z.object({
  code: CurriculumCode,
  name: LanguageMap,
  description: z.string().max(4000).default(''),
  sourceUri: z.string().max(2000).nullable().default(null),
});
export type CreateFrameworkRequest = z.input<typeof CreateFrameworkRequest>;

export const UpdateFrameworkRequest = z.object({
  code: CurriculumCode.optional(),
  name: LanguageMap.optional(),
  description: z.string().max(4000).optional(),
  sourceUri: z.string().max(2000).nullable().optional(),
  /** When given, the change applies only if nobody changed the framework since. */
  expectedVersion: z.number().int().positive().optional(),
});
export type UpdateFrameworkRequest = z.infer<typeof UpdateFrameworkRequest>;

export const CreateCurriculumItemRequest = z.object({
  kind: CurriculumItemKind,
  code: CurriculumCode,
  name: LanguageMap,
  description: z.record(LocaleTag, z.string().max(4000)).default({}),
  subjectId: Uuid.nullable().optional(),
  gradeId: Uuid.nullable().optional(),
  /** Position within its kind; appended at the end when absent. */
  sort: z.number().int().min(0).max(1_000_000).optional(),
});
export type CreateCurriculumItemRequest = z.input<typeof CreateCurriculumItemRequest>;

export const UpdateCurriculumItemRequest = z.object({
  code: CurriculumCode.optional(),
  name: LanguageMap.optional(),
  description: z.record(LocaleTag, z.string().max(4000)).optional(),
  subjectId: Uuid.nullable().optional(),
  gradeId: Uuid.nullable().optional(),
  sort: z.number().int().min(0).max(1_000_000).optional(),
  expectedVersion: z.number().int().positive().optional(),
});
export type UpdateCurriculumItemRequest = z.infer<typeof UpdateCurriculumItemRequest>;

/** Puts every subject or every grade of a framework in the given order. */
export const ReorderCurriculumRequest = z.object({
  kind: CurriculumItemKind,
  itemIds: z.array(Uuid).min(1).max(2000),
});
export type ReorderCurriculumRequest = z.infer<typeof ReorderCurriculumRequest>;

export const FrameworkParams = SlugParam.extend({ frameworkId: Uuid });
export const CurriculumItemParams = FrameworkParams.extend({ itemId: Uuid });

// Categories: a tenant's own tree of course categories, independent of curricula.

export const Category = z.object({
  id: Uuid,
  name: z.record(z.string(), z.string()),
  parentId: Uuid.nullable(),
  sort: z.number().int(),
  version: z.number().int(),
});
export type Category = z.infer<typeof Category>;

/** Flat and sorted (parents before their children, siblings by sort); clients build the tree. */
export const CategoryListResponse = z.object({ items: z.array(Category) });
export type CategoryListResponse = z.infer<typeof CategoryListResponse>;

export const CreateCategoryRequest = z.object({
  name: LanguageMap,
  parentId: Uuid.nullable().default(null),
  sort: z.number().int().min(0).max(1_000_000).optional(),
});
export type CreateCategoryRequest = z.input<typeof CreateCategoryRequest>;

export const UpdateCategoryRequest = z.object({
  name: LanguageMap.optional(),
  parentId: Uuid.nullable().optional(),
  sort: z.number().int().min(0).max(1_000_000).optional(),
  expectedVersion: z.number().int().positive().optional(),
});
export type UpdateCategoryRequest = z.infer<typeof UpdateCategoryRequest>;

export const CategoryParams = SlugParam.extend({ categoryId: Uuid });
