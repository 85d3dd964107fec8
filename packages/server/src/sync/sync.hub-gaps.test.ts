import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { formatHlc, PROTOCOL_VERSION, uuidv7, type SyncDrift, type SyncRefusal } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../platform/clock.js';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
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

// Issue 5: USB bundles advance the online sync vectors; class-scoped hubs are refused what
// they may not write; statements arriving by sync reach forwarding at once; clock drift is
// kept for the status page.

let tree: Tree | null = null;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  await tree?.close();
  tree = null;
  for (const close of closing.splice(0)) await close();
});

/** A sync client whose fetch counts the records that cross the wire each way. */
function countingClient(hub: TestServer): { client: SyncClient; wire: { pulled: number; pushed: number } } {
  const wire = { pulled: 0, pushed: 0 };
  const counting: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/sync/push') && init?.body instanceof Uint8Array) {
      // Brotli to an upstream of protocol 2 on (sync.statements.ts), gzip to older ones.
      const encoding = (init.headers as Record<string, string>)['content-encoding'];
      const raw = encoding === 'br' ? brotliDecompressSync(init.body) : gunzipSync(init.body);
      const body = JSON.parse(raw.toString('utf8')) as { records: unknown[] };
      wire.pushed += body.records.length;
    }
    const res = await fetch(input, init);
    if (url.endsWith('/sync/pull') && res.ok)
      wire.pulled += ((await res.clone().json()) as { records: unknown[] }).records.length;
    return res;
  };
  return { client: new SyncClient(hub.services.sync.service, hub.services.ctx.clock, counting), wire };
}

async function hubStatus(server: TestServer) {
  const admin = await signedIn(server, 'nation', 'boss');
  const res = await admin.get('/api/t/nation/sync/status');
  expect(res.status).toBe(200);
  return (res.body as { links: { refused: SyncRefusal[]; lastDrift: SyncDrift | null }[] }).links[0]!;
}

async function hubList(server: TestServer) {
  const admin = await signedIn(server, 'nation', 'boss');
  const res = await admin.get('/api/t/nation/sync/hubs');
  expect(res.status).toBe(200);
  return (res.body as { items: { name: string; refused: SyncRefusal[]; lastDrift: SyncDrift | null }[] })
    .items;
}

