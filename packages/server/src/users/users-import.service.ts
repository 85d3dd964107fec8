import { uuidv7, type ImportReport, type ImportRowError, type Role } from '@satchel/core';
import type { Updateable } from 'kysely';
import { BULK_PARAMS, hashMany } from '../auth/auth.crypto.js';
import type { UsersTable } from '../db/schema.js';
import { conflict } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import {
  ImportRaceError,
  type ClassMemberRow,
  type ImportWrite,
  type UserImportRepo,
} from './users-import.repo.js';
import { decodeRoster, parseRoster, type ImportRow } from './users-import.parse.js';
import { isUniqueViolation, type MembershipRow, type UserRow, type UsersRepo } from './users.repo.js';
import type { ChangedBy } from './users.service.js';

export type ImportPhase = 'hashing' | 'writing';

export interface ImportOptions {
  dryRun: boolean;
  /** Who imports: an operator's account may only be changed by the operator. */
  by?: ChangedBy;
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

const MAX_REPORTED_ERRORS = 1000;

/** A row bound to the user it creates or updates. */
interface Target {
  row: ImportRow;
  existing: UserRow | null;
  userId: string;
}

/**
 * Roster CSV import. All or nothing: every row is checked (including against the
 * users and classes already there) before anything is written; if any row has an
 * error, nothing is imported and the report lists every error. Otherwise the whole
 * file is written in ONE transaction with multi-row inserts. Existing users (matched
 * by sourcedId, then username) are updated: non-empty cells overwrite, empty cells
 * keep what is stored, roles are added (never removed). `classCode` creates the
 * class if no live class has that code, and puts the user in it.
 */
export class UserImportService {
  constructor(
    private readonly repo: UserImportRepo,
    private readonly users: UsersRepo,
    private readonly clock: Clock,
  ) {}

  async importCsv(
    tenantId: string,
    input: Uint8Array | string,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const now = this.clock.now();
    const parsed = parseRoster(decodeRoster(input), now.getUTCFullYear());
    const errors: ImportRowError[] = [...parsed.errors];
    const targets = await this.bindUsers(tenantId, parsed.rows, options.by ?? null, errors);
    const write = await this.plan(tenantId, targets, now.toISOString());
    const created = targets.filter((t) => !t.existing).length;
    const report = (imported: boolean): ImportReport => ({
      rows: parsed.rowCount,
      created,
      updated: targets.length - created,
      classesCreated: write.newClasses.length,
      errors: errors.sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_ERRORS),
      errorCount: errors.length,
      ignoredColumns: parsed.ignoredColumns,
      dryRun: options.dryRun,
      imported,
    });
    if (errors.length > 0 || options.dryRun) return report(false);

    await this.hashSecrets(targets, write, options);
    const total = write.newUsers.length + write.userUpdates.length;
    try {
      await this.repo.apply(write, now.toISOString(), (phase, done) =>
        options.onProgress?.('writing', phase === 'users' ? done : write.newUsers.length + done, total),
      );
    } catch (err) {
      if (err instanceof ImportRaceError || isUniqueViolation(err)) {
        throw conflict(
          'import_conflict',
          'Users changed while the file was being imported; nothing was imported, try again',
        );
      }
      throw err;
    }
    return report(true);
  }

  /** Matches each row to an existing user or a new id; conflicts become row errors. */
  private async bindUsers(
    tenantId: string,
    rows: ImportRow[],
    by: ChangedBy,
    errors: ImportRowError[],
  ): Promise<Target[]> {
    const existing = await this.users.findForImport(
      tenantId,
      rows.map((r) => r.username),
      rows.flatMap((r) => (r.sourcedId ? [r.sourcedId] : [])),
    );
    const byName = new Map(existing.map((u) => [u.username, u]));
    const byExternal = new Map(existing.flatMap((u) => (u.external_id ? [[u.external_id, u] as const] : [])));
    const claimed = new Map<string, number>();
    const targets: Target[] = [];
    for (const row of rows) {
      const fail = (column: string | null, code: string, message: string): void => {
        errors.push({ row: row.row, column, code, message });
      };
      const bySourced = row.sourcedId ? byExternal.get(row.sourcedId) : undefined;
      const named = byName.get(row.username);
      if (bySourced && named && bySourced.id !== named.id) {
        fail(
          'username',
          'username_taken',
          `The username "${row.username}" belongs to a different user than sourcedId "${row.sourcedId}"`,
        );
        continue;
      }
      const match = bySourced ?? named ?? null;
      if (match && !bySourced && row.sourcedId && match.external_id && match.external_id !== row.sourcedId) {
        fail(
          'sourcedId',
          'sourced_id_mismatch',
          `The user "${row.username}" already has the sourcedId "${match.external_id}"`,
        );
        continue;
      }
      if (match && match.is_operator === 1 && !(by === null || by.isOperator || by.userId === match.id)) {
        fail(
          'username',
          'operator_protected',
          'Only the instance operator can change the operator’s account',
        );
        continue;
      }
      const userId = match?.id ?? uuidv7();
      const earlier = claimed.get(userId);
      if (earlier !== undefined) {
        fail('username', 'duplicate_user', `This row and row ${earlier} are the same user`);
        continue;
      }
      claimed.set(userId, row.row);
      targets.push({ row, existing: match, userId });
    }
    return targets;
  }

