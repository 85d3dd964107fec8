// Test fixtures for the courses domains (curriculum, courses, catalog, paths,
// enrolments): members with sessions, classes, blobs and progress rows written
// straight into the tables their owners' code reads, so these tests do not wait
// for the identity, content and progress services.
import { randomBytes } from 'node:crypto';
import {
  uuidv7,
  type BlobRef,
  type DraftContentInput,
  type DraftLessonInput,
  type Role,
} from '@satchel/core';
import { sha256Hex } from '../auth/auth.crypto.js';
import type { Db } from '../db/database.js';
import type { TenantRef } from '../http/context.js';
import { sessionCookieName } from '../http/context.js';
import type { TestServer } from './server.js';

const NOW = '2026-01-01T00:00:00.000Z';

export async function createTenant(server: Pick<TestServer, 'services'>, slug: string): Promise<TenantRef> {
  const settings = await server.services.tenants.create({
    slug,
    name: `Platform ${slug}`,
    defaultLocale: 'en',
    locales: ['en', 'fr', 'ar'],
  });
  return { id: settings.id, slug: settings.slug };
}

export async function addUser(db: Db, tenantId: string, username: string, roles: Role[]): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('users')
    .values({
      id,
      tenant_id: tenantId,
      username,
      display_name: `User ${username}`,
      password_hash: null,
      pin_hash: null,
      email: null,
      phone: null,
      locale: null,
      sex: null,
      birth_year: null,
      region: null,
      disability: null,
      external_id: null,
      is_operator: 0,
      status: 'active',
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    })
    .execute();
  for (const role of roles) {
    await db
      .insertInto('memberships')
      .values({
        id: uuidv7(),
        tenant_id: tenantId,
        user_id: id,
        role,
        created_at: NOW,
        updated_at: NOW,
        version: 1,
        deleted_at: null,
      })
      .execute();
  }
  return id;
}

/** A session for the user; returns the Cookie header value. */
export async function signIn(
  server: Pick<TestServer, 'services' | 'db'>,
  tenant: TenantRef,
  userId: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  // The server's clock, so sessions are valid under a test's manual clock too.
  const now = server.services.ctx.clock.now();
  await server.db.db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      tenant_id: tenant.id,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
      last_seen_at: now.toISOString(),
      user_agent: 'vitest',
    })
    .execute();
  const cookies = { [sessionCookieName(tenant.slug)]: token };
  if (!(await server.services.actors.resolve(tenant, { cookies }))) {
    throw new Error('the ActorResolver did not accept a session row written by courses-fixtures signIn');
  }
  return `${sessionCookieName(tenant.slug)}=${token}`;
}

export interface Member {
  userId: string;
  cookie: string;
}

export async function member(
  server: Pick<TestServer, 'services' | 'db'>,
  tenant: TenantRef,
  username: string,
  roles: Role[],
): Promise<Member> {
  const userId = await addUser(server.db.db, tenant.id, username, roles);
  return { userId, cookie: await signIn(server, tenant, userId) };
}

export async function addClass(db: Db, tenantId: string, name: string): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('classes')
    .values({
      id,
      tenant_id: tenantId,
      name,
      code: null,
      grade_id: null,
      description: '',
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    })
    .execute();
  return id;
}

export async function addClassMember(
  db: Db,
  tenantId: string,
  classId: string,
  userId: string,
  role: 'educator' | 'learner',
): Promise<void> {
  await db
    .insertInto('class_members')
    .values({
      id: uuidv7(),
      tenant_id: tenantId,
      class_id: classId,
      user_id: userId,
      role,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    })
    .execute();
}

/** Registers a blob row (the bytes are not needed by the courses domain). */
export async function addBlob(
  db: Db,
  tenantId: string,
  seed: string,
  mediaType = 'video/mp4',
): Promise<BlobRef> {
  const sha256 = sha256Hex(seed);
  await db
    .insertInto('blobs')
    .values({ tenant_id: tenantId, sha256, size: seed.length, media_type: mediaType, created_at: NOW })
    .execute();
  return { sha256, size: seed.length, mediaType };
}

export async function setCourseProgress(
  db: Db,
  tenantId: string,
  userId: string,
  courseId: string,
  p: {
    status: 'not_started' | 'in_progress' | 'completed';
    percent: number;
    nextLessonId?: string | null;
    lastActivityAt?: string | null;
  },
): Promise<void> {
  await db
    .deleteFrom('course_progress')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .execute();
  await db
    .insertInto('course_progress')
    .values({
      tenant_id: tenantId,
      user_id: userId,
      course_id: courseId,
      status: p.status,
      percent: p.percent,
      completed_lessons: 0,
      required_lessons: 1,
      next_lesson_id: p.nextLessonId ?? null,
      last_activity_at: p.lastActivityAt ?? null,
      completed_at: p.status === 'completed' ? (p.lastActivityAt ?? NOW) : null,
      updated_at: NOW,
    })
    .execute();
}

/** fetch against the test server as one member. */
export function client(server: Pick<TestServer, 'url'>, cookie?: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const sent: Record<string, string> = {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(cookie ? { cookie } : {}),
      ...headers,
    };
    const init: RequestInit = { method, headers: sent };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(`${server.url}${path}`, init);
    const text = await res.text();
    const json: unknown = text === '' ? null : safeJson(text);
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', path, body ?? {}, headers),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    del: (path: string) => call('DELETE', path),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function markdownLesson(title: string, extra: Partial<DraftLessonInput> = {}): DraftLessonInput {
  return { kind: 'markdown', title, body: `# ${title}`, ...extra } as DraftLessonInput;
}

export function quizLesson(title: string, questionCount = 1): DraftLessonInput {
  return {
    kind: 'quiz',
    title,
    quiz: {},
    questions: Array.from({ length: questionCount }, (_, i) => ({
      id: `q${i + 1}`,
      type: 'truefalse' as const,
      prompt: `Statement ${i + 1}`,
      correct: true,
    })),
  };
}

/** A draft with one module; lessons default to a single markdown lesson. */
export function draft(
  title: string,
  extra: Partial<DraftContentInput> = {},
  lessons: DraftLessonInput[] = [markdownLesson(`${title} lesson`)],
): DraftContentInput {
  return { title, language: 'en', modules: [{ title: 'Module 1', lessons }], ...extra };
}

/** Creates and publishes a course through the services; returns its id and first version id. */
export async function publishedCourse(
  server: Pick<TestServer, 'services'>,
  tenantId: string,
  content: DraftContentInput,
  options: { enrolmentPolicy?: 'open' | 'self' | 'assigned'; variantGroupId?: string } = {},
): Promise<{ courseId: string; versionId: string }> {
  const course = await server.services.courses.create(tenantId, null, content, options);
  const manifest = await server.services.courses.publish(tenantId, course.id, null);
  return { courseId: course.id, versionId: manifest.versionId };
}
