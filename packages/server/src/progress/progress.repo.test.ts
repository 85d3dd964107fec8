import { uuidv7 } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, engines, type TestDb } from '../test-support/engines.js';
import { ProgressRepo, type ProgressWrite } from './progress.repo.js';

const TENANT = uuidv7();
const NOW = '2026-01-01T00:00:00.000Z';

function write(
  userId: string,
  courseId: string,
  lessons: { id: string; status: 'in_progress' | 'completed' }[],
  percent: number,
): ProgressWrite {
  const base = { tenant_id: TENANT, user_id: userId, course_id: courseId, updated_at: NOW };
  return {
    pair: { userId, courseId },
    lessons: lessons.map((l) => ({
      ...base,
      lesson_id: l.id,
      status: l.status,
      progress: l.status === 'completed' ? 1 : 0.5,
      best_score: null,
      passed: null,
      attempts: 1,
      completed_at: null,
    })),
    course: {
      ...base,
      status: 'in_progress',
      percent,
      completed_lessons: 0,
      required_lessons: 2,
      next_lesson_id: null,
      last_activity_at: NOW,
      completed_at: null,
    },
  };
}

describe.each(await engines())('ProgressRepo on %s', (engine) => {
  let handle: TestDb;
  let repo: ProgressRepo;

  beforeEach(async () => {
    handle = await openTestDb(engine);
    await handle.db
      .insertInto('tenants')
      .values({
        id: TENANT,
        slug: 'p',
        name: 'T',
        default_locale: 'en',
        locales: '["en"]',
        branding: '{}',
        audiences: '[]',
        signup_policy: 'open',
        invite_code: null,
        allow_pin: 0,
        storage_limit_bytes: 1,
        upload_limit_bytes: 1,
        created_at: NOW,
        updated_at: NOW,
        version: 1,
        deleted_at: null,
      })
      .execute();
    repo = new ProgressRepo(handle.db);
  });
  afterEach(async () => handle.cleanup());

  it('upserts idempotently and drops lesson rows that no longer apply', async () => {
    const [l1, l2] = [uuidv7(), uuidv7()];
    const other = write('u2', 'c1', [{ id: l1, status: 'completed' }], 50);
    await repo.save(TENANT, [
      write(
        'u1',
        'c1',
        [
          { id: l1, status: 'in_progress' },
          { id: l2, status: 'completed' },
        ],
        50,
      ),
      other,
    ]);
    await repo.save(TENANT, [
      write(
        'u1',
        'c1',
        [
          { id: l1, status: 'in_progress' },
          { id: l2, status: 'completed' },
        ],
        50,
      ),
    ]);
    expect(await repo.lessonRows(TENANT, 'u1', 'c1')).toHaveLength(2);
    await repo.save(TENANT, [write('u1', 'c1', [{ id: l1, status: 'completed' }], 0)]);
    const lessons = await repo.lessonRows(TENANT, 'u1', 'c1');
    expect(lessons.map((l) => [l.lesson_id, l.status])).toEqual([[l1, 'completed']]);
    expect((await repo.courseRow(TENANT, 'u1', 'c1'))?.percent).toBe(0);
    await repo.save(TENANT, [write('u1', 'c1', [], 0)]);
    expect(await repo.lessonRows(TENANT, 'u1', 'c1')).toEqual([]);
    // Another learner's rows are untouched.
    expect(await repo.lessonRows(TENANT, 'u2', 'c1')).toHaveLength(1);
    expect(await repo.courseRows(TENANT, 'u2')).toHaveLength(1);
  });

  it('finds the latest version of each course', async () => {
    await handle.db
      .insertInto('courses')
      .values({
        id: 'c1',
        tenant_id: TENANT,
        title: 'C',
        language: 'en',
        variant_group_id: null,
        enrolment_policy: 'open',
        draft: '{}',
        published_version_id: null,
        published_version: null,
        archived: 0,
        created_by: null,
        created_at: NOW,
        updated_at: NOW,
        version: 1,
        deleted_at: null,
      })
      .execute();
    for (const [id, version] of [
      ['v1', 1],
      ['v3', 3],
      ['v2', 2],
    ] as const) {
      await handle.db
        .insertInto('course_versions')
        .values({
          id,
          tenant_id: TENANT,
          course_id: 'c1',
          version,
          manifest: '{}',
          published_at: NOW,
          published_by: null,
        })
        .execute();
    }
    expect(await repo.latestVersionIds(TENANT, ['c1', 'c2'])).toEqual(new Map([['c1', 'v3']]));
    expect(await repo.latestVersionIds(uuidv7(), ['c1'])).toEqual(new Map());
  });
});
