import type { DraftCourseContent, DraftLesson, LibraryItemDetail } from '@satchel/core';

// Builders for the author area's tests: small valid drafts and library items with readable ids.

export function uuid(n: number): string {
  return `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function markdownLesson(id: string, title = `Lesson ${id}`): DraftLesson {
  return { id, title, required: true, outcomeIds: [], kind: 'markdown', body: '' };
}

export function draft(
  modules: Array<{ id: string; title?: string; lessons?: DraftLesson[] }> = [],
): DraftCourseContent {
  return {
    title: 'Water',
    description: '',
    language: 'en',
    categoryId: null,
    tags: { gradeIds: [], subjectIds: [], outcomeIds: [] },
    audiences: [],
    coverImage: null,
    prerequisiteCourseIds: [],
    modules: modules.map((module) => ({
      id: module.id,
      title: module.title ?? `Module ${module.id}`,
      lessons: module.lessons ?? [],
    })),
  };
}

export function lessonIds(content: DraftCourseContent): string[][] {
  return content.modules.map((module) => module.lessons.map((lesson) => lesson.id));
}

const SHA = 'a'.repeat(64);

export function libraryItem(overrides: Partial<LibraryItemDetail> = {}): LibraryItemDetail {
  return {
    id: uuid(900),
    kind: 'video',
    title: 'The water cycle',
    description: '',
    language: 'en',
    licence: 'CC-BY-4.0',
    author: 'Ana Lima',
    provider: null,
    sourceUrl: 'https://example.org/water',
    file: { sha256: SHA, size: 1234, mediaType: 'video/mp4' },
    size: 1234,
    mediaType: 'video/mp4',
    captions: [],
    package: null,
    durationSeconds: null,
    fileUrl: `/api/t/demo/blobs/${SHA}`,
    launchUrl: null,
    createdBy: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
