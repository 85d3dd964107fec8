// Helpers for the run-time kinds' sync tests: the same published course on every server of a
// tree (content travels by mirror, not by record sync), xAPI document calls, progress reads.
import { learnerAgent } from '@satchel/core';
import type { TestServer } from '../test-support/server.js';
import { addLrsCredential, publishCourse, type PublishedCourse } from '../test-support/learning-fixtures.js';

/** Publishes a course on `origin` and copies it, as the mirror would, to the other servers. */
export async function publishEverywhere(
  origin: TestServer,
  others: readonly TestServer[],
  tenantId: string,
  lessons: Record<string, Record<string, unknown>>,
): Promise<PublishedCourse> {
  const course = await publishCourse(origin.db.db, tenantId, lessons);
  const row = await origin.db.db
    .selectFrom('courses')
    .selectAll()
    .where('id', '=', course.courseId)
    .executeTakeFirstOrThrow();
  const version = await origin.db.db
    .selectFrom('course_versions')
    .selectAll()
    .where('id', '=', course.versionId)
    .executeTakeFirstOrThrow();
  for (const server of others) {
    await server.db.db.insertInto('courses').values(row).execute();
    await server.db.db.insertInto('course_versions').values(version).execute();
  }
  return course;
}

export interface DocumentAnswer {
  status: number;
  etag: string | null;
  text: string;
}

/** xAPI state-resource calls with an LRS credential of the platform on that server. */
export async function stateClient(server: TestServer, tenantId: string) {
  const { authorization } = await addLrsCredential(server.services, tenantId, 'Sync test');
  return async (
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    params: { activityId: string; userId: string; stateId: string; registration?: string },
    body?: unknown,
  ): Promise<DocumentAnswer> => {
    const query = new URLSearchParams({
      activityId: params.activityId,
      agent: JSON.stringify(learnerAgent(params.userId)),
      stateId: params.stateId,
      ...(params.registration ? { registration: params.registration } : {}),
    });
    const res = await fetch(`${server.url}/xapi/activities/state?${query.toString()}`, {
      method,
      headers: {
        'x-experience-api-version': '1.0.3',
        authorization,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
  };
}

export async function bestScore(
  server: TestServer,
  tenantId: string,
  userId: string,
  lessonId: string,
): Promise<number | null | undefined> {
  await server.services.progress.flushed();
  const row = await server.db.db
    .selectFrom('lesson_progress')
    .select('best_score')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('lesson_id', '=', lessonId)
    .executeTakeFirst();
  return row?.best_score;
}

export async function quizAttemptIds(
  server: TestServer,
  tenantId: string,
  userId: string,
): Promise<string[]> {
  const rows = await server.db.db
    .selectFrom('quiz_attempts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
