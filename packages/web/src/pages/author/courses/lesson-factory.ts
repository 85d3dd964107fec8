import type {
  Attribution,
  DraftLesson,
  LessonKind,
  LibraryItem,
  LibraryItemDetail,
  QuizSettings,
} from '@satchel/core';

// Building lessons. A lesson made from a library item copies what a learner's device needs offline
// (the file, its captions, an html5 package's files) and the attribution the item's licence requires,
// and remembers the item it came from.

/** Lesson kinds whose content is a library item. */
export const LIBRARY_LESSON_KINDS = ['video', 'audio', 'pdf', 'epub', 'html5', 'h5p'] as const;
export type LibraryLessonKind = (typeof LIBRARY_LESSON_KINDS)[number];

/** Every kind, in the order the "add lesson" dialog offers them. */
export const LESSON_KIND_ORDER: readonly LessonKind[] = [
  'video',
  'audio',
  'pdf',
  'epub',
  'html5',
  'h5p',
  'markdown',
  'link',
  'quiz',
];

export const DEFAULT_QUIZ_SETTINGS: QuizSettings = {
  mode: 'graded',
  passMark: 0.6,
  attemptLimit: null,
  shuffleQuestions: false,
  shuffleOptions: false,
  showFeedback: true,
};

export function isLibraryLessonKind(kind: string): kind is LibraryLessonKind {
  return (LIBRARY_LESSON_KINDS as readonly string[]).includes(kind);
}

/** The attribution learners see: the item's title, licence and origin. */
export function attributionOf(
  item: Pick<LibraryItem, 'title' | 'licence' | 'author' | 'provider' | 'sourceUrl'>,
): Attribution {
  return {
    title: item.title,
    licence: item.licence,
    ...(item.author ? { author: item.author } : {}),
    ...(item.provider ? { provider: item.provider } : {}),
    ...(item.sourceUrl ? { sourceUrl: item.sourceUrl } : {}),
  };
}

export class LibraryItemUnusable extends Error {
  override readonly name = 'LibraryItemUnusable';
}

function minutesOf(seconds: number | null): number | undefined {
  return seconds !== null && seconds > 0 ? Math.min(10_000, Math.ceil(seconds / 60)) : undefined;
}

/**
 * The kind-specific part of a lesson made from a library item. Html5 needs the item's detail (its
 * files); the others only need what the library list gives.
 */
function libraryContent(item: LibraryItemDetail) {
  const file = item.file;
  switch (item.kind) {
    case 'video':
      if (!file) break;
      return { kind: 'video' as const, file, captions: item.captions, renditions: [] };
    case 'audio':
      if (!file) break;
      return { kind: 'audio' as const, file, captions: item.captions };
    case 'pdf':
      if (!file) break;
      return { kind: 'pdf' as const, file };
    case 'epub':
      if (!file) break;
      return { kind: 'epub' as const, file };
    case 'html5':
      if (!item.package) break;
      return { kind: 'html5' as const, entry: item.package.entry, files: item.package.files };
    case 'h5p':
      if (!item.package) break;
      return { kind: 'h5p' as const, files: item.package.files };
    case 'image':
    case 'captions':
      break;
  }
  throw new LibraryItemUnusable(`A ${item.kind} library item cannot be a lesson`);
}

/** A new lesson showing a library item; its title is the item's unless one is given. */
export function lessonFromLibraryItem(item: LibraryItemDetail, id: string, title?: string): DraftLesson {
  const duration = minutesOf(item.durationSeconds);
  return {
    id,
    title: title?.trim() || item.title,
    required: true,
    outcomeIds: [],
    ...(item.description.trim() ? { description: item.description } : {}),
    ...(duration === undefined ? {} : { durationMinutes: duration }),
    attribution: attributionOf(item),
    libraryItemId: item.id,
    ...libraryContent(item),
  };
}

/**
 * Points an existing lesson at another library item (a new cut of the video, a corrected PDF): the
 * lesson keeps its id, title, description, outcomes and settings; file, captions and attribution follow
 * the new item. The item's kind becomes the lesson's kind.
 */
export function relinkLesson(lesson: DraftLesson, item: LibraryItemDetail): DraftLesson {
  const fresh = lessonFromLibraryItem(item, lesson.id, lesson.title);
  return {
    ...fresh,
    required: lesson.required,
    outcomeIds: lesson.outcomeIds,
    ...(lesson.description === undefined ? {} : { description: lesson.description }),
    ...(lesson.durationMinutes === undefined ? {} : { durationMinutes: lesson.durationMinutes }),
  };
}

type LessonOf<K extends DraftLesson['kind']> = Extract<DraftLesson, { kind: K }>;

export function newMarkdownLesson(id: string, title: string): LessonOf<'markdown'> {
  return { id, title, required: true, outcomeIds: [], kind: 'markdown', body: '' };
}

export function newLinkLesson(id: string, title: string, url: string): LessonOf<'link'> {
  return { id, title, required: true, outcomeIds: [], kind: 'link', url };
}

export function newQuizLesson(id: string, title: string): LessonOf<'quiz'> {
  return {
    id,
    title,
    required: true,
    outcomeIds: [],
    kind: 'quiz',
    quiz: DEFAULT_QUIZ_SETTINGS,
    questions: [],
  };
}

/** The library item a lesson shows, if it came from the library. */
export function lessonLibraryItemId(lesson: DraftLesson): string | null {
  return lesson.libraryItemId ?? null;
}
