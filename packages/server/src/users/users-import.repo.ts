import type { Insertable, Selectable, Updateable } from 'kysely';
import { identityChanges } from '../auth/identity-changes.js';
import type { Db } from '../db/database.js';
import type { ClassMembersTable, ClassesTable, MembershipsTable, UsersTable } from '../db/schema.js';
import { chunks, IN_CHUNK } from './users.repo.js';

export type ClassRow = Selectable<ClassesTable>;
export type ClassMemberRow = Selectable<ClassMembersTable>;

/** Everything one import writes; applied in a single transaction. */
export interface ImportWrite {
  newClasses: Insertable<ClassesTable>[];
  newUsers: Insertable<UsersTable>[];
  userUpdates: { id: string; expectedVersion: number; set: Updateable<UsersTable> }[];
  newMemberships: Insertable<MembershipsTable>[];
  /** Tombstoned membership rows to bring back (a role given again). */
  revivedMemberships: { id: string; version: number }[];
  newClassMembers: Insertable<ClassMembersTable>[];
  classMemberUpdates: { id: string; version: number; role: ClassMemberRow['role'] }[];
  /** Users whose password the import replaces: their sessions end, as when an admin sets a password. */
  signOut: string[];
}

export type ImportWritePhase = 'users' | 'updates';

/** Rows per multi-row INSERT: users have 21 columns, so 400 rows bind 8,400 values (SQLite allows 32,766). */
const INSERT_CHUNK = 400;

/** A user changed between the import's checks and its write; the whole import is rolled back. */
export class ImportRaceError extends Error {}

/** Roster import SQL: lookups for planning, and the one-transaction batched write. */
export class UserImportRepo {
  constructor(private readonly db: Db) {}

  async classesByCode(tenantId: string, codes: readonly string[]): Promise<ClassRow[]> {
    const out: ClassRow[] = [];
    for (const part of chunks(codes, IN_CHUNK)) {
      out.push(
        ...(await this.db
          .selectFrom('classes')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('code', 'in', part)
          .where('deleted_at', 'is', null)
          .orderBy('created_at')
          .execute()),
      );
    }
    return out;
  }

  /** Class places (tombstones included) of these classes. */
  async classMembers(tenantId: string, classIds: readonly string[]): Promise<ClassMemberRow[]> {
    const out: ClassMemberRow[] = [];
    for (const part of chunks(classIds, IN_CHUNK)) {
      out.push(
        ...(await this.db
          .selectFrom('class_members')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('class_id', 'in', part)
          .execute()),
      );
    }
    return out;
  }

  /** Grade ids of the tenant's curriculum, by grade code. */
  async gradesByCode(tenantId: string, codes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(codes, IN_CHUNK)) {
      const rows = await this.db
        .selectFrom('curriculum_items')
        .select(['id', 'code'])
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', 'grade')
        .where('code', 'in', part)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .execute();
      for (const row of rows) if (!out.has(row.code)) out.set(row.code, row.id);
    }
    return out;
  }

  async apply(
    write: ImportWrite,
    now: string,
    onProgress?: (phase: ImportWritePhase, done: number) => void,
  ): Promise<void> {
    identityChanges.bumpAll();
    await this.db.transaction().execute(async (trx) => {
      for (const part of chunks(write.newClasses, INSERT_CHUNK))
        await trx.insertInto('classes').values(part).execute();
      let done = 0;
      for (const part of chunks(write.newUsers, INSERT_CHUNK)) {
        await trx.insertInto('users').values(part).execute();
        done += part.length;
        onProgress?.('users', done);
      }
      done = 0;
      for (const update of write.userUpdates) {
        const result = await trx
          .updateTable('users')
          .set({ ...update.set, version: update.expectedVersion + 1, updated_at: now })
          .where('id', '=', update.id)
          .where('version', '=', update.expectedVersion)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new ImportRaceError(update.id);
        done += 1;
        if (done % 100 === 0 || done === write.userUpdates.length) onProgress?.('updates', done);
      }
      for (const part of chunks(write.newMemberships, INSERT_CHUNK))
        await trx.insertInto('memberships').values(part).execute();
      for (const m of write.revivedMemberships) {
        await trx
          .updateTable('memberships')
          .set({ deleted_at: null, updated_at: now, version: m.version + 1 })
          .where('id', '=', m.id)
          .execute();
      }
      for (const part of chunks(write.newClassMembers, INSERT_CHUNK))
        await trx.insertInto('class_members').values(part).execute();
      for (const m of write.classMemberUpdates) {
        await trx
          .updateTable('class_members')
          .set({ role: m.role, deleted_at: null, updated_at: now, version: m.version + 1 })
          .where('id', '=', m.id)
          .execute();
      }
      for (const part of chunks(write.signOut, IN_CHUNK)) {
        await trx.deleteFrom('sessions').where('user_id', 'in', part).execute();
      }
    });
  }
}
