import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';

let app: SeededApp;
let folder: string;

beforeAll(async () => {
  app = await startSeededApp();
  folder = mkdtempSync(join(tmpdir(), 'satchel-e2e-import-'));
});
afterEach(() => {
  expect(app.takePageErrors(), 'uncaught errors in the page').toEqual([]);
});
afterAll(async () => {
  await app?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function csvFile(name: string, lines: string[]): string {
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
}

const HEADER = 'username,givenName,familyName,role,password,pin,sex,birthYear,region';
const NEW_PEOPLE = [
  'kofi.m,Kofi,Mensah,learner,river-stone-42,,male,2014,North',
  'esi.a,Esi,Asante,learner,,4826,female,2015,South',
  'ama.o,Ama,Owusu,teacher,blackboard-77,,female,1988,East',
];

describe('an admin of the youth platform', () => {
  it('imports users from CSV: a file with an error row is reported and changes nothing, a correct one creates them', async () => {
    const tenantId = app.tenantId('learners');
    const countUsers = async () => (await app.server.services.users.list(tenantId, { limit: 1 })).total;
    const before = await countUsers();

    const page = await app.newPage();
    await signIn(page, app, 'learners', 'admin', 'admin123');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('link', { name: 'Import users from a CSV file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import users from a CSV file' }).waitFor();
    const result = page.getByRole('region', { name: 'Result' });

    // Row 3 has a role Satchel does not know: the check lists it and nothing is imported.
    const faulty = csvFile('faulty.csv', [
      HEADER,
      NEW_PEOPLE[0]!,
      'yaw.b,Yaw,Boateng,wizard,magic-wand-99,,male,2013,North',
    ]);
    await page.getByLabel('CSV file').setInputFiles(faulty);
    await page.getByRole('button', { name: 'Check file' }).click();
    await result.getByText('1 problem in the file').waitFor();
    await result.getByText('Nothing was imported. Fix the file, then check it again.').waitFor();
    const problems = result.getByRole('table', { name: 'Problems by row' });
    const problemRow = problems
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
    await problemRow.getByRole('cell', { name: 'role', exact: true }).waitFor();
    expect(await problems.getByRole('row').count()).toBe(2);
    expect(await page.getByRole('button', { name: /^Import \d+ users?$/ }).count()).toBe(0);
    expect(await countUsers()).toBe(before);
    expect(await app.server.services.users.byUsername(tenantId, 'kofi.m')).toBeNull();

    // A correct file: checked first, then imported.
    const correct = csvFile('correct.csv', [HEADER, ...NEW_PEOPLE]);
    await page.getByLabel('CSV file').setInputFiles(correct);
    await page.getByRole('button', { name: 'Check file' }).click();
    await result.getByText('The file is ready: 3 rows checked').waitFor();
    expect(await countUsers()).toBe(before);
    await page.getByRole('button', { name: 'Import 3 users' }).click();
    await result.getByText('Import complete').waitFor();

    expect(await countUsers()).toBe(before + 3);
    const kofi = await app.server.services.users.byUsername(tenantId, 'kofi.m');
    expect(kofi).toMatchObject({
      displayName: 'Kofi Mensah',
      roles: ['learner'],
      sex: 'male',
      birthYear: 2014,
      region: 'North',
    });
    expect(await app.server.services.users.byUsername(tenantId, 'esi.a')).toMatchObject({
      roles: ['learner'],
      hasPin: true,
      hasPassword: false,
    });
    expect((await app.server.services.users.byUsername(tenantId, 'ama.o'))?.roles).toEqual(['educator']);

    // An imported learner signs in with the password from the file.
    const learner = await app.newPage();
    await signIn(learner, app, 'learners', 'kofi.m', 'river-stone-42');
    await learner.getByRole('heading', { level: 1, name: 'Welcome, Kofi Mensah' }).waitFor();
  }, 90_000);
});
