import { DraftLesson } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { libraryItem, uuid } from '../test-support.js';
import {
  LibraryItemUnusable,
  lessonFromLibraryItem,
  newLinkLesson,
  newMarkdownLesson,
  newQuizLesson,
  relinkLesson,
} from './lesson-factory.js';

const captions = [
  { lang: 'fr', label: 'Français', file: { sha256: 'b'.repeat(64), size: 10, mediaType: 'text/vtt' } },
];

describe('a lesson made from a library item', () => {
  it('carries the video, its captions and the attribution its licence asks for', () => {
    const item = libraryItem({ captions, durationSeconds: 125 });
    const lesson = lessonFromLibraryItem(item, uuid(1));
    expect(lesson).toMatchObject({
      id: uuid(1),
      kind: 'video',
      title: 'The water cycle',
      required: true,
      libraryItemId: item.id,
      file: item.file,
      captions,
      durationMinutes: 3,
      attribution: {
        title: 'The water cycle',
        licence: 'CC-BY-4.0',
        author: 'Ana Lima',
        sourceUrl: 'https://example.org/water',
      },
    });
    expect(lesson.attribution).not.toHaveProperty('provider');
    expect(DraftLesson.safeParse(lesson).success).toBe(true);
  });

  it('takes the title the author typed, trimmed, over the item’s', () => {
    expect(lessonFromLibraryItem(libraryItem(), uuid(1), '  Rain  ').title).toBe('Rain');
    expect(lessonFromLibraryItem(libraryItem(), uuid(1), '   ').title).toBe('The water cycle');
  });

  it('makes audio, PDF and EPUB lessons of their files', () => {
    for (const kind of ['audio', 'pdf', 'epub'] as const) {
      const lesson = lessonFromLibraryItem(libraryItem({ kind }), uuid(2));
      expect(lesson.kind).toBe(kind);
      expect(DraftLesson.safeParse(lesson).success, kind).toBe(true);
    }
  });

  it('gives an html5 lesson every file of the package and its entry page', () => {
    const files = { 'index.html': { sha256: 'c'.repeat(64), size: 5, mediaType: 'text/html' } };
    const item = libraryItem({
      kind: 'html5',
      file: null,
      package: { entry: 'index.html', files, fileCount: 1 },
    });
    const lesson = lessonFromLibraryItem(item, uuid(3));
    expect(lesson).toMatchObject({ kind: 'html5', entry: 'index.html', files });
    expect(DraftLesson.safeParse(lesson).success).toBe(true);
  });

  it('refuses items that cannot be lessons', () => {
    expect(() => lessonFromLibraryItem(libraryItem({ kind: 'image' }), uuid(4))).toThrow(LibraryItemUnusable);
    expect(() =>
      lessonFromLibraryItem(libraryItem({ kind: 'html5', file: null, package: null }), uuid(4)),
    ).toThrow(LibraryItemUnusable);
  });

  it('keeps the lesson’s own settings when its file is replaced by another item', () => {
    const original = {
      ...lessonFromLibraryItem(libraryItem(), uuid(5), 'Clouds'),
      required: false,
      outcomeIds: [uuid(6)],
      description: 'Watch it twice',
    };
    const replaced = relinkLesson(
      original,
      libraryItem({ id: uuid(901), kind: 'audio', title: 'Rain sounds', licence: 'CC0-1.0' }),
    );
    expect(replaced).toMatchObject({
      id: uuid(5),
      kind: 'audio',
      title: 'Clouds',
      required: false,
      outcomeIds: [uuid(6)],
      description: 'Watch it twice',
      libraryItemId: uuid(901),
      attribution: { title: 'Rain sounds', licence: 'CC0-1.0' },
    });
  });
});

describe('lessons written in the editor', () => {
  it('are valid drafts from the start (a quiz may be empty until questions are added)', () => {
    for (const lesson of [
      newMarkdownLesson(uuid(7), 'Read me'),
      newLinkLesson(uuid(8), 'WHO', 'https://www.who.int'),
      newQuizLesson(uuid(9), 'Check'),
    ]) {
      expect(DraftLesson.safeParse(lesson).success, lesson.kind).toBe(true);
    }
  });
});
