import type { BlobRef, CourseManifest, Lesson } from '@satchel/core';
import type { DataSaver } from './store.js';

// What a course download fetches, from the published manifest alone (every blob carries its size):
// the cover, each lesson's files and, for video, the rendition the learner's data-saver choice allows.

export interface BlobPlan {
  readonly blobs: readonly BlobRef[];
  readonly bytes: number;
  /** For each video lesson kept in a smaller size: every variant's SHA-256 → the one downloaded. */
  readonly substitutes: Readonly<Record<string, string>>;
  /** Video lessons in the course. */
  readonly videos: number;
  /** Video lessons left out ('no-video'): they need the network. */
  readonly skippedVideos: number;
  /** True when some video has a smaller rendition, so 'small-video' saves something. */
  readonly hasRenditions: boolean;
}

type VideoLesson = Extract<Lesson, { kind: 'video' }>;

/** The video file a download keeps for `saver`: the original, the smallest rendition, or none. */
export function chosenVideo(lesson: VideoLesson, saver: DataSaver): BlobRef | null {
  if (saver === 'no-video') return null;
  if (saver === 'full' || lesson.renditions.length === 0) return lesson.file;
  const smallest = [...lesson.renditions].sort((a, b) => a.file.size - b.file.size)[0];
  return smallest && smallest.file.size < lesson.file.size ? smallest.file : lesson.file;
}

export function planCourse(
  manifest: Pick<CourseManifest, 'modules' | 'coverImage'>,
  saver: DataSaver,
): BlobPlan {
  const seen = new Map<string, BlobRef>();
  const substitutes: Record<string, string> = {};
  let skippedVideos = 0;
  let videos = 0;
  let hasRenditions = false;
  const add = (blob: BlobRef | null | undefined): void => {
    if (blob && !seen.has(blob.sha256)) seen.set(blob.sha256, blob);
  };
  add(manifest.coverImage);
  for (const lesson of manifest.modules.flatMap((module) => module.lessons)) {
    switch (lesson.kind) {
      case 'video': {
        videos++;
        add(lesson.poster);
        lesson.captions.forEach((captions) => add(captions.file));
        if (lesson.renditions.length > 0) hasRenditions = true;
        const chosen = chosenVideo(lesson, saver);
        if (!chosen) {
          skippedVideos++;
          break;
        }
        add(chosen);
        // The player may ask for any variant (it picks one by screen size): the device answers with this one.
        for (const variant of [lesson.file, ...lesson.renditions.map((r) => r.file)]) {
          if (variant.sha256 !== chosen.sha256) substitutes[variant.sha256] = chosen.sha256;
        }
        break;
      }
      case 'audio':
        add(lesson.file);
        lesson.captions.forEach((captions) => add(captions.file));
        break;
      case 'pdf':
      case 'epub':
        add(lesson.file);
        break;
      case 'html5':
      case 'h5p':
      case 'cmi5':
      case 'scorm':
        Object.values(lesson.files).forEach(add);
        break;
      case 'markdown':
      case 'quiz':
      case 'link':
        break;
    }
  }
  const blobs = [...seen.values()];
  return {
    blobs,
    bytes: blobs.reduce((sum, blob) => sum + blob.size, 0),
    substitutes,
    videos,
    skippedVideos,
    hasRenditions,
  };
}
