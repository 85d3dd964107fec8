import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ScormAttemptsTable, ScormItemStatesTable } from '../db/schema.js';
import { naturalId } from '../sync/sync.ids.js';

export type ScormAttemptRow = Selectable<ScormAttemptsTable>;
export type ScormItemStateRow = Selectable<ScormItemStatesTable>;

/** Attempts and per-item run-time state; every query is scoped to one tenant. */
export class ScormRepo {
  constructor(private readonly db: Db) {}

  async transaction<T>(work: (repo: ScormRepo) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((tx) => work(new ScormRepo(tx)));
  }

  async attempt(tenantId: string, attemptId: string): Promise<ScormAttemptRow | undefined> {
    return this.db
      .selectFrom('scorm_attempts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', attemptId)
      .executeTakeFirst();
  }

  /** The learner's most recent attempt at the lesson. */
  async latestAttempt(
    tenantId: string,
    userId: string,
    courseId: string,
    lessonId: string,
  ): Promise<ScormAttemptRow | undefined> {
    return this.db
      .selectFrom('scorm_attempts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  /** Inserts the attempt unless its id exists; false when it already did. */
  async insertAttempt(row: Insertable<ScormAttemptsTable>): Promise<boolean> {
    const result = await this.db
      .insertInto('scorm_attempts')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async updateAttempt(
    tenantId: string,
    attemptId: string,
    changes: Updateable<ScormAttemptsTable>,
  ): Promise<void> {
    // Every write bumps version: that is how record sync notices it (decision 0006).
    await this.db
      .updateTable('scorm_attempts')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', attemptId)
      .execute();
  }

  async itemStates(tenantId: string, attemptId: string): Promise<ScormItemStateRow[]> {
    return this.db
      .selectFrom('scorm_item_states')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('attempt_id', '=', attemptId)
      .orderBy('item_id')
      .execute();
  }

  /** Upserts one item's state; `touched_at` is this server's time (sync scans recent writes by it). */
  async putItemState(row: Omit<Insertable<ScormItemStatesTable>, 'id' | 'version'>): Promise<void> {
    const { tenant_id: _t, attempt_id: _a, item_id: _i, ...changes } = row;
    await this.db
      .insertInto('scorm_item_states')
      .values({ ...row, id: naturalId([row.attempt_id, row.item_id]) })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'attempt_id', 'item_id'])
          .doUpdateSet((eb) => ({ ...changes, version: eb('scorm_item_states.version', '+', 1) })),
      )
      .execute();
  }
}
