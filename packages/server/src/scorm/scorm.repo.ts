import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ScormAttemptsTable, ScormItemStatesTable } from '../db/schema.js';

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
    await this.db
      .updateTable('scorm_attempts')
      .set(changes)
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

  async putItemState(row: Insertable<ScormItemStatesTable>): Promise<void> {
    const { tenant_id: _t, attempt_id: _a, item_id: _i, ...changes } = row;
    await this.db
      .insertInto('scorm_item_states')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'attempt_id', 'item_id']).doUpdateSet(changes))
      .execute();
  }
}
