import { randomBytes } from 'node:crypto';
import type { PackPlanResponse, PlanDetail, PlanReadiness } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn, type Client } from '../test-support/identity.js';
import type { TestServer } from '../test-support/server.js';
import { register, startTree, type Tree } from '../sync/sync.test-support.js';

// "Pack for the field" from the web app: on a registered hub the button copies what a plan
// needs from the national server with the hub's own credential, then verifies every file.

const mp4 = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x20]),
    Buffer.from('ftypisom\0\0\u0002\0isomiso2avc1mp41', 'latin1'),
    randomBytes(200_000),
  ]);

const SLUG = 'nation';

// The national server on each engine; the hub (the facilitator's laptop) is always SQLite.
describe.each(await engines())('packing a plan for the field from a hub on %s', (engine) => {
  let tree: Tree;
  let hub: TestServer;
  let nationalStopped = false;
  let wellPlan: PlanDetail;
  let riverPlan: PlanDetail;
  let amalOnHub: Client;

  /** A film uploaded to the national library, and a plan of amal's that shows it. */
  async function planWithFilm(amal: Client, author: Client, film: string, title: string) {
    const upload = await author.call(
      'POST',
      `/api/t/${SLUG}/library/uploads?kind=video&title=${encodeURIComponent(film)}&licence=CC-BY-4.0&author=Ama`,
      mp4(),
      { 'content-type': 'video/mp4' },
    );
    expect(upload.status).toBe(201);
    const itemId = (upload.body as { item: { id: string } }).item.id;
    const created = await amal.post(`/api/t/${SLUG}/cinema/plans`, {
      title,
      ageBand: '6-11',
      durationMinutes: 40,
      language: 'en',
      steps: [
        { id: 'film', kind: 'media', itemId, title: film },
        { id: 'talk', kind: 'discussion', prompt: 'Where is your water from?', seconds: 120 },
      ],
    });
    expect(created.status).toBe(201);
    return (created.body as { plan: PlanDetail }).plan;
  }

  const packPath = (planId: string) => `/api/t/${SLUG}/cinema/plans/${planId}/pack`;
  const readinessOnHub = async (planId: string) =>
    (await amalOnHub.get(`/api/t/${SLUG}/cinema/plans/${planId}/readiness`)).body as PlanReadiness;

  beforeAll(async () => {
    tree = await startTree(engine, 1);
    hub = tree.hubs[0]!;
    const { national, tenant } = tree;
    await addMember(national, tenant, 'amal', ['facilitator']);
    await addMember(national, tenant, 'sam', ['facilitator']);
    await addMember(national, tenant, 'writer', ['author']);
    const amal = await signedIn(national, SLUG, 'amal');
    const author = await signedIn(national, SLUG, 'writer');
    wellPlan = await planWithFilm(amal, author, 'The well', 'Safe water');
    riverPlan = await planWithFilm(amal, author, 'The river', 'River safety');
    // The plans (and the people) reach the hub by record sync; the library and its files do not.
    await register(hub, national, 'school laptop');
    for (const result of await hub.services.sync.client.syncAll()) expect(result.error).toBeNull();
    amalOnHub = await signedIn(hub, SLUG, 'amal');
  }, 120_000);

  afterAll(async () => {
    if (nationalStopped) await hub.close();
    else await tree.close();
  });

  it('packs only for people who may run the plan', async () => {
    const other = await platform(hub, 'elsewhere');
    await addMember(hub, other, 'zed', ['facilitator']);
    const zed = await signedIn(hub, 'elsewhere', 'zed');
    // A facilitator of another platform is no member of this one.
    expect(await zed.post(packPath(wellPlan.id))).toMatchObject({ status: 401 });
    // Another facilitator of the platform does not see amal's unshared plan.
    const sam = await signedIn(hub, SLUG, 'sam');
    expect(await sam.post(packPath(wellPlan.id))).toMatchObject({ status: 404, code: 'plan_not_found' });
    expect((await readinessOnHub(wellPlan.id)).items).toEqual([
      expect.objectContaining({ status: 'missing_item' }),
    ]);
  });

  it('copies the film missing on the hub from the national server, verified, and says it plays', async () => {
    const res = await amalOnHub.post(packPath(wellPlan.id));
    expect(res.status).toBe(200);
    const packed = res.body as PackPlanResponse;
    expect(packed).toMatchObject({
      planId: wellPlan.id,
      title: 'Safe water',
      upstream: tree.national.url,
      copiedFiles: 1,
      notCopied: [],
      readiness: { ready: true, items: [{ title: 'The well', status: 'ok' }] },
    });
    const media = (await amalOnHub.get(`/api/t/${SLUG}/cinema/plans/${wellPlan.id}`)).body as {
      plan: PlanDetail;
    };
    expect(media.plan.media).toEqual([
      expect.objectContaining({ title: 'The well', licence: 'CC-BY-4.0', sha256: wellPlan.media[0]?.sha256 }),
    ]);
    // Packing again copies nothing: everything is here and intact.
    expect((await amalOnHub.post(packPath(wellPlan.id))).body).toMatchObject({
      copiedFiles: 0,
      readiness: { ready: true },
    });
  });

  it('only checks on a server with no upstream', async () => {
    const amal = await signedIn(tree.national, SLUG, 'amal');
    expect((await amal.post(packPath(riverPlan.id))).body).toMatchObject({
      upstream: null,
      copiedFiles: 0,
      readiness: { ready: true },
    });
  });

  it('refuses a hub media question without the hub credential', async () => {
    const amal = await signedIn(tree.national, SLUG, 'amal');
    const ids = riverPlan.media.map((item) => item.itemId).join(',');
    expect(await amal.get(`/api/t/${SLUG}/cinema/hub/media?ids=${ids}`)).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
  });

  it('answers 502 with a clear code when the national server is down, and the hub is unchanged', async () => {
    const before = await readinessOnHub(riverPlan.id);
    expect(before.items).toEqual([expect.objectContaining({ status: 'missing_item' })]);
    await tree.national.close();
    nationalStopped = true;
    const res = await amalOnHub.post(packPath(riverPlan.id));
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({
      error: {
        code: 'pack_upstream_unreachable',
        message: expect.stringContaining(`Cannot reach ${tree.national.url}`),
        details: { upstream: tree.national.url },
      },
    });
    expect(await readinessOnHub(riverPlan.id)).toEqual(before);
    // What was packed before still plays, and is checked without the network.
    expect((await amalOnHub.post(packPath(wellPlan.id))).body).toMatchObject({
      copiedFiles: 0,
      readiness: { ready: true },
    });
  });
});
