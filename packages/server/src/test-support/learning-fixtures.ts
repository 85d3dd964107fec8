// Test fixtures for the learning record (lrs, progress, quizzes, reports): published
// courses, LRS credentials, enrolments and statements, written straight into the
// tables so these tests do not wait for the courses and identity services.
import {
  courseActivityId,
  CourseManifest,
  EXT_PROGRESS,
  learnerAgent,
  lessonActivityId,
  uuidv7,
  VERBS,
  type Lesson,
  type VerbName,
} from '@satchel/core';
import type { Services } from '../app/services.js';
import type { Db } from '../db/database.js';
import { EXT_COURSE_VERSION } from '../lrs/lrs.ingest.js';

const NOW = '2026-01-01T00:00:00.000Z';
const BLOB = { sha256: 'b'.repeat(64), size: 1000, mediaType: 'video/mp4' };

export interface PublishedCourse {
  courseId: string;
  versionId: string;
  manifest: CourseManifest;
  lessons: Record<string, string>;
}

/** A lesson of the given kind with a fresh id; `extra` overrides any field. */
export function lessonOf(kind: Lesson['kind'], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const byKind: Record<Lesson['kind'], Record<string, unknown>> = {
    video: { file: BLOB },
    audio: { file: BLOB },
    pdf: { file: { ...BLOB, mediaType: 'application/pdf' } },
    epub: { file: BLOB },
    markdown: { body: '# Hello' },
    html5: { files: { 'index.html': BLOB } },
    quiz: { quiz: {}, questions: [{ id: 'q1', type: 'truefalse', prompt: 'True?', correct: true }] },
    link: { url: 'https://example.org' },
    h5p: { mainLibrary: 'H5P.MultiChoice 1.16', files: { 'h5p.json': BLOB } },
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
  return { id: uuidv7(), title: `${kind} lesson`, kind, ...byKind[kind], ...extra };
}

/**
 * Inserts a course and a published version whose manifest holds the given lessons
 * (named, so tests can refer to them). Publishing again makes a new version.
 */
export async function publishCourse(
  db: Db,
  tenantId: string,
  lessons: Record<string, Record<string, unknown>>,
  options: { title?: string; courseId?: string } = {},
): Promise<PublishedCourse> {
  const courseId = options.courseId ?? uuidv7();
  const versionId = uuidv7();
  const title = options.title ?? 'A course';
  const existing = await db
    .selectFrom('course_versions')
    .select('version')
    .where('course_id', '=', courseId)
    .execute();
  const version = existing.reduce((max, r) => Math.max(max, r.version), 0) + 1;
  const manifest = CourseManifest.parse({
    schema: 1,
    courseId,
    versionId,
    version,
    variantGroupId: null,
    publishedAt: NOW,
    title,
    language: 'en',
    modules: [{ id: uuidv7(), title: 'Module', lessons: Object.values(lessons) }],
  });
  if (version === 1) {
    await db
      .insertInto('courses')
      .values({
        id: courseId,
        tenant_id: tenantId,
        title,
        language: 'en',
        variant_group_id: null,
        enrolment_policy: 'open',
        draft: JSON.stringify({ title, language: 'en', modules: manifest.modules }),
        published_version_id: versionId,
        published_version: version,
        archived: 0,
        created_by: null,
        created_at: NOW,
        updated_at: NOW,
        version: 1,
        deleted_at: null,
      })
      .execute();
  } else {
    await db
      .updateTable('courses')
      .set({ published_version_id: versionId, published_version: version })
      .where('id', '=', courseId)
      .execute();
  }
  await db
    .insertInto('course_versions')
    .values({
      id: versionId,
      tenant_id: tenantId,
      course_id: courseId,
      version,
      manifest: JSON.stringify(manifest),
      published_at: NOW,
      published_by: null,
    })
    .execute();
  const ids = Object.fromEntries(Object.entries(lessons).map(([name, l]) => [name, String(l.id)]));
  return { courseId, versionId, manifest, lessons: ids };
}

export interface LrsCredentialFixture {
  key: string;
  secret: string;
  /** The Authorization header value. */
  authorization: string;
}

/** LRS credentials made the way an admin makes them (services.lrsCredentials). */
export async function addLrsCredential(
  services: Pick<Services, 'lrsCredentials'>,
  tenantId: string,
  name = 'Test tool',
): Promise<LrsCredentialFixture> {
  const { key, secret } = await services.lrsCredentials.create(tenantId, name);
  return { key, secret, authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` };
}

export async function enrolUser(db: Db, tenantId: string, courseId: string, userId: string): Promise<void> {
  await db
    .insertInto('enrolments')
    .values({
      id: uuidv7(),
      tenant_id: tenantId,
      course_id: courseId,
      path_id: null,
      user_id: userId,
      class_id: null,
      source: 'assigned',
      assigned_by: null,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    })
    .execute();
}

export async function enrolClass(db: Db, tenantId: string, courseId: string, classId: string): Promise<void> {
  await db
    .insertInto('enrolments')
    .values({
      id: uuidv7(),
      tenant_id: tenantId,
      course_id: courseId,
      path_id: null,
      user_id: null,
      class_id: classId,
      source: 'assigned',
      assigned_by: null,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    })
    .execute();
}

export interface StatementSpec {
  verb: VerbName;
  lessonId: string;
  id?: string;
  at?: string;
  progress?: number;
  result?: Record<string, unknown>;
  registration?: string;
}

/** A statement as Satchel's player sends it: a learner account, the lesson as object, the course in context. */
export function playerStatement(
  userId: string,
  course: Pick<PublishedCourse, 'courseId' | 'versionId'>,
  spec: StatementSpec,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...spec.result };
  if (spec.progress !== undefined) result.extensions = { [EXT_PROGRESS]: spec.progress };
  return {
    id: spec.id ?? uuidv7(),
    actor: learnerAgent(userId),
    verb: { id: VERBS[spec.verb], display: { en: spec.verb } },
    object: { objectType: 'Activity', id: lessonActivityId(spec.lessonId) },
    ...(Object.keys(result).length > 0 ? { result } : {}),
    context: {
      ...(spec.registration ? { registration: spec.registration } : {}),
      contextActivities: { grouping: [{ objectType: 'Activity', id: courseActivityId(course.courseId) }] },
      extensions: { [EXT_COURSE_VERSION]: course.versionId },
    },
    timestamp: spec.at ?? '2026-02-01T10:00:00.000Z',
  };
}

/** fetch against /xapi with the version header and the given Authorization or Cookie (+ tenant header). */
export function xapiClient(
  baseUrl: string,
  auth: { authorization?: string; cookie?: string; tenant?: string },
) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    'x-experience-api-version': '1.0.3',
    ...(auth.authorization ? { authorization: auth.authorization } : {}),
    ...(auth.cookie ? { cookie: auth.cookie } : {}),
    ...(auth.tenant ? { 'x-satchel-tenant': auth.tenant } : {}),
    ...extra,
  });
  const call = async (method: string, path: string, body?: unknown, extra?: Record<string, string>) => {
    const init: RequestInit = { method, headers: headers(extra) };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { ...headers(extra), 'content-type': 'application/json' };
    }
    const res = await fetch(`${baseUrl}${path}`, init);
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      json = text;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
  return {
    post: (body: unknown, extra?: Record<string, string>) => call('POST', '/xapi/statements', body, extra),
    put: (statementId: string, body: unknown) =>
      call('PUT', `/xapi/statements?statementId=${statementId}`, body),
    get: (query: string, extra?: Record<string, string>) =>
      call('GET', `/xapi/statements${query === '' ? '' : `?${query}`}`, undefined, extra),
    raw: call,
  };
}
