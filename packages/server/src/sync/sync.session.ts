import { ClockDriftError, Hlc, uuidv7 } from '@satchel/core';
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../db/database.js';

/** Instance ids already read, per database handle: an instance id never changes once made. */
const known = new WeakMap<Db, string>();

/** This database's identity in sync: its instance id (also its HLC node id). */
export async function ensureInstance(db: Db): Promise<string> {
  const cached = known.get(db);
  if (cached) return cached;
  const id = await readInstance(db);
  known.set(db, id);
  return id;
}

async function readInstance(db: Db): Promise<string> {
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
  /** Writes that go with the counter's own at close (one statement on PostgreSQL). */
  private readonly tail: RawBuilder<unknown>[] = [];

  private constructor(
    private readonly tx: Tx,
    readonly instanceId: string,
    counter: number,
    readonly hlc: Hlc,
  ) {
    this.counter = counter;
  }

  static async open(tx: Tx, now: () => number): Promise<StampSession> {
    // The write and the read in one round trip (RETURNING: PostgreSQL, SQLite 3.35 on).
    const row = await tx
      .updateTable('sync_instance')
      .set({ counter: sql<number>`counter` })
      .where('id', '=', 'self')
      .returning(['instance_id', 'counter', 'hlc'])
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

  /**
   * A write (INSERT, UPDATE or DELETE) made when the session closes, in its transaction: on
   * PostgreSQL it rides in the same statement as the counter's update (a data-modifying WITH), so
   * notes about a batch (its hub's contact, the spans it stamped) cost no round trip of their own.
   */
  atClose(write: RawBuilder<unknown>): void {
    this.tail.push(write);
  }

  async close(): Promise<void> {
    const update = sql`update sync_instance set counter = ${this.counter}, hlc = ${this.hlc.current()} where id = 'self'`;
    if (this.tail.length > 0 && this.tx.getExecutor().adapter instanceof PostgresAdapter) {
      const parts = this.tail.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`);
      await sql`with ${sql.join(parts)} ${update}`.execute(this.tx);
      return;
    }
    for (const write of this.tail) await write.execute(this.tx);
    await update.execute(this.tx);
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
