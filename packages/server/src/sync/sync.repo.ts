import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { SyncHubsTable, SyncLinksTable, SyncConflictsTable, TenantsTable } from '../db/schema.js';

export type HubRow = Selectable<SyncHubsTable>;
export type LinkRow = Selectable<SyncLinksTable>;
export type ConflictRow = Selectable<SyncConflictsTable>;

/** Tenant columns a hub copies from its upstream (the invite code stays upstream). */
const TENANT_COLUMNS = [
  'id',
  'slug',
  'name',
  'default_locale',
  'locales',
  'branding',
  'audiences',
  'signup_policy',
  'allow_pin',
  'storage_limit_bytes',
  'upload_limit_bytes',
  'created_at',
  'updated_at',
  'version',
  'deleted_at',
] as const;

/** SQL of hub credentials (upstream side), links (hub side) and the conflict log. */
export class SyncRepo {
  constructor(private readonly db: Db) {}

  async insertHub(row: HubRow): Promise<void> {
    await this.db.insertInto('sync_hubs').values(row).execute();
  }

  async hub(tenantId: string, id: string): Promise<HubRow | undefined> {
    return this.db
      .selectFrom('sync_hubs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async hubs(tenantId: string): Promise<HubRow[]> {
    return this.db
      .selectFrom('sync_hubs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .execute();
  }

  async touchHub(tenantId: string, id: string, at: string, vector: string | null): Promise<void> {
    await this.db
      .updateTable('sync_hubs')
      .set(vector === null ? { last_contact_at: at } : { last_contact_at: at, last_vector: vector })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  async revokeHub(tenantId: string, id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('sync_hubs')
      .set({ revoked_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async tenantRow(tenantId: string): Promise<Selectable<TenantsTable> | undefined> {
    return this.db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
  }

  /** Creates (or refreshes) the local copy of an upstream platform; false if the slug is another platform's. */
  async adoptTenant(settings: Record<string, unknown>): Promise<boolean> {
    const row = Object.fromEntries(TENANT_COLUMNS.map((c) => [c, settings[c] ?? null])) as Record<
      string,
      unknown
    >;
    const clash = await this.db
      .selectFrom('tenants')
      .select('id')
      .where('slug', '=', String(row.slug))
      .where('id', '!=', String(row.id))
      .executeTakeFirst();
    if (clash) return false;
    const values = { ...row, invite_code: null } as unknown as Selectable<TenantsTable>;
    const { id: _id, ...update } = values;
    await this.db
      .insertInto('tenants')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet(update))
      .execute();
    return true;
  }

  async links(): Promise<LinkRow[]> {
    return this.db.selectFrom('sync_links').selectAll().orderBy('created_at').execute();
  }

  async link(tenantId: string): Promise<LinkRow | undefined> {
    return this.db.selectFrom('sync_links').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  }

  async putLink(row: LinkRow): Promise<void> {
    const { id: _id, tenant_id: _t, created_at: _c, ...update } = row;
    await this.db
      .insertInto('sync_links')
      .values(row)
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(update))
      .execute();
  }

  async updateLink(tenantId: string, patch: Partial<Omit<LinkRow, 'id' | 'tenant_id'>>): Promise<void> {
    await this.db.updateTable('sync_links').set(patch).where('tenant_id', '=', tenantId).execute();
  }

  async conflicts(
    tenantId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: ConflictRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db
        .selectFrom('sync_conflicts')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('recorded_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.db
        .selectFrom('sync_conflicts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst(),
    ]);
    return { rows, total: Number(count?.n ?? 0) };
  }

  /** Notes what a hub's last exchange showed: clock drift and refusals (either may be absent). */
  async noteHub(
    tenantId: string,
    id: string,
    patch: { last_drift?: string; last_refused?: string; last_vector?: string },
  ): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db
      .updateTable('sync_hubs')
      .set(patch)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  /**
   * The same as one write to run with a stamp session's close (`StampSession.atClose`): values
   * left out are kept.
   */
  noteHubSql(
    tenantId: string,
    id: string,
    patch: { last_contact_at?: string; last_drift?: string; last_refused?: string },
  ): RawBuilder<unknown> {
    return sql`update sync_hubs set last_contact_at = coalesce(${patch.last_contact_at ?? null}, last_contact_at),
      last_drift = coalesce(${patch.last_drift ?? null}, last_drift),
      last_refused = coalesce(${patch.last_refused ?? null}, last_refused)
      where tenant_id = ${tenantId} and id = ${id}`;
  }

  /** The unrevoked hub registered with this instance id (a bundle's maker), if any. */
  async hubByInstance(tenantId: string, instanceId: string): Promise<HubRow | undefined> {
    return this.db
      .selectFrom('sync_hubs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('instance_id', '=', instanceId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  /** Whether the user has an active place in one of these classes. */
  async inClasses(tenantId: string, userId: string, classIds: readonly string[]): Promise<boolean> {
    if (classIds.length === 0) return false;
    const row = await this.db
      .selectFrom('class_members')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('class_id', 'in', [...classIds])
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Users a class-scoped hub may write outside its classes (created there, or fetched at sign-in). */
  async addHubUsers(
    tenantId: string,
    hubId: string,
    userIds: readonly string[],
    reason: 'created' | 'fetched',
    at: string,
  ): Promise<void> {
    if (userIds.length === 0) return;
    // Only users that exist here (a row refused while applying does not count).
    const present = await this.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...userIds])
      .execute();
    if (present.length === 0) return;
    await this.db
      .insertInto('sync_hub_users')
      .values(
        present.map((u) => ({ tenant_id: tenantId, hub_id: hubId, user_id: u.id, reason, created_at: at })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'hub_id', 'user_id']).doNothing())
      .execute();
  }

  async stagedCount(tenantId: string): Promise<number> {
    const r = await this.db
      .selectFrom('sync_staging')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async userIdByUsername(tenantId: string, username: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('username', '=', username.toLowerCase())
      .executeTakeFirst();
    return r?.id;
  }
}
