import { SYNC_KINDS, type RecordFields, type SyncRecord, type VersionVector } from '@satchel/core';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { STATEMENT_COLUMNS } from './sync.apply.js';

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
  k: number;
  i: string;
  n: number;
  v: Record<string, number>;
}

export const DEFAULT_BATCH = 500;

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decode(text: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof c.k !== 'number' ||
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
 * The change feed: every record a peer lacks given its version vector, in bounded pages,
 * parents first (users and classes before the rows pointing at them), each kind in
 * (instance, counter) order so a page boundary is a plain continuation token. Memory is one
 * page whatever the size of the platform.
 */
export class SyncFeed {
  constructor(private readonly db: Db) {}

  /** Per instance, the highest counter this database holds for the platform. */
  async vector(tenantId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('sync_records')
      .select((eb) => ['instance_id', eb.fn.max('counter').as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('instance_id')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.instance_id, Number(r.n)]));
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
    const rows: { kind: string; record_id: string; instance_id: string; counter: number; fields: string }[] =
      [];
    let k = cursor?.k ?? 0;
    let after: { i: string; n: number } | null = cursor ? { i: cursor.i, n: cursor.n } : null;
    for (; k < SYNC_KINDS.length && rows.length < limit; k += 1, after = null) {
      const kind = SYNC_KINDS[k]!;
      const found = await this.db
        .selectFrom('sync_records')
        .select(['kind', 'record_id', 'instance_id', 'counter', 'fields'])
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', kind)
        .where((eb) => lacking(eb, since))
        .where((eb) => inScope(eb, tenantId, scope))
        .$if(after !== null, (q) =>
          q.where((eb) =>
            eb.or([
              eb('instance_id', '>', after!.i),
              eb.and([eb('instance_id', '=', after!.i), eb('counter', '>', after!.n)]),
            ]),
          ),
        )
        .orderBy('instance_id')
        .orderBy('counter')
        .limit(limit - rows.length)
        .execute();
      rows.push(...found.map((r) => ({ ...r, counter: Number(r.counter) })));
      if (rows.length >= limit) break;
    }
    const last = rows.at(-1);
    const done = rows.length < limit || !last;
    const next = done
      ? null
      : encode({
          k: SYNC_KINDS.indexOf(last.kind as (typeof SYNC_KINDS)[number]),
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
    const out: SyncRecord[] = [];
    for (const r of rows) {
      const base = { kind: r.kind as SyncRecord['kind'], id: r.record_id, i: r.instance_id, n: r.counter };
      if (r.kind === 'statement') {
        const body = statements.get(r.record_id);
        if (body) out.push({ ...base, body });
      } else if (r.kind === 'conflict') {
        const body = conflicts.get(r.record_id);
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
