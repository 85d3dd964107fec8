import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { BundleImportsTable, BundleKeysTable, BundlePeersTable, TenantsTable } from '../db/schema.js';

export type PeerRow = Selectable<BundlePeersTable>;

/** Keys, trusted peers, peers' known state and applied bundles. The only SQL of bundles/. */
export class BundlesRepo {
  constructor(private readonly db: Db) {}

  async ownKey(): Promise<Selectable<BundleKeysTable> | undefined> {
    return this.db.selectFrom('bundle_keys').selectAll().where('id', '=', 'self').executeTakeFirst();
  }

  /** Stores a key pair unless one exists (two replicas starting at once keep the first). */
  async putOwnKey(row: Insertable<BundleKeysTable>): Promise<void> {
    await this.db
      .insertInto('bundle_keys')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async trust(tenantId: string, publicKey: string, name: string, now: string): Promise<void> {
    await this.db
      .insertInto('bundle_trusted_keys')
      .values({ tenant_id: tenantId, public_key: publicKey, name, created_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'public_key']).doUpdateSet({ name }))
      .execute();
  }

  async isTrusted(tenantId: string, publicKey: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('bundle_trusted_keys')
      .select('name')
      .where('tenant_id', '=', tenantId)
      .where('public_key', '=', publicKey)
      .executeTakeFirst();
    return row !== undefined;
  }

  async trusted(tenantId: string): Promise<{ public_key: string; name: string; created_at: string }[]> {
    return this.db
      .selectFrom('bundle_trusted_keys')
      .select(['public_key', 'name', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .execute();
  }

  async peer(tenantId: string, instanceId: string): Promise<PeerRow | undefined> {
    return this.db
      .selectFrom('bundle_peers')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('instance_id', '=', instanceId)
      .executeTakeFirst();
  }

  async putPeer(row: PeerRow): Promise<void> {
    const { tenant_id: _t, instance_id: _i, ...update } = row;
    await this.db
      .insertInto('bundle_peers')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'instance_id']).doUpdateSet(update))
      .execute();
  }

  async imported(tenantId: string, bundleId: string): Promise<Selectable<BundleImportsTable> | undefined> {
    return this.db
      .selectFrom('bundle_imports')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('bundle_id', '=', bundleId)
      .executeTakeFirst();
  }

  async recordImport(row: Insertable<BundleImportsTable>): Promise<void> {
    await this.db
      .insertInto('bundle_imports')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'bundle_id']).doNothing())
      .execute();
  }

  async tenant(tenantId: string): Promise<Selectable<TenantsTable> | undefined> {
    return this.db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
  }

  // Record sync's registrations (read only), to name peers and tell hubs from upstreams.

  /** The upstream this hub syncs the tenant with, if it was registered. */
  async upstreamInstance(tenantId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('sync_links')
      .select('upstream_instance')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row?.upstream_instance ?? null;
  }

  /** The tenants this instance is registered as a hub for (none: not a registered hub). */
  async linkedTenants(): Promise<string[]> {
    const rows = await this.db.selectFrom('sync_links').select('tenant_id').execute();
    return rows.map((r) => r.tenant_id);
  }

  /** A registered hub of the tenant, by name or instance id. */
  async hubInstance(tenantId: string, nameOrInstance: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('sync_hubs')
      .select('instance_id')
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('name', '=', nameOrInstance), eb('instance_id', '=', nameOrInstance)]))
      .executeTakeFirst();
    return row?.instance_id ?? null;
  }
}
