import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { CinemaPlansTable, CinemaSessionsTable, LibraryItemsTable } from '../db/schema.js';
import { updateVersioned } from '../db/versioned.js';
import { likePattern } from '../users/users.repo.js';

export type PlanRow = Selectable<CinemaPlansTable>;
export type SessionRow = Selectable<CinemaSessionsTable>;
export type PlanMediaRow = Pick<
  Selectable<LibraryItemsTable>,
  'id' | 'title' | 'kind' | 'media_type' | 'size' | 'blob_sha256' | 'licence' | 'author' | 'provider'
>;
const MEDIA_COLUMNS = [
  'id',
  'title',
  'kind',
  'media_type',
  'size',
  'blob_sha256',
  'licence',
  'author',
  'provider',
] as const;

export interface PlanFilter {
  /** Plans this user owns, plus shared ones; undefined means every plan (admins). */
  visibleTo?: string | undefined;
  q?: string | undefined;
  language?: string | undefined;
  ageBand?: string | undefined;
}

export interface SessionFilter {
  from?: string | undefined;
  to?: string | undefined;
  region?: string | undefined;
  planId?: string | undefined;
  /** Only sessions this facilitator ran (matched inside the JSON list of facilitators). */
  facilitatorId?: string | undefined;
}

export class CinemaRepo {
  constructor(private readonly db: Db) {}

  async insertPlan(row: Insertable<CinemaPlansTable>): Promise<void> {
    await this.db.insertInto('cinema_plans').values(row).execute();
  }

  async plan(
    tenantId: string,
    id: string,
    options: { includeDeleted?: boolean } = {},
  ): Promise<PlanRow | undefined> {
    let query = this.db
      .selectFrom('cinema_plans')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id);
    if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
    return query.executeTakeFirst();
  }

  async plans(tenantId: string, filter: PlanFilter): Promise<PlanRow[]> {
    let query = this.db
      .selectFrom('cinema_plans')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null);
    if (filter.visibleTo !== undefined) {
      const owner = filter.visibleTo;
      query = query.where((eb) => eb.or([eb('owner_id', '=', owner), eb('shared', '=', 1)]));
    }
    if (filter.q) {
      const pattern = likePattern(filter.q);
      query = query.where(
        sql<boolean>`(lower(title) like ${pattern} escape '\\' or lower(description) like ${pattern} escape '\\' or lower(tags) like ${pattern} escape '\\')`,
      );
    }
    if (filter.language) query = query.where('language', '=', filter.language);
    if (filter.ageBand) query = query.where('age_band', '=', filter.ageBand);
    return query.orderBy('title').orderBy('id').limit(1000).execute();
  }

  async updatePlan(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<CinemaPlansTable>,
  ): Promise<boolean> {
    return updateVersioned(this.db, 'cinema_plans', { tenantId, id, expectedVersion }, patch);
  }

  async libraryItems(tenantId: string, ids: readonly string[]): Promise<PlanMediaRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('library_items')
      .select([...MEDIA_COLUMNS])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .where('deleted_at', 'is', null)
      .execute();
  }

  /** What a plan can show: films, sound, pictures and PDF slides of the tenant's library (or those of `ids`). */
  async mediaLibrary(
    tenantId: string,
    ids?: readonly string[],
  ): Promise<(PlanMediaRow & { language: string | null })[]> {
    let query = this.db
      .selectFrom('library_items')
      .select([...MEDIA_COLUMNS, 'language'])
      .where('tenant_id', '=', tenantId)
      .where('kind', 'in', ['video', 'audio', 'image', 'pdf'])
      .where('deleted_at', 'is', null);
    if (ids) query = query.where('id', 'in', ids.length > 0 ? [...ids] : ['']);
    return query.orderBy('title').limit(2000).execute();
  }

  async facilitators(tenantId: string): Promise<{ id: string; display_name: string }[]> {
    return this.db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['users.id', 'users.display_name'])
      .where('users.tenant_id', '=', tenantId)
      .where('memberships.tenant_id', '=', tenantId)
      .where('memberships.role', '=', 'facilitator')
      .where('memberships.deleted_at', 'is', null)
      .where('users.deleted_at', 'is', null)
      .where('users.status', '=', 'active')
      .orderBy('users.display_name')
      .distinct()
      .limit(1000)
      .execute();
  }

  async userNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  /** Which of `ids` this server holds as plans, deleted ones too (a tombstone is a plan here). */
  async planIdsHere(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('cinema_plans')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** The roles an active member of the platform holds (none for anyone else). */
  async memberRoles(tenantId: string, userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('memberships.role')
      .where('memberships.tenant_id', '=', tenantId)
      .where('memberships.user_id', '=', userId)
      .where('memberships.deleted_at', 'is', null)
      .where('users.tenant_id', '=', tenantId)
      .where('users.deleted_at', 'is', null)
      .where('users.status', '=', 'active')
      .execute();
    return rows.map((row) => row.role);
  }

  /**
   * The record-sync stamp of a plan (read only: sync writes it): the (instance, counter) its
   * current version was saved with and its per-field registers, as the change feed sends them.
   */
  async planSyncRecord(
    tenantId: string,
    planId: string,
  ): Promise<{ instance_id: string; counter: number; fields: string } | undefined> {
    const row = await this.db
      .selectFrom('sync_records')
      .select(['instance_id', 'counter', 'fields'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'cinema_plan')
      .where('record_id', '=', planId)
      .executeTakeFirst();
    return row ? { ...row, counter: Number(row.counter) } : undefined;
  }

  /** A library item copied from the upstream, kept under the same id; an item already here is left alone. */
  async putLibraryItemCopy(row: Insertable<LibraryItemsTable>): Promise<void> {
    await this.db
      .insertInto('library_items')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** True when written; false when a session with this id already exists (any tenant). */
  async insertSession(row: Insertable<CinemaSessionsTable>): Promise<boolean> {
    const result = await this.db
      .insertInto('cinema_sessions')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async sessionById(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('cinema_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async sessions(
    tenantId: string,
    filter: SessionFilter,
    page?: { limit: number; offset: number },
  ): Promise<{ rows: SessionRow[]; total: number }> {
    let query = this.db
      .selectFrom('cinema_sessions')
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null);
    if (filter.from) query = query.where('date', '>=', filter.from);
    if (filter.to) query = query.where('date', '<=', filter.to);
    if (filter.region) query = query.where('region', '=', filter.region);
    if (filter.planId) query = query.where('plan_id', '=', filter.planId);
    if (filter.facilitatorId) {
      // Ids are UUIDs (no quote or wildcard characters), so a match on the quoted id is exact.
      query = query.where('facilitator_ids', 'like', `%"${filter.facilitatorId}"%`);
    }
    const rowsQuery = query.selectAll().orderBy('date', 'desc').orderBy('started_at', 'desc').orderBy('id');
    const [rows, total] = await Promise.all([
      page ? rowsQuery.limit(page.limit).offset(page.offset).execute() : rowsQuery.execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }
}
