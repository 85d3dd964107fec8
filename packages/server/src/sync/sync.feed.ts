import type { RecordFields, SyncRecord, VersionVector } from '@satchel/core';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { STATEMENT_COLUMNS } from './sync.statements.js';
import { quizAttemptBodies } from './sync.attempts.js';
import { anyAhead, notAhead, withoutAhead } from './sync.ahead.js';

/** Which records a feed covers: the platform, some classes (and their members), or one learner. */
export interface FeedScope {
  classIds?: readonly string[];
  userId?: string;
}

export interface FeedPage {
  records: SyncRecord[];
  /** Null after the last page. */
  cursor: string | null;
  /** The vector when the feed started; integrate it once the last page is applied. */
  vector: Record<string, number>;
}

interface Cursor {
  /** Feed order: 1 = per instance by counter across kinds (older tokens restart the feed). */
  o: 1;
  i: string;
  n: number;
  v: Record<string, number>;
}

export const DEFAULT_BATCH = 500;
/** Register bytes per page at most (a quarter of the sync body limit, for JSON overhead). */
export const PAGE_BYTES = 8 * 1024 * 1024;

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decode(text: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      c.o !== 1 ||
      typeof c.i !== 'string' ||
      typeof c.n !== 'number' ||
      typeof c.v !== 'object' ||
      c.v === null
    )
      return null;
    return c as Cursor;
  } catch {
    return null;
  }
}

type Eb = ExpressionBuilder<Database, 'sync_records'>;

/**
 * The change feed: every record a peer lacks given its version vector, in bounded pages in
 * (instance, counter) order across kinds, so a page boundary is a plain continuation token
 * and every prefix of a feed is complete per instance: a receiver whose vector says
 * `instance: n` then holds every record of that instance up to n, even when a sync is cut
 * short (kind by kind, a users page carried counters higher than the statements still to
 * come, and the receiver's vector claimed records it never got). Parents come first within
 * a page (the applier sorts by kind); a child whose parent is on a later page waits in
 * staging. Memory is one page whatever the size of the platform.
 */
export class SyncFeed {
  constructor(private readonly db: Db) {}

