import type { FieldValue, SyncKind } from '@satchel/core';
import { RUNTIME_KINDS_SPEC } from './sync.kinds.runtime.js';

/** The domain tables whose rows sync field by field, and the columns that travel. */
export type FieldTable =
  | 'users'
  | 'classes'
  | 'memberships'
  | 'class_members'
  | 'enrolments'
  | 'cinema_plans'
  | 'cinema_sessions'
  | 'scorm_attempts'
  | 'scorm_item_states'
  | 'cmi5_registrations'
  | 'xapi_documents';

export interface FieldKindSpec {
  kind: SyncKind;
  table: FieldTable;
  /** Columns merged per field; the others (id, tenant_id, version, updated_at) stay local. */
  fields: readonly string[];
  /** Whose record this is (learner fetch, class scopes). */
  userOf: (row: Record<string, unknown>) => string | null;
  /** Which class it belongs to (class scopes). */
  classOf: (row: Record<string, unknown>) => string | null;
  /** Columns a new row needs that do not sync (local defaults). */
  defaults?: Record<string, FieldValue>;
  /** Rows it points at, which must exist before it can be written (foreign keys). */
  parents?: readonly { column: string; table: 'users' | 'classes' | 'scorm_attempts' }[];
  /**
   * The column holding when this server last wrote the row (default `updated_at`): the
   * tracker scans recent writes by it, and apply sets it unless it travels itself.
   */
  touched?: string;
  /** Columns whose values name the row (its id is `naturalId` of them): a record must match. */
  naturalKey?: readonly string[];
  /** Register values of a row when they are not one per column (a whole document in one register). */
  toFields?: (row: Record<string, unknown>) => Record<string, FieldValue>;
  /** Columns from winning register values (the inverse of `toFields`); null when malformed. */
  toColumns?: (values: Record<string, FieldValue>) => Record<string, unknown> | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

// is_operator never travels: a hub must not be able to make anyone the operator upstream.
export const FIELD_KINDS_SPEC: readonly FieldKindSpec[] = [
  {
    kind: 'user',
    table: 'users',
    fields: [
      'username',
      'display_name',
      'password_hash',
      'pin_hash',
      'email',
      'phone',
      'locale',
      'sex',
      'birth_year',
      'region',
      'disability',
      'external_id',
      'status',
      'created_at',
      'deleted_at',
    ],
    userOf: (r) => str(r.id),
    classOf: () => null,
    defaults: { is_operator: 0 },
  },
  {
    kind: 'class',
    table: 'classes',
    fields: ['name', 'code', 'grade_id', 'description', 'created_at', 'deleted_at'],
    userOf: () => null,
    classOf: (r) => str(r.id),
  },
  {
    kind: 'membership',
    table: 'memberships',
    fields: ['user_id', 'role', 'created_at', 'deleted_at'],
    userOf: (r) => str(r.user_id),
    classOf: () => null,
    parents: [{ column: 'user_id', table: 'users' }],
  },
  {
    kind: 'class_member',
    table: 'class_members',
    fields: ['class_id', 'user_id', 'role', 'created_at', 'deleted_at'],
    userOf: (r) => str(r.user_id),
    classOf: (r) => str(r.class_id),
    parents: [
      { column: 'class_id', table: 'classes' },
      { column: 'user_id', table: 'users' },
    ],
  },
  {
    kind: 'enrolment',
    table: 'enrolments',
    fields: [
      'course_id',
      'path_id',
      'user_id',
      'class_id',
      'source',
      'assigned_by',
      'created_at',
      'deleted_at',
    ],
    userOf: (r) => str(r.user_id),
    classOf: (r) => str(r.class_id),
  },
  // Learning Cinema: plans are edited like profiles; a session log is written once on the laptop
  // that ran it and only travels (its fields never change, so merging is a union by id).
  {
    kind: 'cinema_plan',
    table: 'cinema_plans',
    fields: [
      'owner_id',
      'title',
      'description',
      'age_band',
      'duration_minutes',
      'language',
      'tags',
      'shared',
      'steps',
      'created_at',
      'deleted_at',
    ],
    userOf: (r) => str(r.owner_id),
    classOf: () => null,
  },
  {
    kind: 'cinema_session',
    table: 'cinema_sessions',
    fields: [
      'plan_id',
      'plan_title',
      'date',
      'place',
      'region',
      'latitude',
      'longitude',
      'facilitator_ids',
      'team',
      'started_at',
      'ended_at',
      'attendance',
      'reached',
      'with_disability',
      'activities',
      'check_ins',
      'notes',
      'referral',
      'steps_completed',
      'recorded_by',
      'created_at',
      'deleted_at',
    ],
    userOf: (r) => str(r.recorded_by),
    classOf: () => null,
  },
  // Quiz attempts, SCORM / cmi5 run-time data, xAPI documents (protocol 2, sync.kinds.runtime.ts).
  ...RUNTIME_KINDS_SPEC,
];

export function fieldSpec(kind: SyncKind): FieldKindSpec | undefined {
  return FIELD_KINDS_SPEC.find((s) => s.kind === kind);
}

/** Roles a hub may not grant upstream: only the platform's own admins hand those out. */
export const ROLES_HUBS_CANNOT_GRANT: readonly string[] = ['admin', 'author'];

/** The column a kind's rows record this server's last write time in. */
export function touchedColumn(spec: FieldKindSpec): string {
  return spec.touched ?? 'updated_at';
}

/** The columns of a row from winning register values; null when they are malformed. */
export function columnValues(
  spec: FieldKindSpec,
  values: Record<string, FieldValue>,
): Record<string, unknown> | null {
  if (spec.toColumns) return spec.toColumns(values);
  return Object.fromEntries(spec.fields.map((f) => [f, values[f] ?? null]));
}

/** Column values as registers hold them (JSON scalars). */
export function fieldValues(spec: FieldKindSpec, row: Record<string, unknown>): Record<string, FieldValue> {
  if (spec.toFields) return spec.toFields(row);
  const out: Record<string, FieldValue> = {};
  for (const f of spec.fields) {
    const v = row[f];
    out[f] = v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as FieldValue);
  }
  return out;
}

/** JSON with object keys sorted, so equal states have equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
