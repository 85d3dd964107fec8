import { ClockDriftError, Hlc, uuidv7 } from '@satchel/core';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';

/** This database's identity in sync: its instance id (also its HLC node id). */
export async function ensureInstance(db: Db): Promise<string> {
  const row = await db
    .selectFrom('sync_instance')
    .select('instance_id')
    .where('id', '=', 'self')
    .executeTakeFirst();
  if (row) return row.instance_id;
  await db
    .insertInto('sync_instance')
    .values({ id: 'self', instance_id: uuidv7(), counter: 0, hlc: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const made = await db
    .selectFrom('sync_instance')
    .select('instance_id')
    .where('id', '=', 'self')
    .executeTakeFirstOrThrow();
  return made.instance_id;
}

/**
 * The counter and clock of this instance inside one write transaction. Opening it writes
 * first (taking SQLite's write lock at once, and the row lock on PostgreSQL), so stamps are
 * issued and committed in order across processes and replicas, and a SQLite transaction
 * never has to upgrade a read lock (which is where "database is locked" comes from).
 */
export class StampSession {
  private counter: number;
  readonly drift: ClockDriftError[] = [];

  private constructor(
    private readonly tx: Tx,
    readonly instanceId: string,
    counter: number,
    readonly hlc: Hlc,
  ) {
    this.counter = counter;
  }

  static async open(tx: Tx, now: () => number): Promise<StampSession> {
    await tx
      .updateTable('sync_instance')
      .set({ counter: sql<number>`counter` })
      .where('id', '=', 'self')
      .execute();
    const row = await tx
      .selectFrom('sync_instance')
      .select(['instance_id', 'counter', 'hlc'])
      .where('id', '=', 'self')
      .executeTakeFirstOrThrow();
    const hlc = new Hlc(row.instance_id, { now, ...(row.hlc ? { last: row.hlc } : {}) });
    return new StampSession(tx, row.instance_id, Number(row.counter), hlc);
  }

  /** The next change counter of this instance. */
  next(): number {
    this.counter += 1;
    return this.counter;
  }

  /** Moves the clock past a stamp seen from a peer; a wildly early peer clock is noted, not followed. */
  receive(stamp: string | null): void {
    if (!stamp) return;
    try {
      this.hlc.receive(stamp);
    } catch (err) {
      if (err instanceof ClockDriftError) this.drift.push(err);
      else throw err;
    }
  }

  async close(): Promise<void> {
    await this.tx
      .updateTable('sync_instance')
      .set({ counter: this.counter, hlc: this.hlc.current() })
      .where('id', '=', 'self')
      .execute();
  }
}

/** Runs `work` in one transaction with a stamp session. */
export async function withSession<T>(
  db: Db,
  now: () => number,
  work: (tx: Tx, session: StampSession) => Promise<T>,
): Promise<T> {
  await ensureInstance(db);
  return db.transaction().execute(async (tx) => {
    const session = await StampSession.open(tx, now);
    const result = await work(tx, session);
    await session.close();
    return result;
  });
}

/**
 * Gives local rows of an immutable kind (statements, quiz attempts) their first and only stamp.
 * `ON CONFLICT DO NOTHING`: a concurrent scan stamping the same row only costs a counter.
 */
export async function stampImmutable(
  tx: Tx,
  session: StampSession,
  kind: 'statement' | 'quiz_attempt',
  rows: readonly { tenant_id: string; id: string; user_id: string | null }[],
  now: string,
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('sync_records')
    .values(
      rows.map((r) => ({
        tenant_id: r.tenant_id,
        kind,
        record_id: r.id,
        instance_id: session.instanceId,
        counter: session.next(),
        row_version: null,
        fields: '{}',
        user_id: r.user_id,
        class_id: null,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'record_id']).doNothing())
    .execute();
}
