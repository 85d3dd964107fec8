import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ACTOR_HOMEPAGE, VERBS, type Statement } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { authorityAgent } from '../lrs/lrs.authority.js';
import { prepareStatement } from '../lrs/lrs.ingest.js';
import { STATEMENT_COLUMNS } from './sync.statements.js';
import { compactStatementBody, encodeBody, statementRow } from './sync.statements.js';

const TENANT = 'tenant-1';

/** A statement body as the feed sends it: every column the LRS stored at ingest. */
function fullBody(statement: Statement): Record<string, unknown> {
  const p = prepareStatement(
    statement,
    '2026-11-28T10:00:00.000Z',
    authorityAgent({ kind: 'credential', key: 'k', name: 'tablet' }),
  );
  const row: Record<string, unknown> = {
    id: p.id,
    actor_key: p.actorKey,
    user_id: p.accountName,
    verb_id: p.verbId,
    object_id: p.objectId,
    registration: p.registration,
    timestamp: p.timestamp,
    stored: p.statement.stored,
    voided_target: p.voidedTarget,
    statement: JSON.stringify(p.statement),
    course_id: 'course-1',
    result: p.statement.result === undefined ? null : JSON.stringify(p.statement.result),
    authority_kind: 'credential',
    related_activities: p.relatedActivities,
    related_agents: p.relatedAgents,
  };
  return Object.fromEntries(STATEMENT_COLUMNS.map((c) => [c, row[c]]));
}

const completed: Statement = {
  id: '01930000-0000-7000-8000-000000000001',
  actor: { objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: 'learner-1' } },
  verb: { id: VERBS.completed, display: { en: 'completed' } },
  object: { objectType: 'Activity', id: 'https://satchel.invalid/lessons/l1' },
  result: { completion: true, score: { scaled: 0.5 } },
  context: {
    registration: '01930000-0000-7000-8000-0000000000AA',
    contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://satchel.invalid/courses/c1' }] },
  },
  timestamp: '2026-11-28T09:59:00+01:00',
};

const voiding: Statement = {
  id: '01930000-0000-7000-8000-000000000002',
  actor: { objectType: 'Agent', account: { homePage: ACTOR_HOMEPAGE, name: 'learner-1' } },
  verb: { id: VERBS.voided, display: { en: 'voided' } },
  object: { objectType: 'StatementRef', id: '01930000-0000-7000-8000-000000000001' },
};

describe('compact statement records (protocol 2)', () => {
  it('derive the same row as the full body their sender stored', () => {
    for (const statement of [completed, voiding]) {
      const full = fullBody(statement);
      const fromFull = statementRow(TENANT, String(full.id), full);
      const compact = compactStatementBody(full);
      expect(Object.keys(compact).sort()).toEqual([
        'authority_kind',
        'course_id',
        'id',
        'statement',
        'user_id',
      ]);
      expect(statementRow(TENANT, String(full.id), compact)).toEqual(fromFull);
      expect(fromFull).toMatchObject({ tenant_id: TENANT, voided: 0, course_id: 'course-1' });
    }
    const voidingRow = statementRow(TENANT, voiding.id!, compactStatementBody(fullBody(voiding)));
    expect(voidingRow?.voided_target).toBe(completed.id);
    const completedRow = statementRow(TENANT, completed.id!, compactStatementBody(fullBody(completed)));
    expect(completedRow?.registration).toBe('01930000-0000-7000-8000-0000000000aa');
    expect(completedRow?.timestamp).toBe('2026-11-28T08:59:00.000Z');
  });

  it('refuse bodies that are not statement rows', () => {
    const full = fullBody(completed);
    const id = String(full.id);
    expect(statementRow(TENANT, 'another-id', full)).toBeNull();
    expect(statementRow(TENANT, id, { ...compactStatementBody(full), statement: '{not json' })).toBeNull();
    expect(statementRow(TENANT, id, { ...compactStatementBody(full), statement: 42 })).toBeNull();
    const { stored: _stored, ...unstored } = JSON.parse(String(full.statement)) as Record<string, unknown>;
    expect(statementRow(TENANT, id, { id, statement: JSON.stringify(unstored) })).toBeNull();
  });

  it('encode request bodies in brotli or gzip', async () => {
    const text = JSON.stringify({ records: Array.from({ length: 50 }, () => fullBody(completed)) });
    const br = await encodeBody(text, true);
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(text);
    const gz = await encodeBody(text, false);
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(text);
  });
});
