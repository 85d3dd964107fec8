import SqliteDatabase from 'better-sqlite3';
import { PROTOCOL_VERSION, uuidv7, type SyncRecord } from '@satchel/core';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import { createServices, type Services } from '../app/services.js';
import { readConfig } from '../config.js';
import type { DbHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { systemClock } from '../platform/clock.js';
import { engines, openTestDb, TEST_PG_URL, type TestDb } from '../test-support/engines.js';
import { platform, type Platform } from '../test-support/identity.js';
import type { HubRow } from './sync.repo.js';

// Round trips to the database per push on the upstream, counted by Kysely's query log (which sees
// every query, BEGIN and COMMIT included) on a second connection to the test database.

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

interface Counted {
  services: Services;
  tenant: Platform;
  hub: HubRow;
  queries: string[];
}

async function national(engine: 'sqlite' | 'postgres'): Promise<Counted> {
  const base: TestDb = await openTestDb(engine);
  open.push(() => base.cleanup());
  const queries: string[] = [];
  const log = (event: LogEvent): void => {
    queries.push(event.query.sql);
  };
  const db =
    engine === 'sqlite'
      ? new Kysely<Database>({
          dialect: new SqliteDialect({ database: new SqliteDatabase(base.location) }),
          log,
        })
      : new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({
              connectionString: TEST_PG_URL,
              max: 3,
              options: `-c search_path="${base.location.slice(base.location.indexOf('#') + 1)}"`,
            }),
          }),
          log,
        });
  open.push(() => db.destroy());
  const handle: DbHandle = { db, engine, location: base.location, destroy: () => db.destroy() };
  const config = readConfig({ LOG_LEVEL: 'silent', SATCHEL_DATA: '/tmp/satchel-sync-trips-test' });
  const services = createServices({ handle, config, clock: systemClock });
  const tenant = await platform({ services }, 'nation');
  const hub: HubRow = {
    id: uuidv7(),
    tenant_id: tenant.id,
    name: 'school hub',
    instance_id: uuidv7(),
    class_ids: '[]',
    secret_hash: 'x',
    created_at: new Date().toISOString(),
    created_by: null,
    last_contact_at: null,
    last_vector: null,
    revoked_at: null,
    last_drift: null,
    last_refused: null,
  };
  await services.sync.service.repo.insertHub(hub);
  return { services, tenant, hub, queries };
}

function statementRecords(hub: HubRow, count: number, from: number): SyncRecord[] {
  return Array.from({ length: count }, (_, k) => {
    const id = uuidv7();
    const stored = new Date().toISOString();
    return {
      kind: 'statement',
      id,
      i: hub.instance_id,
      n: from + k,
      body: {
        id,
        actor_key: 'mbox:mailto:a@example.org',
        user_id: null,
        verb_id: 'http://adlnet.gov/expapi/verbs/experienced',
        object_id: `https://satchel.example/activity/${id}`,
        registration: null,
        timestamp: stored,
        stored,
        voided_target: null,
        statement: JSON.stringify({ id }),
        course_id: null,
        result: null,
        authority_kind: 'credential',
        related_activities: null,
        related_agents: null,
      },
    };
  });
}

describe.each(await engines())('a push on the upstream (%s)', (engine) => {
  it('applies statements and notes the hub in one transaction', async () => {
    const n = await national(engine);
    const { service } = n.services.sync;
    // A first push settles what is done once (the instance row, the first scan's mark).
    await service.push(n.tenant, n.hub, {
      protocol: PROTOCOL_VERSION,
      instance: n.hub.instance_id,
      records: statementRecords(n.hub, 5, 1),
    });
    n.queries.length = 0;
    const answer = await service.push(n.tenant, n.hub, {
      protocol: PROTOCOL_VERSION,
      instance: n.hub.instance_id,
      records: statementRecords(n.hub, 20, 6),
    });
    onTestFailed(() => {
      process.stderr.write(`queries of the push:\n${n.queries.join('\n')}\n`);
    });
    expect(answer.applied).toBe(20);
    // Every write inside the batch's one transaction (a write outside it is a commit of its own).
    let inside = false;
    const outside: string[] = [];
    for (const q of n.queries.map((text) => text.trim().toLowerCase())) {
      if (q === 'begin') inside = true;
      else if (q === 'commit') inside = false;
      else if (!inside && /^(insert|update|delete|with)\b/.test(q)) outside.push(q);
    }
    expect(outside).toEqual([]);
    expect(n.queries.filter((q) => q.trim().toLowerCase() === 'commit')).toHaveLength(1);
    // PostgreSQL: begin, the counter (update … returning), the statements, their stamps, the close
    // (counter, hub contact and stamped span in one statement), commit, the staging check. SQLite
    // also reads the table's last rowid twice (the stamped span) and runs the close's writes apart.
    expect(n.queries.length).toBeLessThanOrEqual(engine === 'postgres' ? 7 : 11);
    const row = await service.repo.hub(n.tenant.id, n.hub.id);
    expect(row?.last_contact_at).not.toBeNull();
  });
});
