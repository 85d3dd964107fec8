import type { RecordFields, SyncRecord } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../app/services.js';
import { readConfig } from '../config.js';
import { systemClock } from '../platform/clock.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { addMember, platform, type Platform } from '../test-support/identity.js';

interface Node {
  db: TestDb;
  services: Services;
}

const open: TestDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.cleanup();
});

async function node(engine: 'sqlite' | 'postgres'): Promise<Node> {
  const db = await openTestDb(engine);
  open.push(db);
  const config = readConfig({ LOG_LEVEL: 'silent', SATCHEL_DATA: '/tmp/satchel-sync-feed-test' });
  return { db, services: createServices({ handle: db, config, clock: systemClock }) };
}

async function exportAll(from: Node, tenantId: string, since: Record<string, number>, classIds?: string[]) {
  const pages: { records: SyncRecord[]; vector: Record<string, number> }[] = [];
  const scope = classIds ? { classIds } : {};
  for await (const page of from.services.sync.service.exportChanges(tenantId, since, scope, 2))
    pages.push(page);
  return pages;
}

async function copyTenant(from: Node, to: Node, tenant: Platform): Promise<void> {
  const row = await from.services.sync.service.repo.tenantRow(tenant.id);
  expect(await to.services.sync.service.repo.adoptTenant(row as unknown as Record<string, unknown>)).toBe(
    true,
  );
}

async function names(n: Node, tenantId: string): Promise<string[]> {
  const rows = await n.db.db
    .selectFrom('users')
    .select('username')
    .where('tenant_id', '=', tenantId)
    .orderBy('username')
    .execute();
  return rows.map((r) => r.username);
}

describe.each(await engines())(
  'change feed and apply (the bundle API) on %s',
  { timeout: 120_000 },
  (engine) => {
    it('exports what a peer lacks in bounded pages, and applying twice changes nothing', async () => {
      const a = await node(engine);
      const b = await node(engine === 'postgres' ? 'sqlite' : 'postgres').catch(() => node('sqlite'));
      const tenant = await platform(a, 'bundle');
      const learner = await addMember(a, tenant, 'kofi', ['learner']);
      await addMember(a, tenant, 'ama', ['learner', 'educator']);
      const cls = await a.services.classes.create(tenant.id, { name: 'P5 blue' });
      await a.services.classes.addMember(tenant.id, cls.id, learner, 'learner');
      await copyTenant(a, b, tenant);

      const pages = await exportAll(a, tenant.id, {});
      expect(pages.length).toBeGreaterThan(2);
      for (const p of pages) expect(p.records.length).toBeLessThanOrEqual(2);
      for (const p of pages) await b.services.sync.service.applyBatch(tenant.id, p.records);
      expect(await names(b, tenant.id)).toEqual(['ama', 'kofi']);
      const versions = async () =>
        await b.db.db
          .selectFrom('users')
          .select(['id', 'version'])
          .where('tenant_id', '=', tenant.id)
          .orderBy('id')
          .execute();
      const before = await versions();
      for (const p of pages) await b.services.sync.service.applyBatch(tenant.id, p.records);
      expect(await versions()).toEqual(before);

      // Only the changed record is exported next time, carrying only the changed field as new.
      const vector = pages.at(-1)!.vector;
      const kofiBefore = (await exportAll(a, tenant.id, {}))
        .flatMap((p) => p.records)
        .find((r) => r.kind === 'user' && r.id === learner)!;
      await a.services.users.update(tenant.id, learner, { displayName: 'Kofi A.' });
      const delta = (await exportAll(a, tenant.id, vector)).flatMap((p) => p.records);
      expect(delta.map((r) => [r.kind, r.id])).toEqual([['user', learner]]);
      const f = delta[0]!.fields as RecordFields;
      const old = kofiBefore.fields as RecordFields;
      expect(f.display_name!.w.h > old.display_name!.w.h).toBe(true);
      expect(f.email).toEqual(old.email);
      await b.services.sync.service.applyBatch(tenant.id, delta);
      const row = await b.db.db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', learner)
        .executeTakeFirstOrThrow();
      expect(row.display_name).toBe('Kofi A.');
      // A's vector now equals what B integrated plus nothing else lacking.
      expect(await exportAll(a, tenant.id, await b.services.sync.service.vector(tenant.id))).toEqual([
        { records: [], cursor: null, vector: await a.services.sync.service.vector(tenant.id) },
      ]);
    });

    it('limits a class-scoped feed to the class and its members, and keeps platforms apart', async () => {
      const a = await node(engine);
      const tenant = await platform(a, 'scoped');
      const other = await platform(a, 'elsewhere');
      await addMember(a, other, 'stranger', ['learner']);
      const inside = await addMember(a, tenant, 'inside', ['learner']);
      await addMember(a, tenant, 'outside', ['learner']);
      const cls = await a.services.classes.create(tenant.id, { name: 'Class X' });
      await a.services.classes.addMember(tenant.id, cls.id, inside, 'learner');
      const records = (await exportAll(a, tenant.id, {}, [cls.id])).flatMap((p) => p.records);
      const users = records.filter((r) => r.kind === 'user').map((r) => r.id);
      expect(users).toEqual([inside]);
      expect(records.some((r) => r.kind === 'class' && r.id === cls.id)).toBe(true);
      const all = (await exportAll(a, tenant.id, {})).flatMap((p) => p.records);
      const usernames = all
        .filter((r) => r.kind === 'user')
        .map((r) => (r.fields as RecordFields).username!.w.v);
      expect(usernames.map(String).sort((x, y) => x.localeCompare(y))).toEqual(['inside', 'outside']);
    });
  },
);
