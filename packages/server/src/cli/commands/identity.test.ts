import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/database.js';
import { main } from '../main.js';
import type { CommandIo } from '../command.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('identity commands of the satchel CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'satchel-cli-'));
    env = { SATCHEL_DATA: dir, LOG_LEVEL: 'silent' };
    expect(
      (await run(['tenant', 'create', '--slug', 'youth', '--name', 'Youth Passport', '--allow-pin'])).code,
    ).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
    let out = '';
    let err = '';
    const io: CommandIo = {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      env: { ...env, ...extraEnv },
      isTty: false,
    };
    const code = await main(argv, io);
    return { code, out, err };
  }

  async function usersInDb(): Promise<{ username: string; is_operator: number }[]> {
    const handle = openSqlite(join(dir, 'satchel.sqlite'));
    try {
      return await handle.db
        .selectFrom('users')
        .select(['username', 'is_operator'])
        .orderBy('username')
        .execute();
    } finally {
      await handle.destroy();
    }
  }

  it('adds a user with several roles who can then be found in the database', async () => {
    const res = await run([
      'user',
      'add',
      '--tenant',
      'youth',
      '--username',
      'Amina',
      '--password',
      'long secret 1',
      '--role',
      'admin,author',
      '--role',
      'educator',
      '--name',
      'Amina K.',
    ]);
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toMatch(/^Created user "amina" \(admin, author, educator\) on \/t\/youth\//);
    const json = await run([
      'user',
      'add',
      '--tenant',
      'youth',
      '--username',
      'op',
      '--password',
      'long secret 2',
      '--role',
      'admin',
      '--operator',
      '--json',
    ]);
    expect(JSON.parse(json.out)).toMatchObject({ username: 'op', isOperator: true, roles: ['admin'] });
    const pinOnly = await run([
      'user',
      'add',
      '--tenant',
      'youth',
      '--username',
      'kid',
      '--pin',
      '1234',
      '--role',
      'learner',
    ]);
    expect(pinOnly.code).toBe(0);
    expect(await usersInDb()).toEqual([
      { username: 'amina', is_operator: 0 },
      { username: 'kid', is_operator: 0 },
      { username: 'op', is_operator: 1 },
    ]);
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const base = ['user', 'add', '--tenant', 'youth', '--username', 'bob', '--password', 'long secret 1'];
    const badRole = await run([...base, '--role', 'wizard']);
    expect([badRole.code, badRole.err]).toEqual([2, expect.stringContaining('"wizard" is not a role')]);
    const noRole = await run(base);
    expect([noRole.code, noRole.err]).toEqual([2, expect.stringContaining('--role is required')]);
    const unknownTenant = await run([
      'user',
      'add',
      '--tenant',
      'atlantis',
      '--username',
      'bob',
      '--password',
      'long secret 1',
      '--role',
      'learner',
    ]);
    expect([unknownTenant.code, unknownTenant.err]).toEqual([
      1,
      expect.stringContaining('there is no platform called "atlantis"'),
    ]);
    const short = await run([
      'user',
      'add',
      '--tenant',
      'youth',
      '--username',
      'bob',
      '--password',
      'short',
      '--role',
      'learner',
    ]);
    expect([short.code, short.err]).toEqual([
      1,
      expect.stringContaining('--password: at least 8 characters'),
    ]);
    expect((await run([...base, '--role', 'learner'])).code).toBe(0);
    const again = await run([...base, '--role', 'learner']);
    expect([again.code, again.err]).toEqual([1, expect.stringContaining('username_taken')]);
    expect(await usersInDb()).toEqual([{ username: 'bob', is_operator: 0 }]);
  });

  it('prints help for each command', async () => {
    for (const argv of [
      ['user', 'add'],
      ['users', 'import'],
      ['lrs-credentials', 'create'],
    ]) {
      const res = await run([...argv, '--help']);
      expect(res.code).toBe(0);
      expect(res.out).toContain(`Usage: satchel ${argv.join(' ')}`);
    }
  });

  it('imports a roster, dry run first, with progress on stderr', async () => {
    const file = join(dir, 'roster.csv');
    writeFileSync(
      file,
      'username,givenName,role,password,classCode\nzola,Zola,student,zola-pass-1,5A\nmr.ade,Ade,teacher,ade-pass-11,5A\n',
    );
    const dry = await run(['users', 'import', file, '--tenant', 'youth', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(
      '2 row(s), no errors (dry run): 2 to create, 0 to update, 1 new class(es). Nothing was imported.',
    );
    expect(await usersInDb()).toEqual([]);
    const real = await run(['users', 'import', file, '--tenant', 'youth']);
    expect(real.code).toBe(0);
    expect(real.out).toContain('imported 2 row(s): 2 created, 0 updated, 1 new class(es)');
    expect(real.err).toContain('Hashing passwords: 100% (2/2)');
    expect(real.err).toContain('Writing users: 100% (2/2)');
    expect((await usersInDb()).map((u) => u.username)).toEqual(['mr.ade', 'zola']);
  });

  it('lists row errors, imports nothing and exits non-zero', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'username,role,birthYear\nfine,learner,2010\nbad,wizard,12\n');
    const res = await run(['users', 'import', file, '--tenant', 'youth']);
    expect(res.code).toBe(1);
    expect(res.out).toContain('2 row(s), 2 error(s). Nothing was imported.');
    expect(res.out).toContain('row 3, role:');
    expect(res.out).toContain('(invalid_birth_year)');
    expect(await usersInDb()).toEqual([]);
    const json = await run(['users', 'import', file, '--tenant', 'youth', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ rows: 2, errorCount: 2, imported: false });
  });

  it('explains a missing file, an unusable file and a missing argument', async () => {
    const missing = await run(['users', 'import', join(dir, 'nope.csv'), '--tenant', 'youth']);
    expect([missing.code, missing.err]).toEqual([1, expect.stringContaining('no such file')]);
    const notRoster = join(dir, 'other.csv');
    writeFileSync(notRoster, 'name,email\nx,y\n');
    const unusable = await run(['users', 'import', notRoster, '--tenant', 'youth']);
    expect([unusable.code, unusable.err]).toEqual([1, expect.stringContaining('csv_missing_columns')]);
    const noFile = await run(['users', 'import', '--tenant', 'youth']);
    expect(noFile.code).toBe(2);
  });

  it('creates LRS credentials and prints exactly endpoint, key and secret as JSON', async () => {
    const res = await run(
      ['lrs-credentials', 'create', '--tenant', 'youth', '--name', 'Survey app', '--json'],
      { PORT: '9090' },
    );
    expect(res.code).toBe(0);
    const body = JSON.parse(res.out) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['endpoint', 'key', 'secret']);
    expect(body.endpoint).toBe('http://localhost:9090/xapi/');
    const publicUrl = await run(['lrs-credentials', 'create', '--tenant', 'youth', '--json'], {
      SATCHEL_PUBLIC_URL: 'https://learn.example.org/',
    });
    expect((JSON.parse(publicUrl.out) as { endpoint: string }).endpoint).toBe(
      'https://learn.example.org/xapi/',
    );
    const text = await run(['lrs-credentials', 'create', '--tenant', 'youth']);
    expect(text.out).toContain('endpoint: http://localhost:8080/xapi/');
    const unknown = await run(['lrs-credentials', 'create', '--tenant', 'atlantis']);
    expect(unknown.code).toBe(1);
  });
});
