import { VERBS } from '@satchel/core';
import { forbidden, invalid } from '../http/errors.js';
import type { UserCourse } from '../progress/progress.repo.js';
import type { StatementAuthority } from './lrs.authority.js';
import type { PreparedStatement } from './lrs.ingest.js';
import type { LrsRepo, StatementInsert } from './lrs.repo.js';

// Voiding (Data 2.3.2): what may be voided, checked before the transaction, and
// applying it inside, in whichever order a voiding statement and its target arrive.

/**
 * Voiding rules: a voiding statement cannot be voided; a learner may only void
 * their own statements (and so only ones the LRS already holds). Credentials may
 * void a statement that has not arrived yet: it is voided when it does.
 */
export async function checkVoiding(
  repo: LrsRepo,
  tenantId: string,
  prepared: readonly PreparedStatement[],
  authority: StatementAuthority,
): Promise<void> {
  const voiders = prepared.filter((p) => p.voidedTarget !== null);
  if (voiders.length === 0) return;
  const inBatch = new Map(prepared.map((p) => [p.id, p]));
  const stored = new Map(
    (
      await repo.byIds(
        tenantId,
        voiders.map((v) => v.voidedTarget!),
      )
    ).map((r) => [r.id, r]),
  );
  const issues: { path: string; message: string }[] = [];
  for (const voider of voiders) {
    const target = voider.voidedTarget!;
    const index = prepared.indexOf(voider);
    const batchTarget = inBatch.get(target);
    const storedTarget = stored.get(target);
    const targetVoids =
      (batchTarget !== undefined && batchTarget.voidedTarget !== null) ||
      storedTarget?.verb_id === VERBS.voided;
    if (targetVoids) {
      issues.push({
        path: `[${index}].object.id`,
        message: 'names a voiding statement, and a voiding statement cannot be voided',
      });
      continue;
    }
    if (authority.kind === 'learner') {
      const owner = batchTarget ? batchTarget.accountName : storedTarget?.user_id;
      if (owner !== authority.userId) {
        throw forbidden('A learner may only void their own statements', { index, statementId: target });
      }
    }
  }
  if (issues.length > 0)
    throw invalid('invalid_statement', 'A voiding statement cannot be voided', { issues });
}

/**
 * Applies voiding for newly stored statements, in both arrival orders; returns the
 * (learner, course) pairs to recompute. `targeted` tells, for each fresh id, whether
 * a voiding statement stored before the INSERT names it (see LrsRepo.insertNewNotingVoided).
 */
export async function applyVoiding(
  tx: LrsRepo,
  tenantId: string,
  fresh: readonly StatementInsert[],
  targeted: ReadonlyMap<string, boolean>,
): Promise<UserCourse[]> {
  // A fresh statement may be voided by a voiding statement stored earlier, and a fresh
  // voiding statement may target one stored earlier: both are in `candidates`. Without
  // a voiding statement in the batch only the first can happen, and the INSERT already
  // said which fresh statements have one waiting: usually none, and no query is made.
  const candidates = new Set<string>();
  const batchVoids = fresh.some((r) => r.voided_target !== null && r.voided_target !== undefined);
  for (const r of fresh) {
    if (batchVoids) candidates.add(r.voided_target ?? r.id);
    else if (targeted.get(r.id) === true) candidates.add(r.id);
  }
  const voided = await tx.voidTargeted(tenantId, [...candidates], VERBS.voided);
  const pairs: UserCourse[] = [];
  for (const r of [...fresh, ...voided]) {
    if (r.user_id && r.course_id) pairs.push({ userId: r.user_id, courseId: r.course_id });
  }
  return pairs;
}
