import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import { updateVersioned } from '../db/versioned.js';
import type { ClassMembersTable, ClassesTable } from '../db/schema.js';
import { likePattern } from '../users/users.repo.js';

export type ClassRow = Selectable<ClassesTable>;
export type ClassMemberRow = Selectable<ClassMembersTable>;
export interface ClassWithCounts extends ClassRow {
  educator_count: number;
  learner_count: number;
}
export interface MemberWithUser {
  user_id: string;
  username: string;
  display_name: string;
  role: ClassMemberRow['role'];
}

export interface ClassListFilter {
  q?: string | undefined;
  /** Only classes this user teaches. */
  educatorId?: string | undefined;
  limit: number;
  offset: number;
}

export class ClassesRepo {
  constructor(private readonly db: Db) {}

  async insert(row: Insertable<ClassesTable>): Promise<void> {
    await this.db.insertInto('classes').values(row).execute();
  }

  async byId(tenantId: string, id: string): Promise<ClassWithCounts | undefined> {
    return this.withCounts(tenantId).where('classes.id', '=', id).executeTakeFirst();
  }

  async byCode(tenantId: string, code: string): Promise<ClassRow | undefined> {
    return this.db
      .selectFrom('classes')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('code', '=', code)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async list(tenantId: string, filter: ClassListFilter): Promise<{ rows: ClassWithCounts[]; total: number }> {
    let query = this.withCounts(tenantId);
    let count = this.db
      .selectFrom('classes')
      .where('classes.tenant_id', '=', tenantId)
      .where('classes.deleted_at', 'is', null);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      const matches = sql<boolean>`(lower(classes.name) like ${pattern} escape '\\' or lower(coalesce(classes.code, '')) like ${pattern} escape '\\')`;
      query = query.where(matches);
      count = count.where(matches);
    }
    if (filter.educatorId) {
      const educatorId = filter.educatorId;
      const teaches = sql<boolean>`exists (select 1 from class_members cm where cm.class_id = classes.id and cm.tenant_id = ${tenantId}
        and cm.user_id = ${educatorId} and cm.role = 'educator' and cm.deleted_at is null)`;
      query = query.where(teaches);
      count = count.where(teaches);
    }
    const [rows, total] = await Promise.all([
      query.orderBy('classes.name').orderBy('classes.id').limit(filter.limit).offset(filter.offset).execute(),
      count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  async members(tenantId: string, classId: string): Promise<MemberWithUser[]> {
    return this.db
      .selectFrom('class_members')
      .innerJoin('users', 'users.id', 'class_members.user_id')
      .select(['class_members.user_id', 'users.username', 'users.display_name', 'class_members.role'])
      .where('class_members.tenant_id', '=', tenantId)
      .where('class_members.class_id', '=', classId)
      .where('class_members.deleted_at', 'is', null)
      .where('users.deleted_at', 'is', null)
      .orderBy('class_members.role')
      .orderBy('users.display_name')
      .execute();
  }

  /** The user's place in the class, tombstone included (re-adding revives it). */
  async member(tenantId: string, classId: string, userId: string): Promise<ClassMemberRow | undefined> {
    return this.db
      .selectFrom('class_members')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  async insertMember(row: Insertable<ClassMembersTable>): Promise<void> {
    await this.db.insertInto('class_members').values(row).execute();
  }

  async updateMember(
    id: string,
    expectedVersion: number,
    patch: Updateable<ClassMembersTable>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('class_members')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async update(
    tenantId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<ClassesTable>,
  ): Promise<boolean> {
    return updateVersioned(this.db, 'classes', { tenantId, id, expectedVersion }, patch);
  }

  /** Tombstones the class and its places, in one transaction. */
  async softDelete(tenantId: string, id: string, expectedVersion: number, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const done = await new ClassesRepo(trx).update(tenantId, id, expectedVersion, {
        deleted_at: now,
        updated_at: now,
      });
      if (!done) return false;
      await trx
        .updateTable('class_members')
        .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
        .where('tenant_id', '=', tenantId)
        .where('class_id', '=', id)
        .where('deleted_at', 'is', null)
        .execute();
      return true;
    });
  }

  async isGrade(tenantId: string, itemId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('curriculum_items')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', itemId)
      .where('kind', '=', 'grade')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  private withCounts(tenantId: string) {
    const count = (role: 'educator' | 'learner') =>
      sql<number>`(select count(*) from class_members cm join users u on u.id = cm.user_id
        where cm.class_id = classes.id and cm.role = ${role} and cm.deleted_at is null and u.deleted_at is null)`;
    return this.db
      .selectFrom('classes')
      .selectAll('classes')
      .select([count('educator').as('educator_count'), count('learner').as('learner_count')])
      .where('classes.tenant_id', '=', tenantId)
      .where('classes.deleted_at', 'is', null);
  }
}
