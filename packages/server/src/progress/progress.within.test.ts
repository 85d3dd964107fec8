import { uuidv7 } from '@satchel/core';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import type { TenantRef } from '../http/context.js';
import { LrsRepo } from '../lrs/lrs.repo.js';
import { LrsService } from '../lrs/lrs.service.js';
import { systemClock } from '../platform/clock.js';
import { createTenant, member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import {
  lessonOf,
  playerStatement,
  publishCourse,
  type PublishedCourse,
} from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { CourseManifests } from './course-manifests.js';
import { ProgressRepo } from './progress.repo.js';
import { ProgressService } from './progress.service.js';

// Progress projected inside the transaction that stores the statements (SQLite), and what
// stays the same on both engines: the rows, and statements that never fail because of progress.

const CREDENTIAL = { kind: 'credential', key: 'test', name: 'Test' } as const;

/** Counts the queries Kysely sends (statements of the transaction included; BEGIN/COMMIT are not queries). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

interface Stack {
  lrs: LrsService;
  progress: ProgressService;
  counter: QueryCounter;
  errors: unknown[];
}

/** An LRS and progress projections over the test database, every query counted. */
function stack(db: Db): Stack {
  const counter = new QueryCounter();
  const counted = db.withPlugin(counter);
  const errors: unknown[] = [];
  const repo = new ProgressRepo(counted);
  const progress = new ProgressService(repo, new CourseManifests(repo), systemClock, (err) => {
    errors.push(err);
  });
  return { lrs: new LrsService(new LrsRepo(counted), progress, systemClock), progress, counter, errors };
}

describe.each(await engines())('progress stored with its statements on %s', (engine) => {
  let server: TestServer;
  let tenant: TenantRef;
  let course: PublishedCourse;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    tenant = await createTenant(server, 'within');
    course = await publishCourse(server.db.db, tenant.id, {
      video: lessonOf('video'),
      quiz: lessonOf('quiz'),
    });
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  async function learner(): Promise<string> {
    return (await member(server, tenant, `l-${uuidv7().slice(-8)}`, ['learner'])).userId;
  }

  async function courseRow(userId: string, courseId = course.courseId) {
    return server.db.db
      .selectFrom('course_progress')
      .select(['status', 'percent', 'completed_lessons', 'next_lesson_id', 'last_activity_at'])
      .where('tenant_id', '=', tenant.id)
      .where('user_id', '=', userId)
      .where('course_id', '=', courseId)
      .executeTakeFirst();
  }

  async function lessonRows(userId: string) {
    return server.db.db
      .selectFrom('lesson_progress')
      .select(['lesson_id', 'status', 'progress', 'best_score', 'passed', 'attempts', 'completed_at'])
      .where('tenant_id', '=', tenant.id)
      .where('user_id', '=', userId)
      .orderBy('lesson_id')
      .execute();
  }

  it('projects in the statements’ transaction on SQLite, and in the background after the commit on PostgreSQL', async () => {
    const { lrs, progress, counter, errors } = stack(server.db.db);
    const userId = await learner();
    await lrs.store(
      tenant.id,
      [
        playerStatement(userId, course, { verb: 'completed', lessonId: course.lessons.video! }),
        playerStatement(userId, course, { verb: 'launched', lessonId: course.lessons.quiz! }),
      ],
      CREDENTIAL,
    );
    const expected = {
      status: 'in_progress',
      percent: 50,
      completed_lessons: 1,
      next_lesson_id: course.lessons.quiz,
    };
    const before = counter.count;
    if (engine === 'sqlite') {
      // In place when the batch is acknowledged (read straight from the table), nothing left to run.
      expect(await courseRow(userId)).toMatchObject(expected);
      await progress.flushed();
      expect(counter.count - before).toBe(0);
    } else {
      // Concurrent batches could not see each other's rows: the queue projects after the commit.
      await progress.flushed();
      expect(counter.count - before).toBeGreaterThan(0);
      expect(await courseRow(userId)).toMatchObject(expected);
    }
    expect(errors).toEqual([]);
  });

  it('writes with each batch the rows a recomputation from all of the learner’s statements gives', async () => {
    const { lrs, progress } = stack(server.db.db);
    const userId = await learner();
    const first = playerStatement(userId, course, {
      verb: 'passed',
      lessonId: course.lessons.quiz!,
      result: { score: { scaled: 0.9 }, success: true },
      at: '2026-02-01T10:00:00.000Z',
    });
    await lrs.store(tenant.id, [first], CREDENTIAL);
    await lrs.store(
      tenant.id,
      [
        playerStatement(userId, course, {
          verb: 'failed',
          lessonId: course.lessons.quiz!,
          result: { score: { scaled: 0.4 }, success: false },
          at: '2026-02-02T10:00:00.000Z',
        }),
        playerStatement(userId, course, {
          verb: 'progressed',
          lessonId: course.lessons.video!,
          progress: 0.5,
          at: '2026-02-03T10:00:00.000Z',
        }),
      ],
      CREDENTIAL,
    );
    // Voiding the pass: the quiz falls back to the failed attempt.
    await lrs.store(
      tenant.id,
      [
        {
          actor: { objectType: 'Agent', mbox: 'mailto:admin@example.org' },
          verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
          object: { objectType: 'StatementRef', id: first.id },
        },
      ],
      CREDENTIAL,
    );
    await progress.flushed();
    const projected = { course: await courseRow(userId), lessons: await lessonRows(userId) };
    expect(projected.lessons.find((l) => l.lesson_id === course.lessons.quiz)).toMatchObject({
      best_score: 0.4,
      passed: 0,
    });
    await progress.recompute(tenant.id, [{ userId, courseId: course.courseId }]);
    expect({ course: await courseRow(userId), lessons: await lessonRows(userId) }).toEqual(projected);
  });

  it('stores the statements when their projection fails, and reports the failure', async () => {
    const broken = await publishCourse(server.db.db, tenant.id, { video: lessonOf('video') });
    await server.db.db
      .updateTable('course_versions')
      .set({ manifest: '{ not json' })
      .where('id', '=', broken.versionId)
      .execute();
    // A fresh stack: no manifest of this course cached yet.
    const { lrs, progress, errors } = stack(server.db.db);
    const userId = await learner();
    const statement = playerStatement(userId, broken, { verb: 'completed', lessonId: broken.lessons.video! });
    await expect(lrs.store(tenant.id, [statement], CREDENTIAL)).resolves.toEqual([statement.id]);
    expect((await lrs.statement(tenant.id, String(statement.id), false)).id).toBe(statement.id);
    await progress.flushed();
    expect(errors).toHaveLength(1);
    expect(await courseRow(userId, broken.courseId)).toBeUndefined();
  });
});
