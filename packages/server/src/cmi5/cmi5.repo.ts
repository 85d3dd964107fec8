import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Cmi5SessionsTable } from '../db/schema.js';
import { naturalId } from '../sync/sync.ids.js';

export type Cmi5SessionRow = Selectable<Cmi5SessionsTable>;

/** cmi5 registrations and launch sessions; every query names its tenant. */
export class Cmi5Repo {
  constructor(private readonly db: Db) {}

  async registration(tenantId: string, userId: string, courseId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('cmi5_registrations')
      .select('registration')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('course_id', '=', courseId)
      .executeTakeFirst();
    return row?.registration;
  }

  /** Inserts the registration unless one exists (a concurrent launch may have made it). */
  async ensureRegistration(
    tenantId: string,
    userId: string,
    courseId: string,
    registration: string,
    now: string,
  ): Promise<string> {
    await this.db
      .insertInto('cmi5_registrations')
      .values({
        tenant_id: tenantId,
        // The same id on every server, so registrations made on two hubs merge (record sync).
        id: naturalId([userId, courseId]),
        user_id: userId,
        course_id: courseId,
        registration,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'course_id']).doNothing())
      .execute();
    return (await this.registration(tenantId, userId, courseId)) ?? registration;
  }

  async insertSession(row: Insertable<Cmi5SessionsTable>): Promise<void> {
    await this.db.insertInto('cmi5_sessions').values(row).execute();
  }

  async session(tenantId: string, sessionId: string): Promise<Cmi5SessionRow | undefined> {
    return this.db
      .selectFrom('cmi5_sessions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .executeTakeFirst();
  }

  async byFetchHash(fetchHash: string): Promise<Cmi5SessionRow | undefined> {
    return this.db
      .selectFrom('cmi5_sessions')
      .selectAll()
      .where('fetch_hash', '=', fetchHash)
      .executeTakeFirst();
  }

  async byTokenHash(tokenHash: string): Promise<Cmi5SessionRow | undefined> {
    return this.db
      .selectFrom('cmi5_sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Spends the fetch URL: true only for the one request that set the token. */
  async spendFetch(sessionId: string, tokenHash: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('cmi5_sessions')
      .set({ fetched_at: now, token_hash: tokenHash })
      .where('id', '=', sessionId)
      .where('fetched_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async mark(
    tenantId: string,
    sessionId: string,
    column: 'terminated_at' | 'abandoned_at' | 'satisfied_at',
    now: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('cmi5_sessions')
      .set({ [column]: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .where(column, 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Lessons of this registration some session of which was judged satisfied. */
  async satisfiedLessons(tenantId: string, userId: string, registration: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('cmi5_sessions')
      .select('lesson_id')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('registration', '=', registration)
      .where('satisfied_at', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.lesson_id));
  }
}
