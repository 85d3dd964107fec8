import { formatCsv, type ImportReport } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn, type Client, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const ROWS = 10_000;
const CLASSES = 100;

/**
 * A national-scale roster: every row with a class and demographics. One row in ten has a
 * password and one in ten a PIN, so the test stays quick; hashing throughput is measured
 * on its own (auth.crypto.test.ts, and the figures in the identity notes).
 */
function roster(): string {
  const header = [
    'sourcedId',
    'username',
    'givenName',
    'familyName',
    'role',
    'password',
    'pin',
    'classCode',
    'sex',
    'birthYear',
    'region',
  ];
  const rows = Array.from({ length: ROWS }, (_, i) => [
    `SIS-${i}`,
    `learner${String(i).padStart(5, '0')}`,
    `Given${i}`,
    `Family${i}`,
    i % 50 === 0 ? 'teacher' : 'student',
    i % 10 === 9 ? `initial-pass-${i}` : '',
    i % 10 === 4 ? String(1000 + i).slice(-4) : '',
    `C${i % CLASSES}`,
    i % 2 === 0 ? 'female' : 'male',
    String(2008 + (i % 10)),
    `Region ${i % 7}`,
  ]);
  return formatCsv([header, ...rows]);
}

describe.each(await engines())('importing 10,000 users in one go on %s', (engine) => {
  let server: TestServer;
  let school: Platform;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    school = await platform(server, 'national');
    await addMember(server, school, 'ministry', ['admin']);
    admin = await signedIn(server, school.slug, 'ministry');
  });
  afterAll(async () => server.close());

  it('creates every user, role and class place in one transaction', { timeout: 600_000 }, async () => {
    const res = await admin.call('POST', `/api/t/${school.slug}/users/import?dryRun=false`, roster(), {
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      rows: ROWS,
      created: ROWS,
      updated: 0,
      classesCreated: CLASSES,
      errorCount: 0,
      imported: true,
    } satisfies Partial<ImportReport>);

    const count = async (table: 'users' | 'memberships' | 'classes' | 'class_members') =>
      Number(
        (
          await server.db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', school.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('users')).toBe(ROWS + 1);
    expect(await count('memberships')).toBe(ROWS + 1);
    expect(await count('classes')).toBe(CLASSES);
    expect(await count('class_members')).toBe(ROWS);
    expect((await server.services.users.list(school.id, { role: 'educator', limit: 1 })).total).toBe(
      ROWS / 50,
    );
    await expect(signedIn(server, school.slug, 'learner09999', 'initial-pass-9999')).resolves.toBeDefined();
  });
});