async function queued(server: TestServer, tenantId: string, statementId?: string): Promise<number> {
  let q = server.db.db
    .selectFrom('forwarding_queue')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId);
  if (statementId) q = q.where('statement_id', '=', statementId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe.each(await engines())('hub sync gaps (issue 5), national on %s', { timeout: 240_000 }, (engine) => {
  it('a bundle each way advances the sync vectors: the next network sync sends nothing already carried', async () => {
    tree = await startTree(engine, 1);
    const { national, tenant, learnerId } = tree;
    const hub = tree.hubs[0]!;
    await register(hub, national, 'Cut-off school');
    expect((await hub.services.sync.client.syncAll())[0]?.error).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'satchel-sync-bundle-'));
    closing.push(async () => rmSync(dir, { recursive: true, force: true }));
    const hubInstance = await hub.services.sync.service.instanceId();

    // The network goes down. National → hub by USB: new statements and a rename.
    for (let i = 0; i < 3; i += 1) await learnerStatement(national, tenant.id, learnerId);
    await renameUser(national, learnerId, 'Amina (national)');
    const down = await national.services.bundles.exportBundle({
      tenant,
      path: join(dir, 'down.satchel'),
      content: false,
      records: true,
      forPeer: hubInstance,
    });
    expect(down.records).toBeGreaterThanOrEqual(4);
    await hub.services.bundles.importBundle({
      path: down.path,
      trustKey: await national.services.bundles.publicKey(),
    });
    expect(await displayName(hub, tenant.id, learnerId)).toBe('Amina (national)');
    const link = (await hub.services.sync.service.repo.link(tenant.id))!;
    const nationalVector = await national.services.sync.service.vector(tenant.id);
    expect(JSON.parse(link.pulled)).toMatchObject(nationalVector);
    expect(JSON.parse(link.pushed)).toMatchObject(nationalVector);

    // Hub → national by USB: the hub's own new statements.
    const made = [
      await learnerStatement(hub, tenant.id, learnerId),
      await learnerStatement(hub, tenant.id, learnerId),
    ];
    const up = await hub.services.bundles.exportBundle({
      tenant,
      path: join(dir, 'up.satchel'),
      content: false,
      records: true,
      forPeer: 'upstream',
    });
    expect(up.records).toBe(2);
    await national.services.bundles.trustPeer(
      tenant.id,
      'Cut-off school',
      await hub.services.bundles.publicKey(),
    );
    await national.services.bundles.importBundle({ path: up.path });
    for (const id of made) expect(await statementCount(national, tenant.id, id)).toBe(1);
    // The upstream now counts the hub's bundle in what the hub holds (its backlog).
    const hubRow = (await national.services.sync.service.repo.hubByInstance(tenant.id, hubInstance))!;
    expect(JSON.parse(hubRow.last_vector!)).toMatchObject({ [hubInstance]: expect.any(Number) });

    // The network is back: nothing either bundle carried travels again.
    const { client, wire } = countingClient(hub);
    const [back] = await client.syncAll();
    expect(back?.error).toBeNull();
    expect(wire).toEqual({ pulled: 0, pushed: 0 });

    // Something new still travels, alone.
    await learnerStatement(hub, tenant.id, learnerId);
    await learnerStatement(national, tenant.id, learnerId);
    const [next] = await client.syncAll();
    expect(next?.error).toBeNull();
    expect(wire).toEqual({ pulled: 1, pushed: 1 });
    expect(await statementCount(national, tenant.id)).toBe(await statementCount(hub, tenant.id));

    // And the other way: a bundle for the upstream leaves out what the network already carried.
    const after = await hub.services.bundles.exportBundle({
      tenant,
      path: join(dir, 'after.satchel'),
      content: false,
      records: true,
      forPeer: 'upstream',
    });
    expect(after.records).toBe(0);
  });

  it('refuses what a class-scoped hub may not write, reports it on both sides, and applies the rest', async () => {
    tree = await startTree(engine, 1);
    const { national, tenant } = tree;
    const hub = tree.hubs[0]!;
    const green = await national.services.classes.create(tenant.id, { name: 'P6 green' });
    const blue = await national.services.classes.create(tenant.id, { name: 'P6 blue' });
    const kwame = await addMember(national, tenant, 'kwame', ['learner']);
    const ama = await addMember(national, tenant, 'ama', ['learner']);
    for (const id of [kwame, ama])
      await national.services.classes.addMember(tenant.id, green.id, id, 'learner');
    await register(hub, national, 'P6 laptop', [green.id]);
    expect((await hub.services.sync.client.syncAll())[0]?.error).toBeNull();

    // Ama moves to another class nationally while the laptop still holds her, and the
    // laptop records work for both learners and renames both.
    await national.services.classes.removeMember(tenant.id, green.id, ama);
    await national.services.classes.addMember(tenant.id, blue.id, ama, 'learner');
    await renameUser(hub, kwame, 'Kwame (laptop)');
    await renameUser(hub, ama, 'Ama (laptop)');
    const kwameWork = await learnerStatement(hub, tenant.id, kwame);
    const amaWork = await learnerStatement(hub, tenant.id, ama);
    // A new learner made on the laptop and placed in its class: the user row comes before the place.
    const newcomer = await addMember(hub, tenant, 'newcomer', ['learner']);
    await hub.services.classes.addMember(tenant.id, green.id, newcomer, 'learner');
    const newcomerWork = await learnerStatement(hub, tenant.id, newcomer);

    const [run] = await hub.services.sync.client.syncAll();
    expect(run?.error).toBeNull();
    expect(run?.refused).toBe(2);
    expect(await displayName(national, tenant.id, kwame)).toBe('Kwame (laptop)');
    expect(await statementCount(national, tenant.id, kwameWork)).toBe(1);
    expect(await displayName(national, tenant.id, newcomer)).toBe('Name of newcomer');
    expect(await statementCount(national, tenant.id, newcomerWork)).toBe(1);
    expect(await displayName(national, tenant.id, ama)).toBe('Name of ama');
    expect(await statementCount(national, tenant.id, amaWork)).toBe(0);

    const expected = [
      expect.objectContaining({ kind: 'user', id: ama, code: 'out_of_scope' }),
      expect.objectContaining({ kind: 'statement', id: amaWork, code: 'out_of_scope' }),
    ];
    const onHub = await hubStatus(hub);
    expect(onHub.refused).toEqual(expect.arrayContaining(expected));
    expect(onHub.refused).toHaveLength(2);
    const onNational = (await hubList(national)).find((h) => h.name === 'P6 laptop')!;
    expect(onNational.refused).toEqual(expect.arrayContaining(expected));

    // Classes and places: its own class may be edited; another class, or a place in it, may not.
    const node = await hub.services.sync.service.instanceId();
    // Low counters: a crafted stamp must not raise what the upstream believes the hub holds.
    const reg = (v: string | null) => ({
      w: { v, h: formatHlc({ ms: Date.now(), counter: 0, node }) },
      c: {},
    });
    const hubRow = (await national.services.sync.service.repo.hubByInstance(tenant.id, node))!;
    const crafted = await national.services.sync.service.applyFromHub(tenant.id, hubRow, [
      { kind: 'class', id: green.id, i: node, n: 1, fields: { name: reg('P6 green (laptop)') } },
      { kind: 'class', id: blue.id, i: node, n: 2, fields: { name: reg('Taken over') } },
      {
        kind: 'class_member',
        id: uuidv7(),
        i: node,
        n: 3,
        fields: {
          class_id: reg(blue.id),
          user_id: reg(kwame),
          role: reg('learner'),
          created_at: reg(new Date().toISOString()),
          deleted_at: reg(null),
        },
      },
    ]);
    expect(crafted.refused.map((r) => [r.kind, r.code])).toEqual([
      ['class', 'out_of_scope'],
      ['class_member', 'out_of_scope'],
    ]);
    const names = await national.db.db.selectFrom('classes').select(['id', 'name']).execute();
    expect(names.find((c) => c.id === green.id)?.name).toBe('P6 green (laptop)');
    expect(names.find((c) => c.id === blue.id)?.name).toBe('P6 blue');

    // The newcomer is the laptop's own: a later edit of theirs is accepted (no class needed).
    await hub.services.classes.removeMember(tenant.id, green.id, newcomer);
    await renameUser(hub, newcomer, 'Newcomer (renamed)');
    const [later] = await hub.services.sync.client.syncAll();
    expect(later?.error).toBeNull();
    expect(later?.refused).toBe(0);
    expect(await displayName(national, tenant.id, newcomer)).toBe('Newcomer (renamed)');
    // A run that refused nothing replaces the list on the hub's status page.
    expect((await hubStatus(hub)).refused).toEqual([]);
  });

  it('queues statements arriving by sync or bundle for forwarding at once, each once', async () => {
    tree = await startTree(engine, 1);
    const { national, tenant, learnerId } = tree;
    const hub = tree.hubs[0]!;
    await national.services.forwarding.create(tenant.id, {
      name: 'Ministry LRS',
      endpoint: 'https://lrs.example.org/xapi/',
      auth: { kind: 'bearer', token: 'secret-token' },
      filter: { verbs: [], activityPrefix: null },
      includeExisting: false,
    });
    await register(hub, national, 'School A');
    expect((await hub.services.sync.client.syncAll())[0]?.error).toBeNull();

    const first = await learnerStatement(hub, tenant.id, learnerId);
    expect((await hub.services.sync.client.syncAll())[0]?.error).toBeNull();
    // Queued by the push itself, not by a sweep (the forwarder is not running here).
    expect(await queued(national, tenant.id, first)).toBe(1);

    // Delivered (the forwarder removes it from the queue), then the same statement arrives
    // again in a hub's push: stored once already, so it is not queued a second time.
    await national.db.db.deleteFrom('forwarding_queue').where('statement_id', '=', first).execute();
    const link = (await hub.services.sync.service.repo.links())[0]!;
    const records = [];
    for await (const page of hub.services.sync.service.exportChanges(tenant.id, {}))
      records.push(...page.records);
    const hubRow = (await national.services.sync.service.repo.hub(tenant.id, link.hub_id))!;
    await national.services.sync.service.push(tenant, hubRow, {
      protocol: PROTOCOL_VERSION,
      instance: await hub.services.sync.service.instanceId(),
      records,
    });
    expect(await queued(national, tenant.id, first)).toBe(0);

    // By USB: queued on import.
    const dir = mkdtempSync(join(tmpdir(), 'satchel-sync-fwd-'));
    closing.push(async () => rmSync(dir, { recursive: true, force: true }));
    const carried = await learnerStatement(hub, tenant.id, learnerId);
    const up = await hub.services.bundles.exportBundle({
      tenant,
      path: join(dir, 'up.satchel'),
      content: false,
      records: true,
      forPeer: 'upstream',
    });
    await national.services.bundles.trustPeer(tenant.id, 'School A', await hub.services.bundles.publicKey());
    await national.services.bundles.importBundle({ path: up.path });
    expect(await queued(national, tenant.id, carried)).toBe(1);
    expect(await queued(national, tenant.id)).toBe(1);
  });

  it('keeps the last clock drift per hub (upstream side) and per link (hub side) for the status page', async () => {
    const hours = (h: number): Clock => ({ now: () => new Date(Date.now() + h * 3_600_000) });
    const national = await startTestServer({ engine });
    const ahead = await startTestServer({ engine: 'sqlite', clock: hours(2) });
    const behind = await startTestServer({ engine: 'sqlite', clock: hours(-2) });
    closing.push(async () => {
      for (const s of [ahead, behind, national]) await s.close();
    });
    const tenant = await platform(national, 'nation');
    await addMember(national, tenant, 'boss', ['admin']);
    const learner = await addMember(national, tenant, 'amina', ['learner']);
    await register(ahead, national, 'Fast clock');
    await register(behind, national, 'Slow clock');
    for (const hub of [ahead, behind])
      expect((await hub.services.sync.client.syncAll())[0]?.error).toBeNull();

    // The national server's records look two hours early to the slow hub.
    const slow = await hubStatus(behind);
    expect(slow.lastDrift?.aheadSeconds).toBeGreaterThan(slow.lastDrift?.limitSeconds ?? Infinity);
    expect(slow.lastDrift?.at).toEqual(expect.any(String));
    expect((await hubStatus(ahead)).lastDrift).toBeNull();

    // The fast hub's edit arrives two hours early on the national server.
    await renameUser(ahead, learner, 'Amina (fast)');
    expect((await ahead.services.sync.client.syncAll())[0]?.error).toBeNull();
    const hubs = await hubList(national);
    const fast = hubs.find((h) => h.name === 'Fast clock')!;
    expect(fast.lastDrift?.aheadSeconds).toBeGreaterThan(fast.lastDrift?.limitSeconds ?? Infinity);
    expect(hubs.find((h) => h.name === 'Slow clock')!.lastDrift).toBeNull();
  });
});
