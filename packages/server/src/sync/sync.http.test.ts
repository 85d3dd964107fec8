import { PROTOCOL_VERSION } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { client, PASSWORD, signedIn } from '../test-support/identity.js';
import { SyncClient } from './sync.client.js';
import {
  displayName,
  learnerStatement,
  register,
  renameUser,
  startTree,
  statementCount,
  type Tree,
} from './sync.test-support.js';

let tree: Tree | null = null;
afterEach(async () => {
  await tree?.close();
  tree = null;
});

describe.each(await engines())('hub sync with a national server on %s', { timeout: 180_000 }, (engine) => {
  it('brings users down, learners sign in on the hub, statements go up exactly once', async () => {
    tree = await startTree(engine, 1);
    const { national, tenant, learnerId } = tree;
    const hub = tree.hubs[0]!;
    await register(hub, national, 'School A');
    const [first] = await hub.services.sync.client.syncAll();
    expect(first?.error).toBeNull();
    expect(await displayName(hub, tenant.id, learnerId)).toBe('Name of amina');
    // The learner signs in on the hub with the password they have nationally.
    await signedIn(hub, 'nation', 'amina', PASSWORD);

    const onHub = await learnerStatement(hub, tenant.id, learnerId);
    // The learner's device also sent the same statement straight to the national server.
    await national.services.lrs.store(
      tenant.id,
      JSON.parse(
        (
          await hub.db.db
            .selectFrom('statements')
            .select('statement')
            .where('id', '=', onHub)
            .executeTakeFirstOrThrow()
        ).statement,
      ) as unknown,
      { kind: 'learner', userId: learnerId },
    );
    const [second] = await hub.services.sync.client.syncAll();
    expect(second?.error).toBeNull();
    expect(await statementCount(national, tenant.id, onHub)).toBe(1);
    const again = await hub.services.sync.client.syncAll();
    expect(again[0]?.error).toBeNull();
    expect(await statementCount(national, tenant.id)).toBe(await statementCount(hub, tenant.id));

    // Status on the hub: a success, nothing waiting.
    const admin = await signedIn(hub, 'nation', 'boss');
    const status = await admin.get('/api/t/nation/sync/status');
    expect(status.status).toBe(200);
    const link = (
      status.body as { links: { lastSuccessAt: string | null; pending: number; lastError: string | null }[] }
    ).links[0]!;
    expect(link.lastSuccessAt).not.toBeNull();
    expect(link.lastError).toBeNull();
    expect(link.pending).toBe(0);
    // The national admin sees the hub's last contact and backlog.
    const nationalAdmin = await signedIn(national, 'nation', 'boss');
    const hubs = await nationalAdmin.get('/api/t/nation/sync/hubs');
    const items = (hubs.body as { items: { name: string; lastContactAt: string | null; backlog: number }[] })
      .items;
    expect(items).toHaveLength(1);
    expect(items[0]!.name).toBe('School A');
    expect(items[0]!.lastContactAt).not.toBeNull();
  });

  it('keeps the losing value of a user edited on two hubs in the conflict log on every side', async () => {
    tree = await startTree(engine, 2);
    const { national, tenant, learnerId } = tree;
    const [a, b] = tree.hubs as [Tree['national'], Tree['national']];
    await register(a, national, 'Hub A');
    await register(b, national, 'Hub B');
    await a.services.sync.client.syncAll();
    await b.services.sync.client.syncAll();

    await renameUser(a, learnerId, 'Amina from A');
    await new Promise((r) => setTimeout(r, 5));
    await renameUser(b, learnerId, 'Amina from B');
    for (const hub of [a, b, a]) {
      const [r] = await hub.services.sync.client.syncAll();
      expect(r?.error).toBeNull();
    }
    for (const server of [national, a, b]) {
      expect(await displayName(server, tenant.id, learnerId)).toBe('Amina from B');
      const log = await server.services.sync.service.conflicts(tenant.id, 10, 0);
      expect(log.items.map((c) => [c.field, c.loserValue, c.winnerValue])).toEqual([
        ['display_name', 'Amina from A', 'Amina from B'],
      ]);
    }
    const admin = await signedIn(national, 'nation', 'boss');
    const listed = await admin.get('/api/t/nation/sync/conflicts');
    expect((listed.body as { total: number }).total).toBe(1);
  });

  it('refuses a revoked hub with a clear error', async () => {
    tree = await startTree(engine, 1);
    const { national } = tree;
    const hub = tree.hubs[0]!;
    await register(hub, national, 'Stolen laptop');
    const admin = await signedIn(national, 'nation', 'boss');
    const hubs = await admin.get('/api/t/nation/sync/hubs');
    const id = (hubs.body as { items: { id: string }[] }).items[0]!.id;
    const revoked = await admin.post(`/api/t/nation/sync/hubs/${id}/revoke`);
    expect(revoked.status).toBe(200);
    const [r] = await hub.services.sync.client.syncAll();
    expect(r?.error).toMatch(/revoked/);
    expect(r?.error).toMatch(/hub_revoked/);
    // Raw HTTP: 403 with the code, and no credential at all is 401.
    const link = (await hub.services.sync.service.repo.links())[0]!;
    const raw = await client(national).call(
      'POST',
      '/api/t/nation/sync/pull',
      {
        protocol: PROTOCOL_VERSION,
        instance: await hub.services.sync.service.instanceId(),
        since: {},
        cursor: null,
      },
      { 'x-satchel-hub': `${link.hub_id}.${link.secret}` },
    );
    expect([raw.status, raw.code]).toEqual([403, 'hub_revoked']);
    const anonymous = await client(national).post('/api/t/nation/sync/pull', {
      protocol: PROTOCOL_VERSION,
      instance: 'x',
      since: {},
      cursor: null,
    });
    expect(anonymous.status).toBe(401);
  });

  it('resumes after a dropped batch and re-pushing a batch changes nothing', async () => {
    tree = await startTree(engine, 1);
    const { national, tenant, learnerId } = tree;
    const hub = tree.hubs[0]!;
    for (let i = 0; i < 6; i += 1) await learnerStatement(national, tenant.id, learnerId);
    await register(hub, national, 'Flaky link');
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls === 3) throw new TypeError('fetch failed (network dropped)');
      return fetch(input, init);
    };
    const small = new SyncClient(hub.services.sync.service, hub.services.ctx.clock, flaky, {
      pull: 2,
      push: 2,
    });
    const [broken] = await small.syncAll();
    expect(broken?.error).toMatch(/network dropped/);
    const link = (await hub.services.sync.service.repo.links())[0]!;
    expect(link.pull_cursor).not.toBeNull(); // progress was kept
    const [resumed] = await small.syncAll();
    expect(resumed?.error).toBeNull();
    expect(await statementCount(hub, tenant.id)).toBe(6);

    // Hub-side statements pushed twice (the acknowledgement was lost) are stored once.
    await learnerStatement(hub, tenant.id, learnerId);
    const pages = hub.services.sync.service.exportChanges(tenant.id, {
      [national.services.sync.service ? await national.services.sync.service.instanceId() : '']:
        Number.MAX_SAFE_INTEGER,
    });
    const records = [];
    for await (const page of pages) records.push(...page.records);
    const instance = await hub.services.sync.service.instanceId();
    const body = { protocol: PROTOCOL_VERSION, instance, records };
    const headers = { 'x-satchel-hub': `${link.hub_id}.${link.secret}` };
    const one = await client(national).call('POST', '/api/t/nation/sync/push', body, headers);
    const two = await client(national).call('POST', '/api/t/nation/sync/push', body, headers);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(await statementCount(national, tenant.id)).toBe(7);
    const [after] = await small.syncAll();
    expect(after?.error).toBeNull();
    expect(await statementCount(national, tenant.id)).toBe(7);
    expect(await statementCount(hub, tenant.id)).toBe(7);
  });

  it('fetches a learner unknown to the hub from the upstream when they sign in', async () => {
    tree = await startTree(engine, 1);
    const { national, tenant, learnerId } = tree;
    const hub = tree.hubs[0]!;
    await register(hub, national, 'Hub B');
    await hub.services.sync.client.syncAll();
    // A learner created nationally after the hub's last sync, with progress from hub A.
    const moved = await national.services.users.create(tenant.id, {
      username: 'moved',
      displayName: 'Moved learner',
      password: PASSWORD,
      roles: ['learner'],
    });
    const done = await learnerStatement(national, tenant.id, moved.id);
    expect(await displayName(hub, tenant.id, moved.id)).toBeUndefined();
    await signedIn(hub, 'nation', 'moved');
    expect(await statementCount(hub, tenant.id, done)).toBe(1);
    expect(learnerId).toBeTruthy();
  });
});
