import type { Insertable, Selectable } from 'kysely';
import type { Db, Engine } from '../db/database.js';
import type { BlobsTable } from '../db/schema.js';
import { parseJson } from '../platform/json.js';

export type BlobRow = Selectable<BlobsTable>;

export interface TenantLimits {
  storageLimitBytes: number;
  uploadLimitBytes: number;
}

// Keeps IN lists well under SQLite's and PostgreSQL's bound-parameter limits.
const IN_BATCH = 500;

export class BlobsRepo {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
  ) {}

  /** Runs `work` in one transaction, with a repo bound to it. */
  async transaction<T>(work: (repo: BlobsRepo) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((tx) => work(new BlobsRepo(tx, this.engine)));
  }

  async find(tenantId: string, sha256: string): Promise<BlobRow | undefined> {
    return this.db
      .selectFrom('blobs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
  }

  async findMany(tenantId: string, sha256s: readonly string[]): Promise<BlobRow[]> {
    const rows: BlobRow[] = [];
    for (let i = 0; i < sha256s.length; i += IN_BATCH) {
      const batch = sha256s.slice(i, i + IN_BATCH);
      rows.push(
        ...(await this.db
          .selectFrom('blobs')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('sha256', 'in', batch)
          .execute()),
      );
    }
    return rows;
  }

  async insertMany(rows: readonly Insertable<BlobsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += IN_BATCH / 5) {
      await this.db
        .insertInto('blobs')
        .values(rows.slice(i, i + IN_BATCH / 5))
        .onConflict((oc) => oc.columns(['tenant_id', 'sha256']).doNothing())
        .execute();
    }
  }

  async used(tenantId: string): Promise<number> {
    const row = await this.db
      .selectFrom('blobs')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('used'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return Number(row?.used ?? 0);
  }

  /**
   * The tenant's limits; with `lock`, also holds its row until the transaction ends so
   * two uploads of one tenant cannot both pass the quota check (SQLite serialises writers anyway).
   */
  async limits(tenantId: string, lock: boolean): Promise<TenantLimits | undefined> {
    const row = await this.db
      .selectFrom('tenants')
      .select(['storage_limit_bytes', 'upload_limit_bytes'])
      .where('id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .$if(lock && this.engine === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    return (
      row && {
        storageLimitBytes: Number(row.storage_limit_bytes),
        uploadLimitBytes: Number(row.upload_limit_bytes),
      }
    );
  }

  /**
   * Whether anyone may read the blob without signing in: the tenant's logo and the
   * cover images of its published catalog entries are shown before sign-in.
   */
  async isPublic(tenantId: string, sha256: string): Promise<boolean> {
    const cover = await this.db
      .selectFrom('catalog_entries')
      .select('course_id')
      .where('tenant_id', '=', tenantId)
      .where('cover_sha256', '=', sha256)
      .executeTakeFirst();
    if (cover) return true;
    const tenant = await this.db
      .selectFrom('tenants')
      .select('branding')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    if (!tenant) return false;
    return (
      parseJson<{ logoSha256?: string | null }>(tenant.branding, 'tenants.branding').logoSha256 === sha256
    );
  }
}
