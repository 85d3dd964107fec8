import type { ClassDetail, ImportReport, User } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import {
  addMember,
  client,
  platform,
  signedIn,
  type Client,
  type Platform,
} from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const ROSTER = [
  'sourcedId,username,givenName,familyName,role,password,pin,email,phone,grades,classCode,sex,birthYear,region,disability',
  'S-100,kemi,Kemi,Adebayo,student,kemi-pass-1,,kemi@example.org,,04,4B,female,2016,Lagos,no',
  'S-101,tunde,Tunde,Bello,student,,2580,,,04,4B,male,2015,Lagos,yes',
  'T-200,mrs.eze,Ngozi,Eze,teacher,teacher-pass-1,,,+234 800 000,,4B;Choir,female,1985,Lagos,',
  'A-300,chief,Ada,Obi,administrator,admin-pass-11,,,,,,,,,',
].join('\n');

describe.each(await engines())('importing a roster CSV over HTTP on %s', (engine) => {
  let server: TestServer;
  let school: Platform;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    school = await platform(server, 'roster-school', { allowPin: true });
    await addMember(server, school, 'registrar', ['admin']);
    admin = await signedIn(server, school.slug, 'registrar');
  });
  afterAll(async () => server.close());

  const upload = (csv: string | Uint8Array, dryRun: boolean, as: Client = admin, type = 'text/csv') =>
    as.call('POST', `/api/t/${school.slug}/users/import?dryRun=${dryRun}`, csv, { 'content-type': type });
  const userCount = async () => (await server.services.users.list(school.id, { limit: 1 })).total;

  it('previews an import without writing anything', async () => {
    const before = await userCount();
    const res = await upload(ROSTER, true);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      rows: 4,
      created: 4,
      updated: 0,
      classesCreated: 2,
      errors: [],
      errorCount: 0,
      ignoredColumns: [],
      dryRun: true,
      imported: false,
    } satisfies ImportReport);
    expect(await userCount()).toBe(before);
  });

  it('imports users, their passwords and PINs, and their classes', async () => {
    const res = await upload(ROSTER, false);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 4, created: 4, updated: 0, classesCreated: 2, imported: true });

    const kemi = (await server.services.users.byUsername(school.id, 'kemi'))!;
    expect(kemi).toMatchObject({
      displayName: 'Kemi Adebayo',
      roles: ['learner'],
      externalId: 'S-100',
      email: 'kemi@example.org',
      sex: 'female',
      birthYear: 2016,
      region: 'Lagos',
      disability: false,
      hasPassword: true,
      hasPin: false,
      version: 1,
    });
    expect((await server.services.users.byUsername(school.id, 'chief'))?.roles).toEqual(['admin']);
    await expect(signedIn(server, school.slug, 'kemi', 'kemi-pass-1')).resolves.toBeDefined();
    const pin = await client(server).post(`/api/t/${school.slug}/auth/signin`, {
      username: 'tunde',
      pin: '2580',
    });
    expect(pin.status).toBe(200);

    const classes = await server.services.classes.list(school.id, { q: '4b' });
    expect(classes.items).toHaveLength(1);
    const fourB: ClassDetail = await server.services.classes.get(school.id, classes.items[0]!.id);
    expect(fourB.members.map((m) => `${m.username}:${m.role}`).sort((x, y) => x.localeCompare(y))).toEqual([
      'kemi:learner',
      'mrs.eze:educator',
      'tunde:learner',
    ]);
  });

  it('updates existing users on a second import, matching by sourcedId, and keeps what empty cells leave out', async () => {
    const csv = [
      'sourcedId,username,role,region,classCode,givenName',
      'S-100,kemi.a,student,Abuja,Choir,', // renamed through the sourcedId, joins a second class
      'S-102,ife,student,,4B,Ife',
    ].join('\n');
    const res = await upload(csv, false);
    expect(res.body).toMatchObject({ rows: 2, created: 1, updated: 1, classesCreated: 0, imported: true });
    const kemi = (await server.services.users.byUsername(school.id, 'kemi.a'))!;
    // Version 1 at import, 2 when her first sign-in upgraded the bulk hash, 3 now.
    expect(kemi).toMatchObject({
      region: 'Abuja',
      displayName: 'Kemi Adebayo',
      email: 'kemi@example.org',
      hasPassword: true,
      version: 3,
    });
    expect(await server.services.users.byUsername(school.id, 'kemi')).toBeNull();
    const choir = (await server.services.classes.list(school.id, { q: 'choir' })).items[0]!;
    expect(choir).toMatchObject({ learnerCount: 1, educatorCount: 1 });
  });

  it('imports nothing when any row has an error, and lists the errors', async () => {
    const before = await userCount();
    const csv = [
      'username,role,password,birthYear',
      'fine1,learner,good-password,2010',
      'fine2,wizard,short,3010',
      'kemi.a,learner,,',
    ].join('\n');
    const dry = await upload(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ imported: false, errorCount: 3 });
    const res = await upload(csv, false);
    expect([res.status, res.code]).toEqual([400, 'import_rows_invalid']);
    const report = (res.body as { error: { details: ImportReport } }).error.details;
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'role', 'invalid_role'],
      [3, 'password', 'invalid_password'],
      [3, 'birthYear', 'invalid_birth_year'],
    ]);
    expect(report).toMatchObject({ rows: 3, imported: false, dryRun: false });
    expect(await userCount()).toBe(before);
    expect(await server.services.users.byUsername(school.id, 'fine1')).toBeNull();
  });

  it('refuses a row that would merge two different users', async () => {
    const csv = ['sourcedId,username,role', 'S-101,mrs.eze,student'].join('\n');
    const res = await upload(csv, false);
    expect(res.code).toBe('import_rows_invalid');
    const report = (res.body as { error: { details: ImportReport } }).error.details;
    expect(report.errors[0]).toMatchObject({ row: 2, column: 'username', code: 'username_taken' });
  });

  it('signs out a user whose password an import replaces', async () => {
    await addMember(server, school, 'reset.me', ['learner']);
    const device = await signedIn(server, school.slug, 'reset.me');
    const res = await upload('username,role,password\nreset.me,learner,a-brand-new-pass\n', false);
    expect(res.body).toMatchObject({ updated: 1, imported: true });
    expect((await device.get(`/api/t/${school.slug}/me`)).status).toBe(401);
    await expect(signedIn(server, school.slug, 'reset.me', 'a-brand-new-pass')).resolves.toBeDefined();
  });

  it('does not let a tenant admin take over the operator’s account through a file', async () => {
    await addMember(server, school, 'the-operator', ['admin'], { isOperator: true });
    const res = await upload('username,role,password\nthe-operator,admin,taken-over-now\n', false);
    expect(res.code).toBe('import_rows_invalid');
    const report = (res.body as { error: { details: ImportReport } }).error.details;
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, code: 'operator_protected' })]);
    await expect(signedIn(server, school.slug, 'the-operator')).resolves.toBeDefined();
  });

  it('refuses unusable files with a clear code and imports nothing', async () => {
    const before = await userCount();
    const cases: [string | Uint8Array, string][] = [
      ['', 'csv_empty'],
      ['name,email\nx,y\n', 'csv_missing_columns'],
      ['username,role\n', 'csv_no_rows'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14]), 'csv_not_text'],
      [new Uint8Array([0x75, 0x2c, 0x72, 0x0a, 0xe9, 0x2c, 0x6c]), 'csv_not_utf8'],
    ];
    for (const [body, code] of cases) {
      const res = await upload(body, false);
      expect([res.status, res.code]).toEqual([400, code]);
    }
    expect(await userCount()).toBe(before);
  });

  it('wants the CSV itself as the body, from an admin', async () => {
    const json = await admin.post(`/api/t/${school.slug}/users/import`, { csv: ROSTER });
    expect([json.status, json.code]).toEqual([415, 'unsupported_media_type']);
    await addMember(server, school, 'curious', ['educator']);
    const educator = await signedIn(server, school.slug, 'curious');
    expect((await upload(ROSTER, true, educator)).status).toBe(403);
    const listed = (await admin.get(`/api/t/${school.slug}/users?q=kemi`)).body as { items: User[] };
    expect(listed.items).toHaveLength(1);
  });

  it('documents the CSV body in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, unknown> } } }>;
    };
    expect(
      Object.keys(doc.paths['/api/t/{tenant}/users/import']?.post?.requestBody?.content ?? {}),
    ).toContain('text/csv');
  });
});
