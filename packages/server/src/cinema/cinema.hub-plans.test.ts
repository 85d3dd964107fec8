import { randomBytes } from 'node:crypto';
import type { PackPlanResponse, PlanDetail, UpstreamPlansResponse } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamFromLink } from '../mirror/mirror.link.js';
import { INSTANCE_HEADER } from '../mirror/mirror.schema.js';
import { register, startTree, type Tree } from '../sync/sync.test-support.js';
import { HUB_HEADER } from '../sync/sync.service.js';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn, type Client, type Platform } from '../test-support/identity.js';
import type { TestServer } from '../test-support/server.js';

// A plan written on the national server after the laptop's last sync is not on the laptop: the
// plans page lists it, and "Pack for the field" fetches it (with the hub's own credential, for the
// facilitator signed in) and then its film. The plan travels with its sync record, so when record
// sync brings it later nothing changes and nothing conflicts.

const mp4 = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x20]),
    Buffer.from('ftypisom\0\0\u0002\0isomiso2avc1mp41', 'latin1'),
    randomBytes(100_000),
  ]);

const SLUG = 'nation';

interface StoredRecord {
  instance_id: string;
  counter: number;
  fields: string;
}

async function planRecord(server: TestServer, tenantId: string, planId: string): Promise<StoredRecord> {
  const row = await server.db.db
    .selectFrom('sync_records')
    .select(['instance_id', 'counter', 'fields'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'cinema_plan')
    .where('record_id', '=', planId)
    .executeTakeFirstOrThrow();
  return { ...row, counter: Number(row.counter) };
}

async function conflictsOf(server: TestServer, tenantId: string, planId: string): Promise<number> {
  const row = await server.db.db
    .selectFrom('sync_conflicts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('record_id', '=', planId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// The national server on each engine; the hub (the facilitator's laptop) is always SQLite.
describe.each(await engines())('plans fetched by a hub from the national server on %s', (engine) => {
  let tree: Tree;
  let hub: TestServer;
  let national: TestServer;
  let elsewhere: Platform;
  let amalOnHub: Client;
  let samOnHub: Client;
  let synced: PlanDetail;
  let safeWater: PlanDetail;
  let riverSafety: PlanDetail;
  let samsNotes: PlanDetail;
  let amalsDraft: PlanDetail;
  let zedsPlan: PlanDetail;
  let nationalDown = false;

  async function film(author: Client, slug: string, title: string): Promise<string> {
    const upload = await author.call(
      'POST',
      `/api/t/${slug}/library/uploads?kind=video&title=${encodeURIComponent(title)}&licence=CC-BY-4.0&author=Ama`,
      mp4(),
      { 'content-type': 'video/mp4' },
    );
    expect(upload.status).toBe(201);
    return (upload.body as { item: { id: string } }).item.id;
  }

  async function plan(owner: Client, slug: string, title: string, itemId: string, shared = false) {
    const created = await owner.post(`/api/t/${slug}/cinema/plans`, {
      title,
      ageBand: '6-11',
      durationMinutes: 40,
      language: 'en',
      shared,
      steps: [
        { id: 'film', kind: 'media', itemId, title: 'Film' },
        { id: 'talk', kind: 'discussion', prompt: 'What did you see?', seconds: 120 },
      ],
    });
    expect(created.status).toBe(201);
    return (created.body as { plan: PlanDetail }).plan;
  }

  const upstreamPlans = async (who: Client) => {
    const res = await who.get(`/api/t/${SLUG}/cinema/upstream/plans`);
    expect(res.status).toBe(200);
    return res.body as UpstreamPlansResponse;
  };
  const titles = (list: UpstreamPlansResponse) => list.items.map((item) => item.title);
  const pack = (who: Client, planId: string) => who.post(`/api/t/${SLUG}/cinema/plans/${planId}/pack`);
  const planOn = (server: TestServer, planId: string) =>
    server.db.db
      .selectFrom('cinema_plans')
      .select(['id', 'title', 'owner_id', 'shared', 'steps', 'deleted_at'])
      .where('id', '=', planId)
      .executeTakeFirst();

  /** A GET on the national server with the hub's own credential, as the hub sends it. */
  async function asHub(path: string): Promise<{ status: number; code: string | undefined; body: unknown }> {
    const link = await upstreamFromLink(hub.services.sync.service, tree.tenant.id);
    if (!link?.hub) throw new Error('the hub is not registered');
    const res = await fetch(`${national.url}${path}`, {
      headers: { [HUB_HEADER]: link.hub.credential, [INSTANCE_HEADER]: link.hub.instanceId },
    });
    const body = (await res.json()) as { error?: { code?: string } };
    return { status: res.status, code: body.error?.code, body };
  }

  beforeAll(async () => {
    tree = await startTree(engine, 1);
    hub = tree.hubs[0]!;
    national = tree.national;
    const { tenant } = tree;
    await addMember(national, tenant, 'amal', ['facilitator']);
    await addMember(national, tenant, 'sam', ['facilitator']);
    await addMember(national, tenant, 'writer', ['author']);
    const amal = await signedIn(national, SLUG, 'amal');
    const sam = await signedIn(national, SLUG, 'sam');
    const writer = await signedIn(national, SLUG, 'writer');
    const well = await film(writer, SLUG, 'The well');
    const river = await film(writer, SLUG, 'The river');
    synced = await plan(amal, SLUG, 'Already here', well);
    await register(hub, national, 'school laptop');
    for (const result of await hub.services.sync.client.syncAll()) expect(result.error).toBeNull();
    // Written on the national server after the laptop's last sync: not on the laptop.
    safeWater = await plan(amal, SLUG, 'Safe water', well);
    amalsDraft = await plan(amal, SLUG, 'Amal’s draft', well);
    riverSafety = await plan(sam, SLUG, 'River safety', river, true);
    samsNotes = await plan(sam, SLUG, 'Sam’s notes', river);
    // Another platform on the same national server, with a plan shared with its facilitators.
    elsewhere = await platform(national, 'elsewhere');
    await addMember(national, elsewhere, 'zed', ['facilitator', 'author']);
    const zed = await signedIn(national, 'elsewhere', 'zed');
    zedsPlan = await plan(zed, 'elsewhere', 'Zed’s plan', await film(zed, 'elsewhere', 'Far away'), true);
    amalOnHub = await signedIn(hub, SLUG, 'amal');
    samOnHub = await signedIn(hub, SLUG, 'sam');
  }, 120_000);

  afterAll(async () => {
    if (nationalDown) await hub.close();
    else await tree.close();
  });

  it('lists the plans on the national server a facilitator may take that are not on this laptop', async () => {
    expect(await upstreamPlans(amalOnHub)).toEqual({
      upstream: national.url,
      items: [
        expect.objectContaining({ id: amalsDraft.id, title: 'Amal’s draft', shared: false }),
        expect.objectContaining({ id: riverSafety.id, title: 'River safety', shared: true }),
        expect.objectContaining({ id: safeWater.id, title: 'Safe water', shared: false }),
      ],
    });
    // Sam sees the shared plan and his own, never amal's; neither sees the plan already here.
    expect(titles(await upstreamPlans(samOnHub))).toEqual(['River safety', 'Sam’s notes']);
  });

  it('packs a plan from the national server with the button: the plan, then its film', async () => {
    expect(await planOn(hub, safeWater.id)).toBeUndefined();
    const res = await pack(amalOnHub, safeWater.id);
    expect(res.status).toBe(200);
    expect(res.body as PackPlanResponse).toMatchObject({
      planId: safeWater.id,
      title: 'Safe water',
      upstream: national.url,
      fetchedPlan: true,
      copiedFiles: 1,
      notCopied: [],
      readiness: { ready: true, items: [{ title: 'The well', status: 'ok' }] },
    });
    const onHub = (await amalOnHub.get(`/api/t/${SLUG}/cinema/plans/${safeWater.id}`)).body as {
      plan: PlanDetail;
    };
    expect(onHub.plan).toMatchObject({
      id: safeWater.id,
      title: 'Safe water',
      ownerId: safeWater.ownerId,
      steps: safeWater.steps,
      editable: true,
    });
    // Held as record sync would hold it: the national server's instance, counter and stamps.
    expect(await planRecord(hub, tree.tenant.id, safeWater.id)).toEqual(
      await planRecord(national, tree.tenant.id, safeWater.id),
    );
    expect(titles(await upstreamPlans(amalOnHub))).toEqual(['Amal’s draft', 'River safety']);
    // Packing it again asks for nothing: it is here, and so is its film.
    expect((await pack(amalOnHub, safeWater.id)).body).toMatchObject({ fetchedPlan: false, copiedFiles: 0 });
  });

  it('takes a plan shared by another facilitator, and only the plans a facilitator may see', async () => {
    expect((await pack(amalOnHub, riverSafety.id)).body).toMatchObject({
      fetchedPlan: true,
      copiedFiles: 1,
      readiness: { ready: true },
    });
    // Amal may not take sam's plan that is not shared; the laptop is unchanged.
    expect(await pack(amalOnHub, samsNotes.id)).toMatchObject({ status: 404, code: 'plan_not_found' });
    expect(await planOn(hub, samsNotes.id)).toBeUndefined();
    expect(await pack(samOnHub, amalsDraft.id)).toMatchObject({ status: 404, code: 'plan_not_found' });
    expect(await planOn(hub, amalsDraft.id)).toBeUndefined();
  });

  it('later record sync brings the same plans: nothing duplicates, nothing conflicts, edits still travel', async () => {
    const before = await planRecord(hub, tree.tenant.id, safeWater.id);
    for (const result of await hub.services.sync.client.syncAll())
      expect(result).toMatchObject({ error: null, conflicts: 0, refused: 0 });
    expect(await planRecord(hub, tree.tenant.id, safeWater.id)).toEqual(before);
    expect(await planRecord(national, tree.tenant.id, safeWater.id)).toEqual(before);
    const count = await hub.db.db
      .selectFrom('cinema_plans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', safeWater.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    // An edit on the laptop and another on the national server, each of a different field.
    const onHub = (
      (await amalOnHub.get(`/api/t/${SLUG}/cinema/plans/${safeWater.id}`)).body as { plan: PlanDetail }
    ).plan;
    const { title: _t, ...content } = onHub;
    const edited = await amalOnHub.call('PUT', `/api/t/${SLUG}/cinema/plans/${safeWater.id}`, {
      plan: {
        title: 'Safe water at school',
        description: content.description,
        ageBand: content.ageBand,
        durationMinutes: content.durationMinutes,
        language: content.language,
        tags: content.tags,
        shared: content.shared,
        steps: content.steps,
      },
      version: onHub.version,
    });
    expect(edited.status).toBe(200);
    await national.db.db
      .updateTable('cinema_plans')
      .set((eb) => ({
        duration_minutes: 55,
        version: eb('version', '+', 1),
        updated_at: new Date().toISOString(),
      }))
      .where('id', '=', safeWater.id)
      .execute();
    for (const result of await hub.services.sync.client.syncAll())
      expect(result).toMatchObject({ error: null, conflicts: 0 });
    for (const server of [hub, national]) {
      expect(await planOn(server, safeWater.id)).toMatchObject({ title: 'Safe water at school' });
      const row = await server.db.db
        .selectFrom('cinema_plans')
        .select('duration_minutes')
        .where('id', '=', safeWater.id)
        .executeTakeFirstOrThrow();
      expect(row.duration_minutes).toBe(55);
      expect(await conflictsOf(server, tree.tenant.id, safeWater.id)).toBe(0);
    }
  });

  it('gives a hub credential only the plans of the platform it was issued for', async () => {
    // Another platform's routes do not know this credential.
    expect(await asHub(`/api/t/elsewhere/cinema/hub/plans`)).toMatchObject({ status: 401 });
    expect(await asHub(`/api/t/elsewhere/cinema/hub/plans/${zedsPlan.id}`)).toMatchObject({ status: 401 });
    // Its own platform's routes do not know another platform's plan, shared or not.
    expect(await asHub(`/api/t/${SLUG}/cinema/hub/plans/${zedsPlan.id}`)).toMatchObject({
      status: 404,
      code: 'plan_not_found',
    });
    const listed = await asHub(`/api/t/${SLUG}/cinema/hub/plans`);
    expect(listed.status).toBe(200);
    const ids = (listed.body as { items: { id: string }[] }).items.map((item) => item.id);
    expect(ids).toContain(riverSafety.id);
    expect(ids).not.toContain(zedsPlan.id);
    // Without naming a facilitator, a hub gets the shared plans only.
    expect(ids).not.toContain(samsNotes.id);
    // And the button on the laptop cannot reach it either.
    expect(await pack(amalOnHub, zedsPlan.id)).toMatchObject({ status: 404, code: 'plan_not_found' });
    expect(await planOn(hub, zedsPlan.id)).toBeUndefined();
  });

  it('answers only a hub credential or a facilitator of the platform', async () => {
    const anonymous = await fetch(`${national.url}/api/t/${SLUG}/cinema/hub/plans/${riverSafety.id}`);
    expect(anonymous.status).toBe(401);
    const learner = await signedIn(national, SLUG, 'amina');
    expect(await learner.get(`/api/t/${SLUG}/cinema/hub/plans`)).toMatchObject({ status: 403 });
    // A facilitator's own session (the CLI's token path) gets the plan with its record.
    const sam = await signedIn(national, SLUG, 'sam');
    const res = await sam.get(`/api/t/${SLUG}/cinema/hub/plans/${samsNotes.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      plan: { id: samsNotes.id },
      record: { kind: 'cinema_plan', id: samsNotes.id, i: expect.any(String), n: expect.any(Number) },
    });
  });

  it('lists nothing on a server with no upstream', async () => {
    const amal = await signedIn(national, SLUG, 'amal');
    expect(await upstreamPlans(amal)).toEqual({ upstream: null, items: [] });
  });

  it('says clearly that the national server cannot be reached, and leaves the laptop unchanged', async () => {
    const amal = await signedIn(national, SLUG, 'amal');
    const late = await plan(
      amal,
      SLUG,
      'Written after the last sync',
      safeWater.steps[0]!.kind === 'media' ? safeWater.steps[0]!.itemId : '',
    );
    await national.close();
    nationalDown = true;
    const listed = await amalOnHub.get(`/api/t/${SLUG}/cinema/upstream/plans`);
    expect(listed).toMatchObject({ status: 502, code: 'pack_upstream_unreachable' });
    expect(listed.body).toMatchObject({ error: { details: { upstream: national.url } } });
    expect(await pack(amalOnHub, late.id)).toMatchObject({ status: 502, code: 'pack_upstream_unreachable' });
    expect(await planOn(hub, late.id)).toBeUndefined();
    // What was packed still plays, checked without the network.
    expect((await pack(amalOnHub, synced.id)).status).toBe(200);
    expect((await pack(amalOnHub, safeWater.id)).body).toMatchObject({
      fetchedPlan: false,
      copiedFiles: 0,
      readiness: { ready: true },
    });
  });
});
