import type { AttemptResult, BlobRef, Lesson, LessonKind } from '@satchel/core';

/** What a lesson viewer reports; the player turns each report into an xAPI statement. */
export type ViewerReport = (verb: 'progressed' | 'completed', progress?: number) => void;

export interface ViewerCourse {
  readonly courseId: string;
  readonly versionId: string;
  /** The course's language tag: lesson content is in it, whatever the interface language. */
  readonly language: string;
}

export interface ViewerProps<K extends LessonKind = LessonKind> {
  readonly lesson: Extract<Lesson, { kind: K }>;
  readonly course: ViewerCourse;
  /** `/api/t/<slug>/blobs/<sha256>` for a file of the course. */
  readonly blobUrl: (file: BlobRef) => string;
  readonly report: ViewerReport;
  /** Quizzes: the server graded an attempt (it records the statements itself). */
  readonly onQuizResult?: (result: AttemptResult) => void;
}
