import {
  allLessons,
  CourseManifest,
  manifestBlobs,
  normalizeSearchText,
  type CurriculumItemKind,
  type DraftCourseContent,
  type EnrolmentPolicy,
} from '@satchel/core';
import type { Insertable } from 'kysely';
import type { CatalogEntriesTable, CourseTagsTable } from '../db/schema.js';
import { invalid } from '../http/errors.js';

/** What the publishing checks need to look up in the tenant. */
export interface PublishLookups {
  presentBlobs(sha256s: readonly string[]): Promise<Set<string>>;
  courseTitles(ids: readonly string[]): Promise<Map<string, string>>;
  curriculumItems(ids: readonly string[]): Promise<{ id: string; kind: CurriculumItemKind; code: string }[]>;
  categoryExists(id: string): Promise<boolean>;
}

interface BlobUser {
  sha256: string;
  lessonId: string | null;
  lessonTitle: string | null;
}

/** Every blob of the draft with the lesson that uses it (null: the cover image). */
function blobUsers(content: DraftCourseContent): BlobUser[] {
  const out: BlobUser[] = [];
  if (content.coverImage) out.push({ sha256: content.coverImage.sha256, lessonId: null, lessonTitle: null });
  for (const lesson of allLessons(content)) {
    if (lesson.kind === 'quiz') continue;
    for (const blob of manifestBlobs({
      coverImage: null,
      modules: [{ id: lesson.id, title: lesson.title, lessons: [lesson] }],
    })) {
      out.push({ sha256: blob.sha256, lessonId: lesson.id, lessonTitle: lesson.title });
    }
  }
  return out;
}

/** Every outcome a course teaches: its own tags and those of its lessons. */
export function courseOutcomeIds(content: DraftCourseContent): string[] {
  return [...new Set([...content.tags.outcomeIds, ...allLessons(content).flatMap((l) => l.outcomeIds)])];
}

/**
 * Refuses a draft that learners could not take: no lessons, an empty quiz, a file
 * the tenant does not hold, or a prerequisite, curriculum tag or category that
 * does not exist. Returns the codes of the course's outcomes, for catalog search.
 */
export async function assertPublishable(
  courseId: string,
  content: DraftCourseContent,
  lookups: PublishLookups,
): Promise<Map<string, string>> {
  const lessons = allLessons(content);
  if (lessons.length === 0)
    throw invalid('course_empty', 'Add at least one lesson before publishing', { courseId });
  for (const lesson of lessons) {
    if (lesson.kind === 'quiz' && lesson.questions.length === 0) {
      throw invalid('quiz_empty', `The quiz "${lesson.title}" has no questions`, {
        lessonId: lesson.id,
        lessonTitle: lesson.title,
      });
    }
  }

  const users = blobUsers(content);
  const present = await lookups.presentBlobs(users.map((u) => u.sha256));
  const missing = users.filter((u) => !present.has(u.sha256));
  if (missing.length > 0) {
    const first = missing[0]!;
    const where = first.lessonTitle === null ? 'The cover image' : `The lesson "${first.lessonTitle}"`;
    throw invalid(
      'missing_blob',
      `${where} uses a file that is not in this platform's library; upload it again`,
      {
        lessonId: first.lessonId,
        lessonTitle: first.lessonTitle,
        sha256: first.sha256,
        missing: missing.map((m) => ({ lessonId: m.lessonId, lessonTitle: m.lessonTitle, sha256: m.sha256 })),
      },
    );
  }

  const prerequisites = [...new Set(content.prerequisiteCourseIds)];
  if (prerequisites.includes(courseId))
    throw invalid('prerequisite_invalid', 'A course cannot be its own prerequisite', { courseId });
  const titles = await lookups.courseTitles(prerequisites);
  const unknownPrerequisites = prerequisites.filter((id) => !titles.has(id));
  if (unknownPrerequisites.length > 0) {
    throw invalid('prerequisite_not_found', 'Some prerequisite courses do not exist on this platform', {
      courseIds: unknownPrerequisites,
    });
  }

  const wanted: [string, CurriculumItemKind][] = [
    ...content.tags.gradeIds.map((id): [string, CurriculumItemKind] => [id, 'grade']),
    ...content.tags.subjectIds.map((id): [string, CurriculumItemKind] => [id, 'subject']),
    ...courseOutcomeIds(content).map((id): [string, CurriculumItemKind] => [id, 'outcome']),
  ];
  const items = new Map((await lookups.curriculumItems(wanted.map(([id]) => id))).map((i) => [i.id, i]));
  const unknownItems = wanted
    .filter(([id, kind]) => items.get(id)?.kind !== kind)
    .map(([id, kind]) => ({ id, kind }));
  if (unknownItems.length > 0) {
    throw invalid(
      'curriculum_item_not_found',
      'Some curriculum tags are not entries of this platform’s curriculum',
      { items: unknownItems },
    );
  }

  if (content.categoryId !== null && !(await lookups.categoryExists(content.categoryId))) {
    throw invalid('category_not_found', 'The course category does not exist', {
      categoryId: content.categoryId,
    });
  }
  return new Map([...items.values()].filter((i) => i.kind === 'outcome').map((i) => [i.id, i.code]));
}

export function buildManifest(
  content: DraftCourseContent,
  meta: {
    courseId: string;
    versionId: string;
    version: number;
    variantGroupId: string | null;
    publishedAt: string;
  },
): CourseManifest {
  return CourseManifest.parse({ schema: 1, ...content, ...meta });
}

/** The catalog row and tags of a newly published version. */
export function catalogRows(
  tenantId: string,
  manifest: CourseManifest,
  enrolmentPolicy: EnrolmentPolicy,
  outcomeCodes: ReadonlyMap<string, string>,
): { entry: Insertable<CatalogEntriesTable>; tags: Insertable<CourseTagsTable>[] } {
  const lessons = allLessons(manifest);
  const outcomeIds = courseOutcomeIds(manifest);
  const searchText = normalizeSearchText(
    [manifest.title, manifest.description, ...outcomeIds.map((id) => outcomeCodes.get(id) ?? '')].join(' '),
  );
  const tag = (kind: CourseTagsTable['kind']) => (itemId: string) => ({
    tenant_id: tenantId,
    course_id: manifest.courseId,
    kind,
    item_id: itemId,
  });
  return {
    entry: {
      tenant_id: tenantId,
      course_id: manifest.courseId,
      version_id: manifest.versionId,
      version: manifest.version,
      title: manifest.title,
      description: manifest.description,
      language: manifest.language,
      category_id: manifest.categoryId,
      variant_group_id: manifest.variantGroupId,
      enrolment_policy: enrolmentPolicy,
      audiences: JSON.stringify(manifest.audiences),
      lesson_count: lessons.length,
      duration_minutes: lessons.reduce((sum, l) => sum + (l.durationMinutes ?? 0), 0),
      cover_sha256: manifest.coverImage?.sha256 ?? null,
      search_text: searchText,
      published_at: manifest.publishedAt,
    },
    tags: [
      ...[...new Set(manifest.tags.gradeIds)].map(tag('grade')),
      ...[...new Set(manifest.tags.subjectIds)].map(tag('subject')),
      ...outcomeIds.map(tag('outcome')),
    ],
  };
}