  /**
   * Per instance, the highest counter this database holds for the platform, leaving out records
   * fetched ahead of the in-order pull (`sync.ahead.ts`): it never claims a record it lacks.
   */
  async vector(tenantId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('sync_records')
      .select((eb) => ['instance_id', eb.fn.max('counter').as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('instance_id')
      .execute();
    return withoutAhead(this.db, tenantId, Object.fromEntries(rows.map((r) => [r.instance_id, Number(r.n)])));
  }

  async page(
    tenantId: string,
    since: VersionVector,
    scope: FeedScope,
    cursorText: string | null,
    limit = DEFAULT_BATCH,
  ): Promise<FeedPage | 'bad_cursor'> {
    const cursor = cursorText === null ? null : decode(cursorText);
    if (cursorText !== null && cursor === null) return 'bad_cursor';
    const vector = cursor?.v ?? (await this.vector(tenantId));
    const after: { i: string; n: number } | null = cursor ? { i: cursor.i, n: cursor.n } : null;
    // Records fetched ahead go once the pull reaches them (a learner's own fetch gets them now):
    // sent earlier, they would raise the receiver's vector past the records in between.
    const skipAhead = !scope.userId && (await anyAhead(this.db, tenantId));
    const found = await this.db
      .selectFrom('sync_records')
      .select(['kind', 'record_id', 'instance_id', 'counter', 'fields'])
      .where('tenant_id', '=', tenantId)
      .where((eb) => lacking(eb, since))
      .where((eb) => inScope(eb, tenantId, scope))
      .$if(skipAhead, (q) => q.where(notAhead()))
      // A row value: both engines seek the vector index (tenant, instance, counter) to it (an
      // OR made SQLite walk every earlier row on each page, quadratic over a million records).
      .$if(after !== null, (q) =>
        q.where((eb) => eb(eb.refTuple('instance_id', 'counter'), '>', eb.tuple(after!.i, after!.n))),
      )
      .orderBy('instance_id')
      .orderBy('counter')
      .limit(limit)
      .execute();
    const rows = found.map((r) => ({ ...r, counter: Number(r.counter) }));
    // Whole xAPI documents and SCORM states make some records large: a page stops once its
    // registers reach PAGE_BYTES (it always holds one record), so it fits a sync request body.
    let bytes = 0;
    const over = rows.findIndex((r) => (bytes += r.fields.length) > PAGE_BYTES);
    const trimmed = over > 0 && rows.splice(over).length > 0;
    const last = rows.at(-1);
    const done = !last || (!trimmed && rows.length < limit);
    const next = done
      ? null
      : encode({
          o: 1,
          i: last.instance_id,
          n: last.counter,
          v: vector,
        });
    return { records: await this.materialise(tenantId, rows), cursor: next, vector };
  }

  /** Every page of what a peer at `since` lacks (for bundles and tests). */
  async *exportChanges(
    tenantId: string,
    since: VersionVector,
    scope: FeedScope = {},
    limit = DEFAULT_BATCH,
  ): AsyncIterable<FeedPage> {
    let cursor: string | null = null;
    do {
      const page = await this.page(tenantId, since, scope, cursor, limit);
      if (page === 'bad_cursor') throw new Error('bad cursor');
      yield page;
      cursor = page.cursor;
    } while (cursor !== null);
  }

  /** How many records a peer at `since` lacks (the backlog shown to admins). */
  async countLacking(tenantId: string, since: VersionVector, scope: FeedScope = {}): Promise<number> {
    const row = await this.db
      .selectFrom('sync_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where((eb) => lacking(eb, since))
      .where((eb) => inScope(eb, tenantId, scope))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private async materialise(
    tenantId: string,
    rows: readonly {
      kind: string;
      record_id: string;
      instance_id: string;
      counter: number;
      fields: string;
    }[],
  ): Promise<SyncRecord[]> {
    const statementIds = rows.filter((r) => r.kind === 'statement').map((r) => r.record_id);
    const conflictIds = rows.filter((r) => r.kind === 'conflict').map((r) => r.record_id);
    const statements = new Map<string, Record<string, unknown>>();
    if (statementIds.length > 0) {
      const found = await this.db
        .selectFrom('statements')
        .select([...STATEMENT_COLUMNS])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', statementIds)
        .execute();
      for (const s of found) statements.set(s.id, s as Record<string, unknown>);
    }
    const conflicts = new Map<string, Record<string, unknown>>();
    if (conflictIds.length > 0) {
      const found = await this.db
        .selectFrom('sync_conflicts')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', conflictIds)
        .execute();
      for (const c of found) {
        const { tenant_id: _t, ...body } = c;
        conflicts.set(c.id, body);
      }
    }
    const attempts = await quizAttemptBodies(
      this.db,
      tenantId,
      rows.filter((r) => r.kind === 'quiz_attempt').map((r) => r.record_id),
    );
    const out: SyncRecord[] = [];
    for (const r of rows) {
      const base = { kind: r.kind as SyncRecord['kind'], id: r.record_id, i: r.instance_id, n: r.counter };
      if (r.kind === 'statement') {
        const body = statements.get(r.record_id);
        if (body) out.push({ ...base, body });
      } else if (r.kind === 'conflict') {
        const body = conflicts.get(r.record_id);
        if (body) out.push({ ...base, body });
      } else if (r.kind === 'quiz_attempt') {
        const body = attempts.get(r.record_id);
        if (body) out.push({ ...base, body });
      } else {
        out.push({ ...base, fields: JSON.parse(r.fields) as RecordFields });
      }
    }
    return out;
  }
}

/** Records saved at an (instance, counter) beyond what `since` holds for that instance. */
function lacking(eb: Eb, since: VersionVector) {
  const known = Object.keys(since);
  const terms = known.map((i) => eb.and([eb('instance_id', '=', i), eb('counter', '>', since[i] ?? 0)]));
  if (known.length > 0) terms.push(eb('instance_id', 'not in', known));
  return terms.length > 0 ? eb.or(terms) : eb.lit(true);
}

function inScope(eb: Eb, tenantId: string, scope: FeedScope) {
  if (scope.userId) {
    const theirClasses = eb
      .selectFrom('class_members')
      .select('class_id')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', scope.userId);
    return eb.or([
      eb('user_id', '=', scope.userId),
      eb.and([eb('kind', '=', 'class'), eb('record_id', 'in', theirClasses)]),
    ]);
  }
  const classIds = scope.classIds ?? [];
  if (classIds.length === 0) return eb.lit(true);
  const members = eb
    .selectFrom('class_members')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('class_id', 'in', [...classIds]);
  return eb.or([eb('class_id', 'in', [...classIds]), eb('user_id', 'in', members)]);
}
