import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNational } from '../../mirror/mirror.fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';
import type { CommandIo } from '../command.js';
import { main } from '../main.js';

// The `satchel mirror` and `satchel bundle` commands as an operator runs them: each
// "server" is a data directory of its own (SQLite file + blobs), and bundles travel
// between them as files only.

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('the mirror and bundle commands of the satchel CLI', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'satchel-cli-bundle-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(server: string, ...argv: string[]): Promise<Run> {
    let out = '';
    let err = '';
    const io: CommandIo = {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      env: { SATCHEL_DATA: join(dir, server), LOG_LEVEL: 'silent' },
      isTty: false,
    };
    const code = await main(argv, io);
    return { code, out, err };
  }
  const ok = (r: Run): Run => {
    expect(r.code, r.err).toBe(0);
    return r;
  };
  const json = <T>(r: Run): T => {
    expect(r, r.err).toMatchObject({ code: 0 });
    return JSON.parse(r.out) as T;
  };

  it('explains each command with --help', async () => {
    for (const argv of [
      ['mirror'],
      ['bundle', 'export'],
      ['bundle', 'import'],
      ['bundle', 'key'],
      ['bundle', 'trust'],
    ]) {
      const res = await run('help', ...argv, '--help');
      expect(res.code).toBe(0);
      expect(res.out).toContain(`Usage: satchel ${argv.join(' ')}`);
    }
  });

  it('mirrors from a real upstream server, with a progress line and a rate limit', async () => {
    let national: TestServer | null = null;
    try {
      national = await startTestServer({ engine: 'sqlite' });
      const nat = await seedNational(national);
      ok(await run('hub', 'tenant', 'create', '--slug', 'youth', '--name', 'Youth'));
      const unregistered = await run('hub', 'mirror', '--tenant', 'youth');
      expect(unregistered.code).toBe(1);
      expect(unregistered.err).toMatch(/not registered as a hub.*--from URL and --token/);
      const badRate = await run(
        'hub',
        'mirror',
        '--tenant',
        'youth',
        '--from',
        national.url,
        '--token',
        nat.token,
        '--limit-rate',
        'fast',
      );
      expect(badRate.code).toBe(2);

      const first = await run(
        'hub',
        'mirror',
        '--tenant',
        'youth',
        '--from',
        national.url,
        '--token',
        nat.token,
        '--languages',
        'fr',
        '--limit-rate',
        '50M',
      );
      expect(first.code, first.err).toBe(0);
      expect(first.err).toMatch(/1 course\(s\) upstream, 1 new here; 2 file\(s\) to fetch/);
      expect(first.err).toContain('Fetching files (bytes): 100%');
      expect(first.out).toMatch(/Mirrored 1 new course version\(s\) into \/t\/youth\//);
      const again = json<{ applied: number; blobs: number }>(
        await run(
          'hub',
          'mirror',
          '--tenant',
          'youth',
          '--from',
          national.url,
          '--json',
          '--languages',
          'fr',
          '--token',
          nat.token,
        ),
      );
      expect(again).toMatchObject({ applied: 0, blobs: 0 });
    } finally {
      await national?.close();
    }
  });

  it('carries a platform to a new hub and records back, by files alone', async () => {
    ok(await run('a', 'seed-demo'));
    const a = json<{ publicKey: string; fingerprint: string; instanceId: string }>(
      await run('a', 'bundle', 'key', '--json'),
    );
    const f1 = join(dir, 'learners-1.satchel');
    const e1 = json<{ courses: number; files: number; records: number }>(
      await run(
        'a',
        'bundle',
        'export',
        '--tenant',
        'learners',
        '--content',
        '--records',
        '--to',
        f1,
        '--json',
      ),
    );
    expect(e1.courses).toBeGreaterThan(0);
    expect(e1.files).toBeGreaterThan(0);
    expect(e1.records).toBeGreaterThan(0);
    expect((await run('a', 'bundle', 'export', '--tenant', 'learners', '--content', '--to', f1)).err).toMatch(
      /exists/,
    );

    const refused = await run('b', 'bundle', 'import', f1);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not on this server.*--adopt/);
    const imported = await run('b', 'bundle', 'import', f1, '--adopt', '--trust', a.publicKey);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/Imported into \/t\/learners\/ from .*course version\(s\)/);
    expect((await run('b', 'bundle', 'import', f1)).out).toMatch(/already imported/);

    const b = json<{ publicKey: string; instanceId: string }>(await run('b', 'bundle', 'key', '--json'));
    const f2 = join(dir, 'learners-2.satchel');
    const e2 = json<{ records: number; courses: number }>(
      await run(
        'b',
        'bundle',
        'export',
        '--tenant',
        'learners',
        '--records',
        '--for',
        a.instanceId,
        '--to',
        f2,
        '--json',
      ),
    );
    expect(e2).toMatchObject({ records: 0, courses: 0 });
    const untrusted = await run('a', 'bundle', 'import', f2);
    expect(untrusted.code).toBe(1);
    expect(untrusted.err).toMatch(/does not trust.*satchel bundle trust/);
    expect(
      (await run('a', 'bundle', 'trust', '--tenant', 'learners', '--key', b.publicKey, '--name', 'school'))
        .code,
    ).toBe(0);
    ok(await run('a', 'bundle', 'import', f2));

    const f3 = join(dir, 'learners-3.satchel');
    const e3 = json<{ records: number; courses: number; files: number }>(
      await run(
        'a',
        'bundle',
        'export',
        '--tenant',
        'learners',
        '--content',
        '--records',
        '--for',
        b.instanceId,
        '--to',
        f3,
        '--json',
      ),
    );
    expect(e3).toMatchObject({ records: 0, courses: 0, files: 0 });
  });
}, 180_000);
