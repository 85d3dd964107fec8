import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandIo } from '../cli/command.js';
import { main } from '../cli/main.js';
import { makeZip } from '../test-support/zip-fixtures.js';
import { moodleCartridge } from './cc-fixtures.js';

describe('satchel course import-cc', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'satchel-cli-cc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CommandIo = {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      env: { SATCHEL_DATA: join(dir, 'data'), LOG_LEVEL: 'silent' },
      isTty: false,
    };
    return { code: await main(argv, io), out, err };
  }

  it('imports a cartridge as a draft and prints its report; refuses another standard naming file and rule', async () => {
    expect((await run('tenant', 'create', '--slug', 'school', '--name', 'School')).code).toBe(0);
    const file = join(dir, 'sante.imscc');
    writeFileSync(file, moodleCartridge());
    const res = await run('course', 'import-cc', file, '--tenant', 'school');
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('Imported "Santé et hygiène" (fr) into /t/school/ as a draft');
    expect(res.out).toContain(
      'Common Cartridge 1.1 (Moodle): 2 modules, 4 lessons, 1 quizzes with 4 questions',
    );
    expect(res.out).toMatch(
      /not imported {2}discussion "Forum des nouvelles" in Semaine 1 › Forum des nouvelles \[forum1\.xml\]/,
    );
    expect(res.out).toMatch(/not imported {2}lti "Outil externe"/);

    const json = await run('course', 'import-cc', file, '--tenant', 'school', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ title: 'Santé et hygiène', report: { version: '1.1' } });

    const h5p = join(dir, 'game.h5p');
    writeFileSync(h5p, makeZip({ 'h5p.json': '{}' }));
    const refused = await run('course', 'import-cc', h5p, '--tenant', 'school');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('H5P package');
    expect(refused.err).toContain('(file: h5p.json, rule: other_standard)');

    expect((await run('course', 'import-cc', '--tenant', 'school')).code).toBe(2);
    expect((await run('course', 'import-cc', '--help')).out).toContain(
      'Usage: satchel course import-cc FILE --tenant SLUG',
    );
  });
});
