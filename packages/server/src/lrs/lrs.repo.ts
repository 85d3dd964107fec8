import { PostgresAdapter, sql, type Insertable, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { StatementsTable } from '../db/schema.js';
import { relatedNeedle } from './lrs.related.js';
import { LrsResourcesRepo } from './lrs.resources.repo.js';

export type StatementInsert = Insertable<StatementsTable>;

export interface ExistingStatement {
  id: string;
  verb_id: string;
  user_id: string | null;
  voided: number;
  statement: string;
}

export interface VoidedRow {
  user_id: string | null;
  course_id: string | null;
}

export interface StatementFilter {
  /** Matches the actor, or the object when the object is an Agent or Group. */
  agentKey?: string;
  /** related_agents: also instructor, team, authority and the agents of a SubStatement. */
  relatedAgents?: boolean;
  /** related_activities: also context Activities and the Activities of a SubStatement. */
  relatedActivities?: boolean;
  verbId?: string;
  activityId?: string;
  registration?: string;
  /** Exclusive lower bound on `stored` (UTC text). */
  since?: string;
  /** Inclusive upper bound on `stored`. */
  until?: string;
  ascending: boolean;
  /** Continue after this (stored, id), in the query's order. */
  after?: { stored: string; id: string };
  limit: number;
}

export interface StoredRow {
  id: string;
  stored: string;
  statement: string;
}

// 13 columns a row: 1,000 rows stay under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const ROWS_PER_INSERT = 1000;

/** The statements table: the append-only record of learning. */
export class LrsRepo {
  constructor(private readonly db: Db) {}

  /** Attachments and Activity definitions, on the same connection (or transaction). */
  resources(): LrsResourcesRepo {
    return new LrsResourcesRepo(this.db);
  }

  /**
   * Runs `work` in one transaction, with a repository bound to it and the transaction itself
   * (for the writes of other domains that must commit with the statements).
   */
  async transaction<T>(work: (repo: LrsRepo, tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((tx) => work(new LrsRepo(tx), tx));
  }

  /** Inserts what is not stored yet; returns the ids that were new. */
  async insertNew(rows: readonly StatementInsert[]): Promise<Set<string>> {
    return new Set((await this.insertNewNotingVoided(rows)).keys());
  }

  /**
   * Inserts what is not stored yet; returns the ids that were new, each with whether
   * a voiding statement stored before this INSERT targets it. Asking in the same
   * round trip spares ingest a SELECT per batch; voiding statements inserted by this
   * same INSERT may or may not be seen (engines differ), so a batch that holds any
   * must ask `voidTargeted` itself.
   */
  async insertNewNotingVoided(rows: readonly StatementInsert[]): Promise<Map<string, boolean>> {
    const inserted = new Map<string, boolean>();
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const result = await this.db
        .insertInto('statements')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
        .returning((eb) => [
          'id',
          eb
            .exists(
              eb
                .selectFrom('statements as v')
                .select('v.id')
                .whereRef('v.tenant_id', '=', 'statements.tenant_id')
                .where('v.voided_target', 'is not', null)
                .whereRef('v.voided_target', '=', 'statements.id'),
            )
            .as('targeted'),
        ])
        .execute();
      for (const r of result) inserted.set(r.id, Boolean(r.targeted));
    }
    return inserted;
  }

  async byIds(tenantId: string, ids: readonly string[]): Promise<ExistingStatement[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('statements')
      .select(['id', 'verb_id', 'user_id', 'voided', 'statement'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .execute();
  }

  /**
   * Marks voided each of `candidates` that some stored voiding statement targets
   * (whichever arrived first), never a voiding statement itself. Runs on every
   * ingest, so it starts from the (partial) voided_target index, which usually
   * finds nothing, and updates only then. Returns the learners and courses touched.
   */
  async voidTargeted(
    tenantId: string,
    candidates: readonly string[],
    voidingVerbId: string,
  ): Promise<VoidedRow[]> {
    if (candidates.length === 0) return [];
    const targeted = await this.db
      .selectFrom('statements')
      .select('voided_target')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .where('voided_target', 'is not', null)
      .where('voided_target', 'in', [...candidates])
      .execute();
    const ids = targeted.flatMap((r) => (r.voided_target === null ? [] : [r.voided_target]));
    if (ids.length === 0) return [];
    return this.db
      .updateTable('statements')
      .set({ voided: 1 })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .where('voided', '=', 0)
      .where('verb_id', '!=', voidingVerbId)
      .returning(['user_id', 'course_id'])
      .execute();
  }

  async existingUserIds(tenantId: string, candidates: readonly string[]): Promise<Set<string>> {
    if (candidates.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...candidates])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async courseIdsOfVersions(tenantId: string, versionIds: readonly string[]): Promise<Map<string, string>> {
    if (versionIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('course_versions')
      .select(['id', 'course_id'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...versionIds])
      .execute();
    return new Map(rows.map((r) => [r.id, r.course_id]));
  }

  async one(
    tenantId: string,
    id: string,
    voided: boolean,
  ): Promise<(StoredRow & { actor_key: string }) | undefined> {
    return this.db
      .selectFrom('statements')
      .select(['id', 'stored', 'statement', 'actor_key'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('voided', '=', voided ? 1 : 0)
      .executeTakeFirst();
  }

  /**
   * Statements that are not voided, newest stored first (or oldest with `ascending`), ties by id.
   * A statement whose StatementRef targets one matching the filters matches too
   * (Communication 2.1.3, "Filter Conditions for StatementRefs"), voided targets included.
   */
  async query(tenantId: string, filter: StatementFilter): Promise<StoredRow[]> {
    const order = filter.ascending ? 'asc' : 'desc';
    let q = this.db
      .selectFrom('statements')
      .select(['id', 'stored', 'statement'])
      .where('tenant_id', '=', tenantId)
      .where('voided', '=', 0);
    const { since, until, after } = filter;
    const pg = this.db.getExecutor().adapter instanceof PostgresAdapter;
    const direct = matches('statements', filter, pg);
    if (direct !== null) {
      const target = matches('r', filter, pg)!;
      q = q.where(
        sql<boolean>`(${direct} or statements.object_id in (select r.id from statements as r where r.tenant_id = ${tenantId} and ${target}))`,
      );
    }
    if (since !== undefined) q = q.where('stored', '>', since);
    if (until !== undefined) q = q.where('stored', '<=', until);
    if (after !== undefined) {
      const cmp = filter.ascending ? '>' : '<';
      q = q.where((eb) =>
        eb.or([
          eb('stored', cmp, after.stored),
          eb.and([eb('stored', '=', after.stored), eb('id', cmp, after.id)]),
        ]),
      );
    }
    return q.orderBy('stored', order).orderBy('id', order).limit(filter.limit).execute();
  }
}

function contains(column: RawBuilder<unknown>, id: string, pg: boolean): RawBuilder<unknown> {
  // instr/strpos rather than LIKE: SQLite's LIKE ignores case, and IRIs do not.
  const needle = relatedNeedle(id);
  return pg ? sql`strpos(${column}, ${needle}) > 0` : sql`instr(${column}, ${needle}) > 0`;
}

/** The filters that StatementRefs inherit (all but since, until, paging), on one alias; null when none. */
function matches(alias: string, f: StatementFilter, pg: boolean): RawBuilder<boolean> | null {
  const col = (name: string): RawBuilder<unknown> => sql.ref(`${alias}.${name}`);
  const parts: RawBuilder<unknown>[] = [];
  if (f.agentKey !== undefined) {
    const any = [sql`${col('actor_key')} = ${f.agentKey}`, sql`${col('object_id')} = ${f.agentKey}`];
    if (f.relatedAgents === true) any.push(contains(col('related_agents'), f.agentKey, pg));
    parts.push(sql`(${sql.join(any, sql` or `)})`);
  }
  if (f.verbId !== undefined) parts.push(sql`${col('verb_id')} = ${f.verbId}`);
  if (f.activityId !== undefined) {
    const any = [sql`${col('object_id')} = ${f.activityId}`];
    if (f.relatedActivities === true) any.push(contains(col('related_activities'), f.activityId, pg));
    parts.push(sql`(${sql.join(any, sql` or `)})`);
  }
  if (f.registration !== undefined) parts.push(sql`${col('registration')} = ${f.registration}`);
  return parts.length === 0 ? null : sql<boolean>`(${sql.join(parts, sql` and `)})`;
}
