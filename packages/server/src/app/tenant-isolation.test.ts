import { uuidv7 } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed.js';
import type { RegisteredRoute } from '../http/route.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// Walks EVERY route the server declares as a member of another platform: the admin of
// `educators` tries each route of `learners` with their own cookie and token, and each
// route of their own platform with `learners`' ids. Nothing may answer with success,
// and afterwards `learners` must be exactly as it was.

interface Ids {
  [param: string]: string;
}

type Db = TestServer['db']['db'];

async function victimIds(db: Db, tenantId: string, attackerTenantId: string): Promise<Ids> {
  const one = async <T>(promise: Promise<T | undefined>, what: string): Promise<T> => {
    const row = await promise;
    if (!row) throw new Error(`the demo has no ${what} in the victim platform`);
    return row;
  };
  const entry = await one(
    db
      .selectFrom('catalog_entries')
      .select(['course_id', 'version_id'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst(),
    'published course',
  );
  const version = await one(
    db.selectFrom('course_versions').select('manifest').where('id', '=', entry.version_id).executeTakeFirst(),
    'course version',
  );
  const manifest = JSON.parse(version.manifest) as { modules: { lessons: { id: string }[] }[] };
  const attackerBlobs = db.selectFrom('blobs').select('sha256').where('tenant_id', '=', attackerTenantId);
  const ids: Ids = {
    courseId: entry.course_id,
    versionId: entry.version_id,
    lessonId: manifest.modules[0]!.lessons[0]!.id,
    userId: (
      await one(
        db
          .selectFrom('users')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('username', '=', 'learner')
          .executeTakeFirst(),
        'learner',
      )
    ).id,
    classId: (
      await one(
        db.selectFrom('classes').select('id').where('tenant_id', '=', tenantId).executeTakeFirst(),
        'class',
      )
    ).id,
    frameworkId: (
      await one(
        db
          .selectFrom('curriculum_frameworks')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst(),
        'framework',
      )
    ).id,
    categoryId: (
      await one(
        db.selectFrom('categories').select('id').where('tenant_id', '=', tenantId).executeTakeFirst(),
        'category',
      )
    ).id,
    pathId: (
      await one(
        db.selectFrom('learning_paths').select('id').where('tenant_id', '=', tenantId).executeTakeFirst(),
        'learning path',
      )
    ).id,
    enrolmentId: (
      await one(
        db.selectFrom('enrolments').select('id').where('tenant_id', '=', tenantId).executeTakeFirst(),
        'enrolment',
      )
    ).id,
    sha: (
      await one(
        db
          .selectFrom('blobs')
          .select('sha256')
          .where('tenant_id', '=', tenantId)
          .where('sha256', 'not in', attackerBlobs)
          .executeTakeFirst(),
        'blob of its own',
      )
    ).sha256,
    lang: 'en',
  };
  const item = await db
    .selectFrom('library_items')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const curriculumItem = await one(
    db.selectFrom('curriculum_items').select('id').where('tenant_id', '=', tenantId).executeTakeFirst(),
    'curriculum item',
  );
  // `itemId` names a library item or a curriculum item, depending on the route.
  ids.libraryItemId = item?.id ?? curriculumItem.id;
  ids.curriculumItemId = curriculumItem.id;
  return ids;
}

/** Everything of the victim platform a leak or a cross-tenant write would change. */
async function snapshot(db: Db, tenantId: string): Promise<Record<string, unknown>> {
  const tables = [
    'users',
    'memberships',
    'classes',
    'class_members',
    'courses',
    'course_versions',
    'catalog_entries',
    'curriculum_frameworks',
    'curriculum_items',
    'categories',
    'learning_paths',
    'enrolments',
    'library_items',
    'blobs',
    'statements',
    'quiz_attempts',
    'api_tokens',
    'lrs_credentials',
    'device_tokens',
    'forwarding_destinations',
    'course_import_reports',
    'sync_hubs',
    'sync_conflicts',
    'cinema_plans',
    'cinema_sessions',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().where('tenant_id', '=', tenantId).execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

function fill(route: RegisteredRoute, slug: string, ids: Ids): string {
  return route.url
    .replace(':tenant', slug)
    .replace(/\/\*$/, '/index.html')
    .replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      if (name === 'itemId')
        return route.url.includes('/library/') ? ids.libraryItemId! : ids.curriculumItemId!;
      const value = ids[name];
      if (!value) throw new Error(`no victim id for :${name} in ${route.url}`);
      return value;
    });
}

describe.each(await engines())('tenant isolation on %s', (engine) => {
  let server: TestServer;
  let victim: { id: string; slug: string };
  let attacker: { id: string; slug: string };
  let attackerCookie: string;
  let attackerToken: string;
  let ids: Ids;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await seedDemo(server.services);
    const db = server.db.db;
    victim = await db
      .selectFrom('tenants')
      .select(['id', 'slug'])
      .where('slug', '=', 'learners')
      .executeTakeFirstOrThrow();
    attacker = await db
      .selectFrom('tenants')
      .select(['id', 'slug'])
      .where('slug', '=', 'educators')
      .executeTakeFirstOrThrow();
    // Things the demo does not make: an API token and an LRS key in the victim platform.
    const victimLearner = await db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', victim.id)
      .where('username', '=', 'learner')
      .executeTakeFirstOrThrow();
    const victimToken = await server.services.apiTokens.create(
      { tenantId: victim.id, userId: victimLearner.id },
      { name: 'victim script' },
    );
    const victimKey = await server.services.lrsCredentials.create(victim.id, 'victim tool');
    const victimDevice = await server.services.devices.create(
      { tenantId: victim.id, userId: victimLearner.id },
      { label: 'victim phone' },
    );
    // A statement-forwarding destination (H6).
    const victimDestination = await server.services.forwarding.create(victim.id, {
      name: 'victim LRS',
      endpoint: 'https://lrs.example.org/xapi',
      auth: { kind: 'bearer', token: 'victim-token' },
      filter: { verbs: [], activityPrefix: null },
      includeExisting: false,
    });
    // A hub registered for the victim platform (record sync, H7).
    const victimHub = await server.services.sync.service.registerHub(
      victim,
      { userId: victimLearner.id } as Parameters<typeof server.services.sync.service.registerHub>[1],
      { name: 'victim hub', instance: 'victim-hub-instance' },
    );
    // Learning Cinema: a plan, a session log and a console open for a phone remote.
    const victimFacilitator = await db
      .selectFrom('users')
      .select(['id', 'username', 'display_name'])
      .where('tenant_id', '=', victim.id)
      .where('username', '=', 'facilitator')
      .executeTakeFirstOrThrow();
    const facilitatorActor = {
      userId: victimFacilitator.id,
      tenantId: victim.id,
      username: victimFacilitator.username,
      displayName: victimFacilitator.display_name,
      roles: ['facilitator' as const],
      isOperator: false,
      via: 'session' as const,
      sessionId: null,
    };
    const victimPlan = await server.services.cinema.createPlan(victim.id, facilitatorActor, {
      title: 'Victim plan',
      ageBand: '6-11',
      durationMinutes: 30,
      language: 'en',
      steps: [{ id: 'talk', kind: 'discussion', prompt: 'Hello', seconds: 60 }],
    });
    const victimSession = await server.services.cinema.recordSession(victim.id, facilitatorActor, {
      id: uuidv7(),
      planId: victimPlan.id,
      date: '2026-11-01',
      facilitatorIds: [victimFacilitator.id],
      startedAt: '2026-11-01T09:00:00Z',
      endedAt: '2026-11-01T10:00:00Z',
      attendance: {
        female: { '0-5': 0, '6-11': 3, '12-17': 0, '18+': 0 },
        male: { '0-5': 0, '6-11': 2, '12-17': 0, '18+': 0 },
        other: { '0-5': 0, '6-11': 0, '12-17': 0, '18+': 0 },
        unrecorded: { '0-5': 0, '6-11': 0, '12-17': 0, '18+': 0 },
      },
      withDisability: 0,
    });
    ids = {
      ...(await victimIds(db, victim.id, attacker.id)),
      planId: victimPlan.id,
      sessionId: victimSession.session.id,
      runId: server.services.cinema.live.open(victim.id, uuidv7()),
      hubId: victimHub.hubId,
      tokenId: victimToken.token.id,
      credentialId: victimKey.id,
      deviceId: victimDevice.device.id,
      destinationId: victimDestination.id,
    };

    const signin = await fetch(`${server.url}/api/t/${attacker.slug}/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin123' }),
    });
    expect(signin.status).toBe(200);
    const setCookie = signin.headers.get('set-cookie') ?? '';
    attackerCookie = /satchel_educators=([^;]+)/.exec(setCookie)![1]!;
    const token = await fetch(`${server.url}/api/t/${attacker.slug}/me/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `satchel_educators=${attackerCookie}` },
      body: JSON.stringify({ name: 'attacker script' }),
    });
    expect(token.status).toBe(201);
    attackerToken = ((await token.json()) as { secret: string }).secret;
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  const call = async (method: string, path: string, headers: Record<string, string>): Promise<number> => {
    const hasBody = method !== 'GET' && method !== 'DELETE';
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      ...(hasBody ? { body: '{}' } : {}),
    });
    await res.arrayBuffer();
    return res.status;
  };

  it('an admin of another platform gets no success from any route of this one, by cookie or by token', async () => {
    const before = await snapshot(server.db.db, victim.id);
    const leaks: string[] = [];
    const protectedRoutes = server.router.routes.filter(
      (r) => r.url.includes(':tenant') && r.access !== 'public',
    );
    expect(protectedRoutes.length).toBeGreaterThan(60);
    for (const route of protectedRoutes) {
      const path = fill(route, victim.slug, ids);
      const attempts: Record<string, string>[] = [
        { cookie: `satchel_${victim.slug}=${attackerCookie}` },
        { authorization: `Bearer ${attackerToken}` },
      ];
      for (const headers of attempts) {
        const status = await call(route.method, path, headers);
        if (status !== 401) leaks.push(`${route.method} ${route.url} → ${status}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshot(server.db.db, victim.id)).toEqual(before);
  });

  it('an admin cannot reach this platform’s records through their own platform’s routes', async () => {
    const before = await snapshot(server.db.db, victim.id);
    const leaks: string[] = [];
    const withIds = server.router.routes.filter(
      (r) => r.url.includes(':tenant') && /:(?!tenant)[A-Za-z]+|\/\*$/.test(r.url),
    );
    expect(withIds.length).toBeGreaterThan(40);
    for (const route of withIds) {
      const status = await call(route.method, fill(route, attacker.slug, ids), {
        cookie: `satchel_${attacker.slug}=${attackerCookie}`,
      });
      if (status < 400) leaks.push(`${route.method} ${route.url} → ${status}`);
    }
    expect(leaks).toEqual([]);
    expect(await snapshot(server.db.db, victim.id)).toEqual(before);
  });

  it('an LRS key of another platform reads none of this platform’s statements', async () => {
    const key = await server.services.lrsCredentials.create(attacker.id, 'attacker tool');
    const res = await fetch(`${server.url}/xapi/statements?limit=500`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`,
        'x-experience-api-version': '1.0.3',
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statements: { id: string }[] };
    const victimStatements = await server.db.db
      .selectFrom('statements')
      .select('id')
      .where('tenant_id', '=', victim.id)
      .execute();
    expect(victimStatements.length).toBeGreaterThan(0);
    const seen = new Set(body.statements.map((s) => s.id));
    expect(victimStatements.filter((s) => seen.has(s.id))).toEqual([]);
  });
});
