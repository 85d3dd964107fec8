// Learners' run-time records as sync kinds (protocol 2; decision 0006, addendum). Field kinds
// here reuse the register machinery; quiz attempts are immutable and travel as a union by id
// (sync.attempts.ts). Only type imports from sync.kinds.ts: it spreads this list into its own.
import { ACTOR_HOMEPAGE, type FieldValue } from '@satchel/core';
import type { FieldKindSpec } from './sync.kinds.js';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function scalar(v: unknown): FieldValue {
  if (v === undefined) return null;
  return typeof v === 'bigint' ? Number(v) : (v as FieldValue);
}

/** Flat objects as text with sorted keys, so equal states have equal text (and equal registers). */
function pack(row: Record<string, unknown>, columns: readonly string[]): string {
  const out: Record<string, FieldValue> = {};
  for (const c of [...columns].sort()) out[c] = scalar(row[c]);
  return JSON.stringify(out);
}

function unpack(
  text: FieldValue | undefined,
  columns: readonly string[],
  required: readonly string[],
): Record<string, FieldValue> | null {
  if (typeof text !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  const out: Record<string, FieldValue> = {};
  for (const c of columns) {
    const v = o[c] ?? null;
    if (v !== null && typeof v !== 'string' && typeof v !== 'number') return null;
    if (v === null && required.includes(c)) return null;
    out[c] = v;
  }
  return out;
}

/** The columns of an item's SCORM state that move together: one commit wrote them all. */
const SCORM_STATE_COLUMNS = [
  'completion',
  'success',
  'score_scaled',
  'score_raw',
  'score_min',
  'score_max',
  'progress_measure',
  'location',
  'suspend_data',
  'exit',
  'previous_seconds',
  'session_seconds',
  'session_id',
  'seq',
  'updated_at',
] as const;
const SCORM_STATE_REQUIRED = [
  'completion',
  'success',
  'location',
  'suspend_data',
  'exit',
  'previous_seconds',
  'session_seconds',
  'session_id',
  'seq',
  'updated_at',
];

/** What an xAPI document is: its bytes and what describes them (ETag = SHA-1 of the bytes). */
const DOCUMENT_COLUMNS = ['content_type', 'content', 'etag', 'updated', 'deleted_at'] as const;
const DOCUMENT_REQUIRED = ['content_type', 'content', 'etag', 'updated'];

const LEARNER_AGENT = `account:${ACTOR_HOMEPAGE}|`;

export const RUNTIME_KINDS_SPEC: readonly FieldKindSpec[] = [
  // An attempt's summary (completion, success, score, progress): each field is set by the
  // commits of one attempt, and field-wise last writer by HLC keeps edits of different fields.
  {
    kind: 'scorm_attempt',
    table: 'scorm_attempts',
    fields: [
      'user_id',
      'course_id',
      'lesson_id',
      'version_id',
      'last_item_id',
      'completed',
      'success',
      'scaled',
      'progress',
      'started_at',
    ],
    userOf: (r) => str(r.user_id),
    classOf: () => null,
  },
  // An item's cmi data is one register: suspend_data from one session with the location of
  // another would resume the SCO somewhere it never was, so the whole state wins or loses.
  {
    kind: 'scorm_item_state',
    table: 'scorm_item_states',
    fields: ['attempt_id', 'item_id', 'user_id', 'state'],
    touched: 'touched_at',
    toFields: (r) => ({
      attempt_id: scalar(r.attempt_id),
      item_id: scalar(r.item_id),
      user_id: scalar(r.user_id),
      state: pack(r, SCORM_STATE_COLUMNS),
    }),
    toColumns: (v) => {
      const state = unpack(v.state, SCORM_STATE_COLUMNS, SCORM_STATE_REQUIRED);
      if (!state || typeof v.attempt_id !== 'string' || typeof v.item_id !== 'string') return null;
      return { attempt_id: v.attempt_id, item_id: v.item_id, user_id: v.user_id ?? null, ...state };
    },
    naturalKey: ['attempt_id', 'item_id'],
    userOf: (r) => str(r.user_id),
    classOf: () => null,
    parents: [{ column: 'attempt_id', table: 'scorm_attempts' }],
  },
  // One registration per learner and course: two hubs that each launched the course first
  // made two; the last by HLC wins everywhere and the other is in the conflict log.
  {
    kind: 'cmi5_registration',
    table: 'cmi5_registrations',
    fields: ['user_id', 'course_id', 'registration', 'created_at'],
    naturalKey: ['user_id', 'course_id'],
    userOf: (r) => str(r.user_id),
    classOf: () => null,
  },
  // State, activity profile and agent profile documents: opaque bytes under an ETag, so the
  // whole document is one register (last writer by HLC; the loser goes to the conflict log).
  // A deletion is a write of a tombstone, ordered against edits like any other write.
  {
    kind: 'xapi_document',
    table: 'xapi_documents',
    fields: ['kind', 'activity_id', 'agent_key', 'registration', 'document_id', 'document'],
    touched: 'updated',
    naturalKey: ['kind', 'activity_id', 'agent_key', 'registration', 'document_id'],
    toFields: (r) => ({
      kind: scalar(r.kind),
      activity_id: scalar(r.activity_id),
      agent_key: scalar(r.agent_key),
      registration: scalar(r.registration),
      document_id: scalar(r.document_id),
      document: pack(r, DOCUMENT_COLUMNS),
    }),
    toColumns: (v) => {
      const doc = unpack(v.document, DOCUMENT_COLUMNS, DOCUMENT_REQUIRED);
      const key = ['kind', 'activity_id', 'agent_key', 'registration', 'document_id'];
      if (!doc || key.some((k) => typeof v[k] !== 'string')) return null;
      if (!['state', 'activity_profile', 'agent_profile'].includes(v.kind as string)) return null;
      return { ...Object.fromEntries(key.map((k) => [k, v[k]])), ...doc };
    },
    // A Satchel learner's documents (their account agent) follow them; others stay platform-wide.
    userOf: (r) => {
      const agent = str(r.agent_key);
      return agent?.startsWith(LEARNER_AGENT) ? agent.slice(LEARNER_AGENT.length) : null;
    },
    classOf: () => null,
  },
];
