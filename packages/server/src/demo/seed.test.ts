import { CatalogQuery, ReachQuery } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../http/errors.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { DEMO_CINEMA_PLAN_TITLE } from './demo-cinema.js';
import { DEMO_EDUCATORS, DEMO_LEARNERS, demoLoginLines } from './demo-data.js';
import { seedDemo } from './seed.js';

describe.each(await engines())('the demo seed on %s', (engine) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ engine });
  });
  afterEach(async () => {
    await server.close();
  });

  const count = async (
    table:
      | 'courses'
      | 'course_versions'
      | 'users'
      | 'classes'
      | 'enrolments'
      | 'statements'
      | 'quiz_attempts'
      | 'learning_paths',
  ) =>
    Number(
      (
        await server.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function signin(slug: string, body: Record<string, string>): Promise<number> {
    const res = await fetch(`${server.url}/api/t/${slug}/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.status;
  }

  it('builds both platforms with courses, people, classes, enrolments and learning records', async () => {
    const steps: number[] = [];
    const outcome = await seedDemo(server.services, { onStep: (_label, done) => steps.push(done) });
    expect(outcome).toMatchObject({ seeded: true, courses: 8 });
    expect(steps.at(-1)).toBeGreaterThan(20);

    const learners = await server.services.tenants.bySlug('learners');
    const educators = await server.services.tenants.bySlug('educators');
    expect(learners && educators).toBeTruthy();
    expect(await count('course_versions')).toBe(DEMO_LEARNERS.courses.length + DEMO_EDUCATORS.courses.length);
    expect(await count('users')).toBe(DEMO_LEARNERS.users.length + DEMO_EDUCATORS.users.length);
    expect(await count('classes')).toBe(3);
    expect(await count('learning_paths')).toBe(2);
    expect(await count('quiz_attempts')).toBe(4);
    expect(await count('statements')).toBeGreaterThan(10);

    const catalog = await server.services.catalog.list(learners!, CatalogQuery.parse({}));
    expect(catalog.items.map((c) => c.language).sort()).toEqual(['ar', 'en', 'en', 'en', 'en', 'en', 'fr']);

    // Amina finished "Numbers 1 to 10", quiz included: her record shows it complete.
    const amina = await server.services.users.byUsername(learners!.id, 'learner');
    const progress = await server.services.progress.myProgress(learners!.id, amina!.id);
    const numbers = catalog.items.find((c) => c.title === 'Numbers 1 to 10')!;
    expect(progress.items.find((p) => p.courseId === numbers.courseId)?.status).toBe('completed');

    const settings = await server.services.tenants.settings(learners!.id);
    expect(settings).toMatchObject({ allowPin: true, locales: ['en', 'fr', 'ar', 'es', 'pt'] });
    expect(settings.logoSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await server.services.tenants.settings(educators!.id)).signupPolicy).toBe('invite');

    // Learning Cinema: the facilitator's shared plan, whose media is all here, and past sessions.
    const facilitator = await server.services.users.byUsername(learners!.id, 'facilitator');
    const actor = {
      userId: facilitator!.id,
      tenantId: learners!.id,
      username: 'facilitator',
      displayName: facilitator!.displayName,
      roles: ['facilitator' as const],
      isOperator: false,
      via: 'session' as const,
      sessionId: null,
    };
    const plans = await server.services.cinema.listPlans(learners!.id, actor, {});
    const plan = plans.find((p) => p.title === DEMO_CINEMA_PLAN_TITLE);
    expect(plan).toMatchObject({ shared: true, stepCount: 9 });
    const detail = await server.services.cinema.getPlan(learners!.id, actor, plan!.id);
    expect(new Set(detail.steps.map((s) => s.kind))).toEqual(
      new Set(['media', 'discussion', 'groupQuiz', 'poll', 'checkIn', 'break', 'reflection']),
    );
    expect((await server.services.cinema.readiness(learners!.id, actor, plan!.id)).ready).toBe(true);
    const reach = await server.services.cinema.reach(learners!.id, actor, ReachQuery.parse({}));
    expect(reach).toMatchObject({ sessions: 3, reached: 79 });
  });

  it('signs in with the printed demo logins', async () => {
    await seedDemo(server.services);
    expect(await signin('learners', { username: 'learner', password: 'learner123' })).toBe(200);
    expect(await signin('learners', { username: 'learner', pin: '1234' })).toBe(200);
    expect(await signin('learners', { username: 'operator', password: 'operator123' })).toBe(200);
    expect(await signin('educators', { username: 'educator', password: 'educator123' })).toBe(200);
    expect(await signin('educators', { username: 'learner', password: 'wrong-password' })).toBe(401);
    const printed = demoLoginLines().join('\n');
    for (const user of DEMO_LEARNERS.users)
      expect(printed).toContain(`${user.username.padEnd(12)} ${user.password}`);
  });

  it('does nothing, and says so, when the demo is already there', async () => {
    await seedDemo(server.services);
    const before = [await count('courses'), await count('users'), await count('statements')];
    const again = await seedDemo(server.services);
    expect(again).toEqual({ seeded: false, reason: expect.stringMatching(/already seeded/) });
    expect([await count('courses'), await count('users'), await count('statements')]).toEqual(before);
  });

  it('refuses to seed beside a platform that took a demo address', async () => {
    await server.services.tenants.create({ slug: 'learners', name: 'Someone else' });
    const err = (await seedDemo(server.services).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('demo_partial');
    expect(await count('courses')).toBe(0);
  });
});