  private async plan(tenantId: string, targets: Target[], now: string): Promise<ImportWrite> {
    const write: ImportWrite = {
      newClasses: [],
      newUsers: [],
      userUpdates: [],
      newMemberships: [],
      revivedMemberships: [],
      newClassMembers: [],
      classMemberUpdates: [],
      signOut: [],
    };
    const sync = { created_at: now, updated_at: now, version: 1, deleted_at: null };

    const existingIds = targets.flatMap((t) => (t.existing ? [t.existing.id] : []));
    const memberships = groupBy(await this.users.membershipsOf(tenantId, existingIds), (m) => m.user_id);
    for (const t of targets) {
      if (t.existing) {
        write.userUpdates.push({
          id: t.userId,
          expectedVersion: t.existing.version,
          set: updateSet(t.row, t.existing),
        });
        if (t.row.password !== null) write.signOut.push(t.userId);
      } else {
        write.newUsers.push({ ...newUser(t.row), ...sync, id: t.userId, tenant_id: tenantId });
      }
      const held: MembershipRow[] = memberships.get(t.userId) ?? [];
      for (const role of t.row.roles) {
        const row = held.find((m) => m.role === role);
        if (!row)
          write.newMemberships.push({ ...sync, id: uuidv7(), tenant_id: tenantId, user_id: t.userId, role });
        else if (row.deleted_at !== null) write.revivedMemberships.push({ id: row.id, version: row.version });
      }
    }

    const codes = [...new Set(targets.flatMap((t) => t.row.classCodes))];
    if (codes.length === 0) return write;
    const classIds = new Map<string, string>();
    for (const c of await this.repo.classesByCode(tenantId, codes))
      if (c.code && !classIds.has(c.code)) classIds.set(c.code, c.id);
    const missing = codes.filter((c) => !classIds.has(c));
    const gradeOf = new Map<string, string>();
    for (const t of targets)
      for (const code of t.row.classCodes)
        if (t.row.grade && !gradeOf.has(code)) gradeOf.set(code, t.row.grade);
    const grades = await this.repo.gradesByCode(tenantId, [
      ...new Set(missing.flatMap((c) => gradeOf.get(c) ?? [])),
    ]);
    for (const code of missing) {
      const id = uuidv7();
      classIds.set(code, id);
      const grade = gradeOf.get(code);
      write.newClasses.push({
        ...sync,
        id,
        tenant_id: tenantId,
        name: code,
        code,
        grade_id: (grade && grades.get(grade)) ?? null,
        description: '',
      });
    }

    const places = new Map<string, ClassMemberRow>();
    for (const m of await this.repo.classMembers(tenantId, [...classIds.values()]))
      places.set(`${m.class_id}:${m.user_id}`, m);
    for (const t of targets) {
      const role = classRole(t.row.roles);
      for (const code of t.row.classCodes) {
        const classId = classIds.get(code)!;
        const place = places.get(`${classId}:${t.userId}`);
        if (!place) {
          write.newClassMembers.push({
            ...sync,
            id: uuidv7(),
            tenant_id: tenantId,
            class_id: classId,
            user_id: t.userId,
            role,
          });
        } else if (place.deleted_at !== null || place.role !== role) {
          write.classMemberUpdates.push({ id: place.id, version: place.version, role });
        }
      }
    }
    return write;
  }

  /** Hashes every password and PIN of the file with the bulk parameters, in parallel, before the transaction. */
  private async hashSecrets(targets: Target[], write: ImportWrite, options: ImportOptions): Promise<void> {
    const jobs: { userId: string; column: 'password_hash' | 'pin_hash'; secret: string }[] = [];
    for (const t of targets) {
      if (t.row.password !== null)
        jobs.push({ userId: t.userId, column: 'password_hash', secret: t.row.password });
      if (t.row.pin !== null) jobs.push({ userId: t.userId, column: 'pin_hash', secret: t.row.pin });
    }
    if (jobs.length === 0) return;
    const hashes = await hashMany(
      jobs.map((j) => j.secret),
      BULK_PARAMS,
      (done) => options.onProgress?.('hashing', done, jobs.length),
    );
    const inserts = new Map(write.newUsers.map((u) => [u.id, u]));
    const updates = new Map(write.userUpdates.map((u) => [u.id, u.set]));
    jobs.forEach((job, i) => {
      const target = inserts.get(job.userId) ?? updates.get(job.userId);
      if (target) target[job.column] = hashes[i]!;
    });
  }
}

/** In a class, anyone who is not only a learner teaches. */
function classRole(roles: readonly Role[]): 'educator' | 'learner' {
  return roles.every((r) => r === 'learner') ? 'learner' : 'educator';
}

function newUser(
  row: ImportRow,
): Omit<UserRow, 'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'version' | 'deleted_at'> {
  return {
    username: row.username,
    display_name: row.displayName ?? row.username,
    password_hash: null,
    pin_hash: null,
    email: row.email,
    phone: row.phone,
    locale: null,
    sex: row.sex,
    birth_year: row.birthYear,
    region: row.region,
    disability: row.disability === null ? null : row.disability ? 1 : 0,
    external_id: row.sourcedId,
    is_operator: 0,
    status: 'active',
  };
}

/** Non-empty cells overwrite; empty cells keep what is stored. */
function updateSet(row: ImportRow, user: UserRow): Updateable<UsersTable> {
  const set: Updateable<UsersTable> = {};
  if (row.username !== user.username) set.username = row.username;
  if (row.displayName !== null) set.display_name = row.displayName;
  if (row.email !== null) set.email = row.email;
  if (row.phone !== null) set.phone = row.phone;
  if (row.sex !== null) set.sex = row.sex;
  if (row.birthYear !== null) set.birth_year = row.birthYear;
  if (row.region !== null) set.region = row.region;
  if (row.disability !== null) set.disability = row.disability ? 1 : 0;
  if (row.sourcedId !== null) set.external_id = row.sourcedId;
  return set;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item)) ?? [];
    list.push(item);
    out.set(key(item), list);
  }
  return out;
}
