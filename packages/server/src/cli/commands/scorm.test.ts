import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scorm12Files, scorm2004Zip, zipOf } from '../../scorm/fixtures/scorm-fixtures.js';
import type { CommandIo } from '../command.js';
import { main } from '../main.js';

describe('satchel course import-scorm', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'satchel-cli-scorm-'));
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

  it('imports a package as a course draft, adds another to it, and refuses a broken one naming file and rule', async () => {
    expect((await run('tenant', 'create', '--slug', 'plain', '--name', 'Plain')).code).toBe(0);
    const plants = join(dir, 'plants.zip');
    writeFileSync(plants, scorm2004Zip('4th'));
    const made = await run('course', 'import-scorm', plants, '--tenant', 'plain', '--json');
    expect(made.code).toBe(0);
    const result = JSON.parse(made.out) as { courseId: string; version: string; launchable: number };
    expect(result).toMatchObject({ version: '2004-4', launchable: 3 });

    const { 'sco/index.html': _, ...broken } = scorm12Files();
    const bad = join(dir, 'bad.zip');
    writeFileSync(bad, zipOf(broken));
    const refused = await run(
      'course',
      'import-scorm',
      bad,
      '--tenant',
      'plain',
      '--course',
      result.courseId,
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('file: sco/index.html, rule: missing_file');

    const good = join(dir, 'water.zip');
    writeFileSync(good, zipOf(scorm12Files()));
    const added = await run('course', 'import-scorm', good, '--tenant', 'plain', '--course', result.courseId);
    expect(added.code).toBe(0);
    expect(added.out).toContain('Imported SCORM 1.2 "The water cycle & rain"');
    expect(added.out).toContain(`Course id: ${result.courseId}`);
  });
});
