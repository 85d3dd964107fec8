import { uuidv7 } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { ScormRepo } from './scorm.repo.js';

describe.each(await engines())('ScormRepo on %s', (engine) => {
  let db: TestDb;
  let repo: ScormRepo;
  let tenantA: string;
  let tenantB: string;
  const [userId, courseId, lessonId, versionId] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];

  beforeEach(async () => {
    db = await openTestDb(engine);
    const tenants = new TenantService(new TenantsRepo(db.db), systemClock);
    tenantA = (await tenants.create({ slug: 'scorm-a', name: 'A' })).id;
    tenantB = (await tenants.create({ slug: 'scorm-b', name: 'B' })).id;
    repo = new ScormRepo(db.db);
  });
  afterEach(async () => db.cleanup());

  const attempt = (tenantId: string, startedAt: string) => ({
    id: uuidv7(),
    tenant_id: tenantId,
    user_id: userId,
    course_id: courseId,
    lesson_id: lessonId,
    version_id: versionId,
    last_item_id: null,
    completed: 0,
    success: 'unknown',
    scaled: null,
    progress: 0,
    started_at: startedAt,
    updated_at: startedAt,
  });

  const state = (tenantId: string, attemptId: string, seq: number, location: string) => ({
    tenant_id: tenantId,
    attempt_id: attemptId,
    item_id: 'sco-1',
    completion: 'incomplete',
    success: 'unknown',
    score_scaled: null,
    score_raw: null,
    score_min: null,
    score_max: null,
    progress_measure: null,
    location,
    suspend_data: 'x'.repeat(64_000),
    exit: 'suspend',
    previous_seconds: 10,
    session_seconds: 2.5,
    session_id: uuidv7(),
    seq,
    updated_at: '2026-05-01T10:00:00.000Z',
    touched_at: '2026-05-01T10:00:00.000Z',
  });

  it('keeps attempts per tenant, finds the latest, and inserts an id only once', async () => {
    const old = attempt(tenantA, '2026-05-01T10:00:00.000Z');
    const latest = attempt(tenantA, '2026-05-02T10:00:00.000Z');
    expect(await repo.insertAttempt(old)).toBe(true);
    expect(await repo.insertAttempt(latest)).toBe(true);
    expect(await repo.insertAttempt({ ...old, started_at: '2030-01-01T00:00:00.000Z' })).toBe(false);
    expect((await repo.latestAttempt(tenantA, userId, courseId, lessonId))?.id).toBe(latest.id);
    expect(await repo.latestAttempt(tenantB, userId, courseId, lessonId)).toBeUndefined();
    expect(await repo.attempt(tenantB, old.id)).toBeUndefined();
    await repo.updateAttempt(tenantB, old.id, { completed: 1 });
    expect((await repo.attempt(tenantA, old.id))?.completed).toBe(0);
  });

  it('upserts an item’s state (long suspend data included) and reads it back only in its tenant', async () => {
    const a = attempt(tenantA, '2026-05-01T10:00:00.000Z');
    await repo.insertAttempt(a);
    await repo.transaction(async (tx) => {
      await tx.putItemState(state(tenantA, a.id, 1, 'p1'));
      await tx.putItemState(state(tenantA, a.id, 2, 'p2'));
    });
    const rows = await repo.itemStates(tenantA, a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seq: 2, location: 'p2', previous_seconds: 10, session_seconds: 2.5 });
    expect(rows[0]?.suspend_data).toHaveLength(64_000);
    expect(await repo.itemStates(tenantB, a.id)).toEqual([]);
  });
});
