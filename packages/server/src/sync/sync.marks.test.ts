import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../app/services.js';
import { readConfig } from '../config.js';
import type { Db } from '../db/database.js';
import type { StatementInsert } from '../lrs/lrs.repo.js';
import { LrsRepo } from '../lrs/lrs.repo.js';
import { systemClock } from '../platform/clock.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { platform } from '../test-support/identity.js';

const open: TestDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.cleanup();
});

interface Node {
  db: TestDb;
  services: Services;
  tenantId: string;
}

async function node(engine: 'sqlite' | 'postgres'): Promise<Node> {
  const db = await openTestDb(engine);
  open.push(db);
  const config = readConfig({ LOG_LEVEL: 'silent', SATCHEL_DATA: '/tmp/satchel-sync-marks-test' });
  const services = createServices({ handle: db, config, clock: systemClock });
  const tenant = await platform({ services }, 'nation');
  return { db, services, tenantId: tenant.id };
}

let serial = 0;
/** Statement rows as the LRS stores them; `stored` as given (a writer's clock can be far behind). */
function statements(tenantId: string, count: number, stored = new Date().toISOString()): StatementInsert[] {
  return Array.from({ length: count }, () => {
    serial += 1;
    const id = `01930000-0000-7000-8000-${String(serial).padStart(12, '0')}`;
    return {
      tenant_id: tenantId,
      id,
      actor_key: 'mbox:mailto:a@example.org',
      user_id: null,
      verb_id: 'http://adlnet.gov/expapi/verbs/experienced',
      object_id: `https://satchel.example/activity/${id}`,
      registration: null,
      timestamp: stored,
      stored,
      voided: 0,
      voided_target: null,
      course_id: null,
      result: null,
      authority_kind: 'credential',
      related_activities: null,
      related_agents: null,
      statement: JSON.stringify({ id }),
    };
  });
}

async function stamped(db: Db, tenantId: string, ids: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('sync_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'statement')
    .where('record_id', 'in', [...ids])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * PostgreSQL: the rows a scan from the saved mark reads again (those of transactions that were still
 * running when the last scan began — other test files' transactions can hold the mark back).
 */
async function fromMark(n: Node): Promise<number> {
  if (n.db.engine === 'sqlite') return 0;
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from statements
    where sync_tx >= (select mark from sync_scan_marks where name = 'statements')`.execute(n.db.db);
  return Number(rows[0]!.n);
}

describe.each(await engines())('statement stamping from a saved mark on %s', (engine) => {
  it('a scan with nothing new reads none of the statements already stamped', async () => {
    const n = await node(engine);
    const tracker = n.services.sync.service.tracker;
    const repo = new LrsRepo(n.db.db);
    const first = statements(n.tenantId, 1200);
    await repo.insertNew(first);
    await tracker.stampPending();
    expect(
      await stamped(
        n.db.db,
        n.tenantId,
        first.map((s) => s.id),
      ),
    ).toBe(1200);

    const before = tracker.rowsRead.statement;
    const again = await fromMark(n);
    await tracker.stampPending();
    expect(tracker.rowsRead.statement - before).toBe(again);

    const later = statements(n.tenantId, 3);
    await repo.insertNew(later);
    const seen = tracker.rowsRead.statement;
    const overlap = await fromMark(n);
    await tracker.stampPending();
    expect(
      await stamped(
        n.db.db,
        n.tenantId,
        later.map((s) => s.id),
      ),
    ).toBe(3);
    expect(tracker.rowsRead.statement - seen).toBe(overlap + (engine === 'sqlite' ? 3 : 0));
  });

  it('stamps a statement whose stored time is long before the scan (a writer with a slow clock)', async () => {
    const n = await node(engine);
    const tracker = n.services.sync.service.tracker;
    const repo = new LrsRepo(n.db.db);
    await repo.insertNew(statements(n.tenantId, 2));
    await tracker.stampPending();
    const old = statements(n.tenantId, 1, '2020-01-01T00:00:00.000Z');
    await repo.insertNew(old);
    await tracker.stampPending();
    expect(await stamped(n.db.db, n.tenantId, [old[0]!.id])).toBe(1);
  });

  it('never reads again the statements sync batches stored with their stamps', async () => {
    const n = await node(engine);
    const { service } = n.services.sync;
    await service.tracker.stampPending();
    let counter = 0;
    const batch = async (count: number): Promise<void> => {
      const records = statements(n.tenantId, count).map(({ tenant_id: _tenant, ...body }) => ({
        kind: 'statement' as const,
        id: body.id,
        i: '01930000-0000-7000-8000-00000000beef',
        n: (counter += 1),
        body,
      }));
      expect((await service.applyBatch(n.tenantId, records)).applied).toBe(count);
    };
    // Two batches with a local statement between them and one after: the scan reads the gaps only.
    await batch(700);
    const between = statements(n.tenantId, 1);
    await new LrsRepo(n.db.db).insertNew(between);
    await batch(50);
    const local = statements(n.tenantId, 2);
    await new LrsRepo(n.db.db).insertNew(local);
    const before = service.tracker.rowsRead.statement;
    const overlap = await fromMark(n);
    await service.tracker.stampPending();
    expect(
      await stamped(
        n.db.db,
        n.tenantId,
        [...between, ...local].map((s) => s.id),
      ),
    ).toBe(3);
    // SQLite: exactly the three local rows. PostgreSQL: those and what the mark holds back, never the batches.
    const read = service.tracker.rowsRead.statement - before;
    if (engine === 'sqlite') expect(read).toBe(3);
    else expect(read).toBeLessThanOrEqual(overlap - 750);
    // And the next scan, with nothing new, reads nothing more (SQLite) or only what is held back.
    const still = service.tracker.rowsRead.statement;
    const heldBack = await fromMark(n);
    await service.tracker.stampPending();
    expect(service.tracker.rowsRead.statement - still).toBeLessThanOrEqual(
      engine === 'sqlite' ? 0 : heldBack,
    );
  });
});

// Only PostgreSQL has writers whose commits overtake each other (SQLite has one writer at a time).
describe.each((await engines()).filter((engine) => engine === 'postgres'))(
  'statement stamping from a saved mark with concurrent writers on %s',
  (engine) => {
    it('stamps a statement committed after a later one was already scanned', async () => {
      const n = await node(engine);
      const tracker = n.services.sync.service.tracker;
      const repo = new LrsRepo(n.db.db);
      await tracker.stampPending();
      const [slow] = statements(n.tenantId, 1);
      const [quick] = statements(n.tenantId, 1);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let ready!: () => void;
      const written = new Promise<void>((resolve) => (ready = resolve));
      // The slow writer takes its transaction id first, then commits last.
      const slowWriter = n.db.db.transaction().execute(async (tx) => {
        await new LrsRepo(tx as unknown as Db).insertNew([slow!]);
        ready();
        await held;
      });
      await written;
      await repo.insertNew([quick!]);
      await tracker.stampPending();
      expect(await stamped(n.db.db, n.tenantId, [quick!.id])).toBe(1);
      expect(await stamped(n.db.db, n.tenantId, [slow!.id])).toBe(0);
      release();
      await slowWriter;
      await tracker.stampPending();
      expect(await stamped(n.db.db, n.tenantId, [slow!.id])).toBe(1);
    });
  },
);
