// Courses, lessons and statements for the progress tests. Excluded from the
// core build (tsconfig), like packages/server/src/test-support.
import type { CourseContent, Lesson } from '../course/course.schema.js';
import { CourseContent as CourseContentSchema, Lesson as LessonSchema } from '../course/course.schema.js';
import type { ProgressStatement } from '../progress/statement.js';
import type { VerbName } from '../xapi/iri.js';
import { EXT_PROGRESS, lessonActivityId, VERBS } from '../xapi/iri.js';

const BLOB = { sha256: 'a'.repeat(64), size: 10, mediaType: 'application/octet-stream' };
export const IDS = {
  video: '01900000-0000-7000-8000-0000000000a1',
  pdf: '01900000-0000-7000-8000-0000000000a2',
  quiz: '01900000-0000-7000-8000-0000000000a3',
  html5: '01900000-0000-7000-8000-0000000000a4',
  optional: '01900000-0000-7000-8000-0000000000a5',
  removed: '01900000-0000-7000-8000-0000000000a6',
} as const;

export function lesson(kind: Lesson['kind'], id: string, extra: Record<string, unknown> = {}): Lesson {
  const byKind: Record<Lesson['kind'], Record<string, unknown>> = {
    video: { file: BLOB },
    audio: { file: BLOB },
    pdf: { file: BLOB },
    epub: { file: BLOB },
    markdown: { body: '# Olá' },
    html5: { files: { 'index.html': BLOB } },
    quiz: { quiz: {}, questions: [{ id: 'q', type: 'truefalse', prompt: 'True?', correct: true }] },
    link: { url: 'https://example.org' },
    h5p: { files: { 'h5p.json': BLOB } },
    cmi5: {
      au: {
        publisherId: 'https://example.org/au/1',
        coursePublisherId: 'https://example.org/c',
        url: 'https://example.org/au',
      },
    },
    scorm: {
      scorm: {
        version: '1.2',
        title: 'Package',
        items: [{ id: 'sco', title: 'SCO', depth: 0, href: 'index.html', type: 'sco' }],
      },
      files: { 'index.html': BLOB },
    },
  };
  return LessonSchema.parse({ id, title: `${kind} lesson`, kind, ...byKind[kind], ...extra });
}

export const COURSE: CourseContent = CourseContentSchema.parse({
  title: 'Course',
  language: 'pt-BR',
  modules: [
    {
      id: '01900000-0000-7000-8000-0000000000b1',
      title: 'One',
      lessons: [lesson('video', IDS.video), lesson('pdf', IDS.pdf)],
    },
    {
      id: '01900000-0000-7000-8000-0000000000b2',
      title: 'Two',
      lessons: [
        lesson('quiz', IDS.quiz),
        lesson('html5', IDS.html5),
        lesson('markdown', IDS.optional, { required: false }),
      ],
    },
  ],
});

let counter = 0;
export interface Spec {
  lessonId: string;
  verb: VerbName;
  id?: string;
  at?: string;
  progress?: number;
  scaled?: number;
  success?: boolean;
  completion?: boolean;
  registration?: string;
}

export function st(spec: Spec): ProgressStatement {
  counter += 1;
  const s: ProgressStatement = {
    id: spec.id ?? `01900000-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`,
    actor: { objectType: 'Agent', account: { homePage: 'https://satchel.invalid', name: 'learner' } },
    verb: { id: VERBS[spec.verb] },
    object: { id: lessonActivityId(spec.lessonId), objectType: 'Activity' },
  };
  const result: NonNullable<ProgressStatement['result']> = {};
  if (spec.progress !== undefined) result.extensions = { [EXT_PROGRESS]: spec.progress };
  if (spec.scaled !== undefined) result.score = { scaled: spec.scaled };
  if (spec.success !== undefined) result.success = spec.success;
  if (spec.completion !== undefined) result.completion = spec.completion;
  if (Object.keys(result).length > 0) s.result = result;
  if (spec.registration !== undefined) s.context = { registration: spec.registration };
  if (spec.at !== undefined) s.timestamp = spec.at;
  return s;
}

export function voiding(targetId: string, id?: string): ProgressStatement {
  counter += 1;
  return {
    id: id ?? `01900000-0000-7000-8000-f${counter.toString(16).padStart(11, '0')}`,
    actor: {},
    verb: { id: VERBS.voided },
    object: { id: targetId, objectType: 'StatementRef' },
  };
}

export const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
