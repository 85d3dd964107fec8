import { SYNC_KINDS, type SyncRecord } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../app/services.js';
import { readConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { addClass, addClassMember } from '../test-support/courses-fixtures.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { platform } from '../test-support/identity.js';
import type { ApplyOutcome } from './sync.apply.js';
import { applyFields } from './sync.apply-fields.js';
import { fieldSpec } from './sync.kinds.js';
import { withSession } from './sync.session.js';

// Applying learners, roles and class places in bulk (sync.apply-bulk.ts) must leave exactly what
// applying them one record at a time (applyFields) leaves: rows, stamps, counters, clocks, the
// conflict log, staging, and the same outcome.

const open: TestDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.cleanup();
});

const config = readConfig({ LOG_LEVEL: 'silent', SATCHEL_DATA: '/tmp/satchel-sync-bulk-test' });
const fixed: Clock = { now: () => new Date('2026-11-29T01:00:00.000Z') };
const INSTANCE = '01930000-0000-7000-8000-0000000000ff';

async function server(
  engine: 'sqlite' | 'postgres',
  clock: Clock = systemClock,
): Promise<{ db: TestDb; services: Services }> {
  const db = await openTestDb(engine);
  open.push(db);
  return { db, services: createServices({ handle: db, config, clock }) };
}

async function exportAll(services: Services, tenantId: string): Promise<SyncRecord[]> {
  await services.sync.service.tracker.stampPending({ full: true });
  const records: SyncRecord[] = [];
  for await (const page of services.sync.service.exportChanges(tenantId, {})) records.push(...page.records);
  return records;
}

/** A target database: the platform adopted, a fixed instance id and clock (so both targets stamp alike). */
async function target(engine: 'sqlite' | 'postgres', tenantRow: Record<string, unknown>) {
  const t = await server(engine, fixed);
  await t.db.db
    .insertInto('sync_instance')
    .values({ id: 'self', instance_id: INSTANCE, counter: 0, hlc: null })
    .execute();
  await t.services.sync.service.repo.adoptTenant(tenantRow);
  return t;
}

const empty = (): ApplyOutcome => ({
  applied: 0,
  conflicts: 0,
  staged: 0,
  refused: [],
  notes: [],
  newClassMembers: [],
  drift: [],
  storedStatements: [],
});

/** The former way: one record at a time, in kind order, in one transaction. */
async function oneByOne(db: Db, tenantId: string, records: readonly SyncRecord[]): Promise<ApplyOutcome> {
  const outcome = empty();
  const rank = (k: string): number => SYNC_KINDS.indexOf(k as (typeof SYNC_KINDS)[number]);
  const sorted = [...records].sort((a, b) => rank(a.kind) - rank(b.kind));
  const now = fixed.now().toISOString();
  await withSession(
    db,
    () => fixed.now().getTime(),
    async (tx, session) => {
      for (const r of sorted)
        await applyFields(tx, session, tenantId, fieldSpec(r.kind)!, r, { fromHub: true }, outcome, now);
    },
  );
  return outcome;
}

async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'users',
    'memberships',
    'classes',
    'class_members',
    'sync_records',
    'sync_conflicts',
    'sync_staging',
    'sync_instance',
  ] as const)
    out[table] = await db
      .selectFrom(table)
      .selectAll()
      .orderBy(table === 'sync_instance' ? 'id' : 'tenant_id')
      .execute();
  for (const rows of Object.values(out))
    rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return out;
}

describe.each(await engines())('learners and class places applied in bulk (%s)', (engine) => {
  it('leave what applying them one at a time leaves', async () => {
    // The sender: learners (one an admin, whose grant a hub may not make), a class and its places.
    const source = await server(engine);
    const tenant = await platform(source, 'nation');
    const users = source.services.users;
    const make = async (username: string, roles: ('learner' | 'admin')[]) =>
      (await users.create(tenant.id, { username, displayName: username, roles })).id;
    const bilal = await make('bilal', ['learner']);
    const tenantRow = (await source.services.sync.service.repo.tenantRow(tenant.id)) as unknown as Record<
      string,
      unknown
    >;
    const earlier = await exportAll(source.services, tenant.id);
    const amina = await make('amina', ['learner']);
    await make('boss', ['admin']);
    const chen = await make('chen', ['learner']);
    const dara = await make('dara', ['learner']);
    const classId = await addClass(source.db.db, tenant.id, 'Grade 4');
    for (const u of [amina, bilal, chen, dara])
      await addClassMember(source.db.db, tenant.id, classId, u, 'learner');
    await source.db.db
      .updateTable('users')
      .set((eb) => ({
        display_name: 'Bilal B.',
        version: eb('version', '+', 1),
        updated_at: new Date().toISOString(),
      }))
      .where('id', '=', bilal)
      .execute();
    const all = await exportAll(source.services, tenant.id);
    // Dara's user row is missing from the batch: their role and place wait for it (staged).
    const batch = all.filter((r) => !(r.kind === 'user' && r.id === dara));

    // Another replica made its own "amina" (a username taken on two replicas).
    const other = await server(engine);
    await other.services.sync.service.repo.adoptTenant(tenantRow);
    await other.services.users.create(tenant.id, {
      username: 'amina',
      displayName: 'Other Amina',
      roles: ['learner'],
    });
    const elsewhere = await exportAll(other.services, tenant.id);

    const outcomes: ApplyOutcome[] = [];
    const states: Record<string, unknown[]>[] = [];
    for (const bulk of [true, false]) {
      const t = await target(engine, tenantRow);
      await oneByOne(t.db.db, tenant.id, [...earlier, ...elsewhere]);
      outcomes.push(
        bulk
          ? await t.services.sync.service.applier.applyBatch(tenant.id, batch, { fromHub: true })
          : await oneByOne(t.db.db, tenant.id, batch),
      );
      states.push(await snapshot(t.db.db));
    }
    const [inBulk, single] = outcomes;
    expect(inBulk!.refused.map((r) => r.reason)).toEqual([expect.stringContaining('admin role')]);
    expect(inBulk!.notes.map((r) => r.code)).toEqual(['kept_apart']);
    expect(inBulk!.staged).toBeGreaterThan(0);
    expect({ ...inBulk!, drift: [] }).toEqual({ ...single!, drift: [] });
    expect(states[0]).toEqual(states[1]);
    // Five databases, migrated each: slow on a busy PostgreSQL.
  }, 180_000);
});
