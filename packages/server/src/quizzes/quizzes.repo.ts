import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { QuizAttemptsTable } from '../db/schema.js';

export type QuizAttemptRow = Selectable<QuizAttemptsTable>;

export class QuizzesRepo {
  constructor(private readonly db: Db) {}

  async byId(tenantId: string, attemptId: string): Promise<QuizAttemptRow | undefined> {
    return this.db
      .selectFrom('quiz_attempts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', attemptId)
      .executeTakeFirst();
  }

  /** Inserts the attempt unless one with its id exists; false when it already did. */
  async insert(row: Insertable<QuizAttemptsTable>): Promise<boolean> {
    const result = await this.db
      .insertInto('quiz_attempts')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async count(tenantId: string, userId: string, lessonId: string): Promise<number> {
    const row = await this.db
      .selectFrom('quiz_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async list(
    tenantId: string,
    userId: string,
    courseId: string,
    lessonId: string,
  ): Promise<QuizAttemptRow[]> {
    return this.db
      .selectFrom('quiz_attempts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .orderBy('submitted_at')
      .orderBy('id')
      .execute();
  }
}
