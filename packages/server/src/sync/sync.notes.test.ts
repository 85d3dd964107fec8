import type { SyncRefusal } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { addMember, signedIn } from '../test-support/identity.js';
import type { TestServer } from '../test-support/server.js';
import { register, startTree, type Tree } from './sync.test-support.js';

// A record applied with an adjustment (a username taken on two replicas, one account renamed) is a
// note for the admin, listed apart from the records refused.

let tree: Tree | null = null;
afterEach(async () => {
  await tree?.close();
  tree = null;
});

interface Listed {
  refused: SyncRefusal[];
  notes?: SyncRefusal[];
}

async function linkStatus(server: TestServer): Promise<Listed> {
  const admin = await signedIn(server, 'nation', 'boss');
  const res = await admin.get('/api/t/nation/sync/status');
  expect(res.status).toBe(200);
  return (res.body as { links: Listed[] }).links[0]!;
}

async function hubSummary(server: TestServer, name: string): Promise<Listed> {
  const admin = await signedIn(server, 'nation', 'boss');
  const res = await admin.get('/api/t/nation/sync/hubs');
  expect(res.status).toBe(200);
  return (res.body as { items: (Listed & { name: string })[] }).items.find((h) => h.name === name)!;
}

describe.each(await engines())('notes about applied records (national on %s)', (engine) => {
  it('a username taken on two replicas is a note on both status pages, not a refusal', async () => {
    tree = await startTree(engine, 1);
    const { national, tenant } = tree;
    const hub = tree.hubs[0]!;
    await register(hub, national, 'school hub');
    expect((await hub.services.sync.client.syncAll())[0]?.error).toBeNull();
    // The hub's "zara" is older (a smaller UUIDv7): she keeps the name; the national one is renamed.
    const own = await addMember(hub, tenant, 'zara', ['learner']);
    await addMember(national, tenant, 'zara', ['learner']);

    const [run] = await hub.services.sync.client.syncAll();
    expect(run?.error).toBeNull();
    expect(run?.refused).toBe(0);

    const note = expect.objectContaining({ kind: 'user', id: own, code: 'kept_apart' });
    const onNational = await hubSummary(national, 'school hub');
    expect(onNational.refused).toEqual([]);
    expect(onNational.notes).toEqual([note]);
    const onHub = await linkStatus(hub);
    expect(onHub.refused).toEqual([]);
    expect(onHub.notes).toEqual([note]);
  });
});
