import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { uuidv7, type PlanDetail } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../http/context.js';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { CinemaRepo } from './cinema.repo.js';
import { PackError, packPlans, type PackDeps } from './cinema.pack.js';

const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x20]),
  Buffer.from('ftypisom\0\0\u0002\0isomiso2avc1mp41', 'latin1'),
  randomBytes(300_000),
]);

// The national server on each engine; the facilitator's laptop (a hub) is always SQLite.
describe.each(await engines())('packing Learning Cinema plans from a national server on %s', (engine) => {
  let national: TestServer;
  let laptop: TestServer;
  let nationalTenant: Platform;
  let laptopTenant: Platform;
  let token: string;
  let plan: PlanDetail;
  let deps: PackDeps;
  let operator: Actor;

  beforeAll(async () => {
    national = await startTestServer({ engine });
    laptop = await startTestServer({ engine: 'sqlite' });
    nationalTenant = await platform(national, 'cinema-pack');
    laptopTenant = await platform(laptop, 'cinema-pack');
    const amalId = await addMember(national, nationalTenant, 'amal', ['facilitator']);
    await addMember(national, nationalTenant, 'writer', ['author']);
    const author = await signedIn(national, nationalTenant.slug, 'writer');
    const upload = await author.call(
      'POST',
      `/api/t/${nationalTenant.slug}/library/uploads?kind=video&title=The%20well&licence=CC-BY-4.0&author=Ama`,
      MP4,
      { 'content-type': 'video/mp4' },
    );
    const filmId = (upload.body as { item: { id: string } }).item.id;
    const amal = await signedIn(national, nationalTenant.slug, 'amal');
    const created = await amal.post(`/api/t/${nationalTenant.slug}/cinema/plans`, {
      title: 'Safe water',
      ageBand: '6-11',
      durationMinutes: 40,
      language: 'ar',
      steps: [
        { id: 'film', kind: 'media', itemId: filmId, title: 'The well' },
        { id: 'talk', kind: 'discussion', prompt: 'Where is your water from?', seconds: 120 },
      ],
    });
    plan = (created.body as { plan: PlanDetail }).plan;
    token = (
      await national.services.apiTokens.create(
        { tenantId: nationalTenant.id, userId: amalId },
        { name: 'laptop' },
      )
    ).secret;
    deps = {
      repo: new CinemaRepo(laptop.db.db),
      cinema: laptop.services.cinema,
      blobs: laptop.services.blobs,
      blobDir: laptop.config.blobDir,
      clock: laptop.services.ctx.clock,
      records: laptop.services.sync.service,
    };
    operator = {
      userId: uuidv7(),
      tenantId: laptopTenant.id,
      username: 'cli',
      displayName: 'CLI',
      roles: ['admin'],
      isOperator: true,
      via: 'token',
      sessionId: null,
    };
  });
  afterAll(async () => {
    await laptop.close();
    await national.close();
  });

  it('copies the plan, its library item and its file, verified, and says it is ready', async () => {
    const upstream = { baseUrl: national.url, token };
    const [packed] = await packPlans(deps, laptopTenant, operator, [plan.id], upstream);
    expect(packed).toMatchObject({
      planId: plan.id,
      title: 'Safe water',
      copiedFiles: 1,
      readiness: { ready: true },
    });
    const local = await laptop.services.cinema.getPlan(laptopTenant.id, operator, plan.id);
    expect(local.media).toEqual([
      expect.objectContaining({ title: 'The well', licence: 'CC-BY-4.0', author: 'Ama' }),
    ]);
    // The plan is held as record sync holds it (the national server's instance, counter and
    // per-field stamps), not as a new edit of the laptop's: syncing later changes nothing.
    const stamp = (server: TestServer, tenantId: string) =>
      server.db.db
        .selectFrom('sync_records')
        .select(['instance_id', 'counter', 'fields'])
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', 'cinema_plan')
        .where('record_id', '=', plan.id)
        .executeTakeFirstOrThrow()
        .then((row) => ({ ...row, counter: Number(row.counter) }));
    await laptop.services.sync.service.tracker.stampPending();
    expect(await stamp(laptop, laptopTenant.id)).toEqual(await stamp(national, nationalTenant.id));
    // A second pack copies nothing it already has.
    const [again] = await packPlans(deps, laptopTenant, operator, [plan.id], upstream);
    expect(again?.copiedFiles).toBe(0);
  });

  it('reports a file that rotted on the laptop, and heals it from the upstream', async () => {
    const sha =
      (await laptop.services.cinema.getPlan(laptopTenant.id, operator, plan.id)).media[0]?.sha256 ?? '';
    writeFileSync(laptop.services.blobs.filePath(sha), Buffer.from('not a film any more'));
    const [local] = await packPlans(deps, laptopTenant, operator, [plan.id], null);
    expect(local?.readiness).toMatchObject({ ready: false, items: [{ status: 'corrupt' }] });
    expect(local?.readiness.items[0]?.message).toContain('damaged');
    const [healed] = await packPlans(deps, laptopTenant, operator, [plan.id], {
      baseUrl: national.url,
      token,
    });
    expect(healed).toMatchObject({ copiedFiles: 1, readiness: { ready: true } });
  });

  it('refuses an unknown plan, a bad token and an unreachable upstream with a clear reason', async () => {
    const missing = uuidv7();
    await expect(
      packPlans(deps, laptopTenant, operator, [missing], { baseUrl: national.url, token }),
    ).rejects.toThrow(PackError);
    await expect(
      packPlans(deps, laptopTenant, operator, [plan.id], { baseUrl: national.url, token: 'sat_wrong' }),
    ).rejects.toThrow(/refused the token/);
    await expect(
      packPlans(deps, laptopTenant, operator, [plan.id], { baseUrl: 'http://127.0.0.1:9', token }),
    ).rejects.toThrow(/Cannot reach/);
    await expect(packPlans(deps, laptopTenant, operator, [missing], null)).rejects.toThrow(
      /not on this server/,
    );
  });
});
