import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import { updateVersioned } from '../db/versioned.js';
import type { LibraryItemsTable } from '../db/schema.js';

export type LibraryItemRow = Selectable<LibraryItemsTable>;

export interface LibraryFilters {
  kind?: LibraryItemRow['kind'];
  licence?: string;
  language?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** `%`, `_` and the escape itself match literally inside a LIKE pattern. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class LibraryRepo {
  constructor(private readonly db: Db) {}

  async insert(row: Insertable<LibraryItemsTable>): Promise<void> {
    await this.db.insertInto('library_items').values(row).execute();
  }

  async tenantSlug(tenantId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('tenants')
      .select('slug')
      .where('id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row?.slug;
  }

  async byId(tenantId: string, id: string): Promise<LibraryItemRow | undefined> {
    return this.db
      .selectFrom('library_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async list(tenantId: string, f: LibraryFilters): Promise<{ rows: LibraryItemRow[]; total: number }> {
    let query = this.db
      .selectFrom('library_items')
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null);
    if (f.kind) query = query.where('kind', '=', f.kind);
    if (f.licence) query = query.where(sql<boolean>`lower(licence) = ${f.licence.toLowerCase()}`);
    if (f.language) {
      const language = f.language;
      query = query.where((eb) =>
        eb.or([eb('language', '=', language), eb('language', 'like', `${language}-%`)]),
      );
    }
    if (f.q) {
      const pattern = likePattern(f.q);
      query = query.where((eb) =>
        eb.or(
          (['title', 'description', 'author', 'provider'] as const).map(
            (column) => sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    const counted = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { rows, total: Number(counted?.total ?? 0) };
  }

  /** Optimistic update: applies only if the row is still at `expectedVersion`. */
  async update(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<LibraryItemsTable>,
  ): Promise<boolean> {
    return updateVersioned(this.db, 'library_items', { tenantId, id, expectedVersion }, patch);
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('library_items')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The manifest of a published course version (owned by the courses domain; read here
   * only to serve its html5 lessons' files, which content owns).
   */
  async versionManifest(tenantId: string, versionId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('course_versions')
      .select('manifest')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', versionId)
      .executeTakeFirst();
    return row?.manifest;
  }
}
