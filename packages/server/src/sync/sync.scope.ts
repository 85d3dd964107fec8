import {
  winners,
  type FieldValue,
  type RecordFields,
  type SyncRecord,
  type SyncRefusal,
} from '@satchel/core';
import type { Db } from '../db/database.js';
import { fieldSpec, type FieldKindSpec } from './sync.kinds.js';

/** The code of a record refused because a class-scoped hub may not write it. */
export const OUT_OF_SCOPE = 'out_of_scope';

export interface HubScope {
  hubId: string;
  /** The classes the hub was registered for; empty = the whole platform (nothing is checked). */
  classIds: readonly string[];
}

export interface ScopeCheck {
  /** What the hub may write, in the order it came. */
  allowed: SyncRecord[];
  refused: SyncRefusal[];
  /** Users this batch brings here for the first time (the hub created them), among `allowed`. */
  newUsers: string[];
}

type Values = Record<string, FieldValue>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Which records of a class-scoped hub's push (or bundle) it may write, decided before any is
 * applied (README, "Class-scoped hubs"). A user is writable by the hub when, on this server,
 * they are an active member of one of its classes, or the hub created them (their row first
 * arrived from it) or fetched them at sign-in, or this same batch places them in one of its
 * classes or creates them. Classes: only its own. Class places and enrolments: only in its
 * classes (an enrolment without a class: its learner must be writable). Roles, statements,
 * attempts, run-time states and other per-user rows: their user must be writable (per kind:
 * `userOf` / `classOf` in sync.kinds.ts, else the `user_id` of an immutable body).
 * Conflict-log entries and rows that name neither a class nor a user pass.
 */
export async function checkHubScope(
  db: Db,
  tenantId: string,
  scope: HubScope,
  records: readonly SyncRecord[],
): Promise<ScopeCheck> {
  if (scope.classIds.length === 0) return { allowed: [...records], refused: [], newUsers: [] };
  const classes = new Set(scope.classIds);

  // What each field record says now, and what the row here says (a place cannot move out of another class).
  const incoming = new Map<SyncRecord, Values>();
  const held = new Map<string, Record<string, unknown>>();
  const byTable = new Map<FieldKindSpec, string[]>();
  for (const r of records) {
    const spec = fieldSpec(r.kind);
    if (!spec) continue;
    incoming.set(r, winners((r.fields ?? {}) as RecordFields));
    if (spec.kind !== 'user' && spec.kind !== 'class')
      byTable.set(spec, [...(byTable.get(spec) ?? []), r.id]);
  }
  for (const [spec, ids] of byTable) {
    for (const chunk of chunks(ids)) {
      const rows = (await (db as unknown as Db)
        .selectFrom(spec.table as 'class_members')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', chunk)
        .execute()) as unknown as Record<string, unknown>[];
      for (const row of rows) held.set(`${spec.kind}:${String(row.id)}`, row);
    }
  }

  const userIds = new Set<string>();
  for (const r of records) {
    const spec = fieldSpec(r.kind);
    if (spec?.kind === 'user') userIds.add(r.id);
    else if (spec) {
      for (const row of [incoming.get(r)!, held.get(`${r.kind}:${r.id}`)]) {
        const u = row ? spec.userOf({ ...row, id: r.id }) : null;
        if (u) userIds.add(u);
      }
    } else if (r.kind !== 'conflict') {
      const u = str(r.body?.user_id);
      if (u) userIds.add(u);
    }
  }
  const ids = [...userIds];
  const existing = new Set<string>();
  const writable = new Set<string>();
  for (const chunk of chunks(ids)) {
    for (const row of await db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', chunk)
      .execute())
      existing.add(row.id);
    for (const row of await db
      .selectFrom('class_members')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('class_id', 'in', [...classes])
      .where('user_id', 'in', chunk)
      .where('deleted_at', 'is', null)
      .execute())
      writable.add(row.user_id);
    for (const row of await db
      .selectFrom('sync_hub_users')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('hub_id', '=', scope.hubId)
      .where('user_id', 'in', chunk)
      .execute())
      writable.add(row.user_id);
  }

  const inClasses = (spec: FieldKindSpec, r: SyncRecord): boolean | null => {
    const named = [incoming.get(r)!, held.get(`${r.kind}:${r.id}`)]
      .map((row) => (row ? spec.classOf({ ...row, id: r.id }) : null))
      .filter((c): c is string => c !== null);
    return named.length === 0 ? null : named.every((c) => classes.has(c));
  };
  // This batch's own additions: new users (the hub created them) and places in its classes.
  const newUsers: string[] = [];
  for (const r of records) {
    if (r.kind === 'user' && !existing.has(r.id)) {
      newUsers.push(r.id);
      writable.add(r.id);
    }
    const spec = fieldSpec(r.kind);
    if (r.kind === 'class_member' && spec && inClasses(spec, r) === true) {
      const values = incoming.get(r)!;
      const u = str(values.user_id);
      if (u && values.deleted_at === null) writable.add(u);
    }
  }

  const mayWrite = (r: SyncRecord): boolean => {
    if (r.kind === 'conflict') return true;
    const spec = fieldSpec(r.kind);
    if (!spec) {
      // Immutable rows (statements, quiz attempts): whose they are is in the body.
      const u = str(r.body?.user_id);
      return u === null || writable.has(u);
    }
    if (spec.kind === 'user') return writable.has(r.id);
    const byClass = inClasses(spec, r);
    if (byClass !== null) return byClass;
    const users = [incoming.get(r)!, held.get(`${r.kind}:${r.id}`)]
      .map((row) => (row ? spec.userOf({ ...row, id: r.id }) : null))
      .filter((u): u is string => u !== null);
    return users.every((u) => writable.has(u));
  };

  const allowed: SyncRecord[] = [];
  const refused: SyncRefusal[] = [];
  for (const r of records) {
    if (mayWrite(r)) allowed.push(r);
    else
      refused.push({
        kind: r.kind,
        id: r.id,
        code: OUT_OF_SCOPE,
        reason: 'outside the classes this hub is registered for (its learners, classes and their places)',
      });
  }
  const kept = new Set(allowed.filter((r) => r.kind === 'user').map((r) => r.id));
  return { allowed, refused, newUsers: newUsers.filter((u) => kept.has(u)) };
}

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
