import type { SyncRecord } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import type { TestServer } from '../test-support/server.js';
import { learnerStatement, register, startTree } from './sync.test-support.js';

// A record fetched ahead of the in-order pull (a learner signing in: `fetchLearner`; a Cinema
// plan packed for the field: `applyBatch` of one upstream record) must not raise the hub's
// vector for its instance past what the hub received in order: a hub of that hub stored the
// vector it pulled with and never asked again for the records in between.

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function statementIds(server: TestServer, tenantId: string): Promise<string[]> {
  const rows = await server.db.db
    .selectFrom('statements')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Hub A pulls from national, then hub C from hub A. */
async function catchUp(hubA: TestServer, hubC: TestServer): Promise<void> {
  expect((await hubA.services.sync.client.syncAll())[0]!.error).toBeNull();
  expect((await hubC.services.sync.client.syncAll())[0]!.error).toBeNull();
}

describe.each(await engines())('a record fetched ahead (national on %s)', (engine) => {
  it('does not let a hub of the hub skip the records before it', { timeout: 120_000 }, async () => {
    const tree = await startTree(engine, 2);
    cleanup.push(() => tree.close());
    const { national, tenant, adminId, learnerId } = tree;
    const [hubA, hubC] = tree.hubs as [TestServer, TestServer];
    await register(hubA, national, 'hub A');
    expect((await hubA.services.sync.client.syncAll())[0]!.error).toBeNull();
    await register(hubC, hubA, 'hub C');
    expect((await hubC.services.sync.client.syncAll())[0]!.error).toBeNull();

    // On national: three records hub A has not pulled, then one of the learner's.
    for (let i = 0; i < 3; i += 1) await learnerStatement(national, tenant.id, adminId);
    await learnerStatement(national, tenant.id, learnerId);
    await national.services.sync.service.tracker.stampPending();

    // The learner signs in on hub A: their statement comes ahead of the pull.
    expect(await hubA.services.sync.client.fetchLearner(tenant.id, { userId: learnerId })).toBe(true);
    expect((await statementIds(hubA, tenant.id)).length).toBe(1);
    expect((await hubC.services.sync.client.syncAll())[0]!.error).toBeNull();

    await catchUp(hubA, hubC);
    const expected = await statementIds(national, tenant.id);
    expect(expected.length).toBe(4);
    expect(await statementIds(hubA, tenant.id)).toEqual(expected);
    expect(await statementIds(hubC, tenant.id)).toEqual(expected);
  });

  it(
    'applied alone (a Cinema plan packed) is left out of the vector until the pull reaches it',
    {
      timeout: 120_000,
    },
    async () => {
      const tree = await startTree(engine, 2);
      cleanup.push(() => tree.close());
      const { national, tenant, adminId, learnerId } = tree;
      const [hubA, hubC] = tree.hubs as [TestServer, TestServer];
      const nationalInstance = await national.services.sync.service.instanceId();
      await register(hubA, national, 'hub A');
      expect((await hubA.services.sync.client.syncAll())[0]!.error).toBeNull();
      await register(hubC, hubA, 'hub C');
      expect((await hubC.services.sync.client.syncAll())[0]!.error).toBeNull();
      const before = (await hubA.services.sync.service.vector(tenant.id))[nationalInstance];

      for (let i = 0; i < 3; i += 1) await learnerStatement(national, tenant.id, adminId);
      const last = await learnerStatement(national, tenant.id, learnerId);
      const records: SyncRecord[] = [];
      for await (const page of national.services.sync.service.exportChanges(tenant.id, {}))
        records.push(...page.records.filter((r) => r.id === last));
      expect(records.length).toBe(1);
      await hubA.services.sync.service.applyBatch(tenant.id, records);
      expect((await statementIds(hubA, tenant.id)).length).toBe(1);
      expect((await hubA.services.sync.service.vector(tenant.id))[nationalInstance]).toBe(before);
      expect((await hubC.services.sync.client.syncAll())[0]!.error).toBeNull();

      await catchUp(hubA, hubC);
      const expected = await statementIds(national, tenant.id);
      expect(expected.length).toBe(4);
      expect(await statementIds(hubC, tenant.id)).toEqual(expected);
      expect(await hubC.services.sync.service.vector(tenant.id)).toEqual(
        await national.services.sync.service.vector(tenant.id),
      );
    },
  );
});
