import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTENT_DIR } from '../../demo/seed.js';
import { tinyQuizFiles } from '../../h5p/h5p.fixture.js';
import type { CommandIo } from '../command.js';
import { main } from '../main.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('the seed-demo and course commands of the satchel CLI', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'satchel-cli-course-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(...argv: string[]): Promise<Run> {
    let out = '';
    let err = '';
    const io: CommandIo = {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      env: { SATCHEL_DATA: join(dir, 'data'), LOG_LEVEL: 'silent' },
      isTty: false,
    };
    const code = await main(argv, io);
    return { code, out, err };
  }

  it('explains each command with --help', async () => {
    for (const argv of [['seed-demo'], ['course', 'import'], ['course', 'export']]) {
      const res = await run(...argv, '--help');
      expect(res.code).toBe(0);
      expect(res.out).toContain(`Usage: satchel ${argv.join(' ')}`);
    }
  });

  it('seeds the demo once, prints the logins, and exports then re-imports a course', async () => {
    const seeded = await run('seed-demo');
    expect(seeded.code).toBe(0);
    expect(seeded.out).toMatch(/Seeded the demo: 2 platforms, 8 courses/);
    expect(seeded.out).toContain('http://localhost:8080/t/learners/');
    expect(seeded.out).toMatch(/learner\s+learner123\s+learner, PIN 1234/);
    expect(seeded.err).toContain('Seeding the demo: 100%');

    const again = await run('seed-demo');
    expect(again).toMatchObject({ code: 0, out: expect.stringMatching(/already seeded/) });

    const zip = join(dir, 'calm.zip');
    const exported = await run(
      'course',
      'export',
      '--tenant',
      'learners',
      '--course',
      'Feeling calm',
      '--out',
      zip,
    );
    expect(exported.code).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(zip)));
    const course = JSON.parse(strFromU8(files['course.json']!)) as {
      title: string;
      category: string;
      tags: { outcomes: string[] };
    };
    expect(course).toMatchObject({
      title: 'Feeling calm',
      category: 'Well-being',
      tags: { outcomes: ['LIFE.G4.W1', 'LIFE.G4.W2'] },
    });
    expect(Object.keys(files)).toContain('media/1-2-calm-breathing.ogg');

    const refused = await run(
      'course',
      'export',
      '--tenant',
      'learners',
      '--course',
      'Feeling calm',
      '--out',
      zip,
    );
    expect(refused).toMatchObject({
      code: 1,
      err: expect.stringMatching(/exists; choose another name or add --force/),
    });

    const imported = await run('course', 'import', zip, '--tenant', 'educators', '--json');
    expect(imported.code).toBe(1);
    expect(JSON.parse(imported.out)).toMatchObject({ error: { code: 'package_invalid' } });

    const intoLearners = await run('course', 'import', zip, '--tenant', 'learners', '--publish', '--json');
    expect(intoLearners.code).toBe(0);
    expect(JSON.parse(intoLearners.out)).toMatchObject({
      title: 'Feeling calm',
      published: { version: 1 },
      lessons: 3,
    });
  });

  it('imports a demo course folder with its shared media folder, as a draft by default', async () => {
    expect((await run('tenant', 'create', '--slug', 'plain', '--name', 'Plain')).code).toBe(0);
    const pkg = join(dir, 'pkg');
    mkdirSync(pkg);
    const course = JSON.parse(
      readFileSync(join(DEMO_CONTENT_DIR, 'courses', 'feeling-calm', 'course.json'), 'utf8'),
    ) as Record<string, unknown>;
    delete course.category;
    delete course.tags;
    writeFileSync(
      join(pkg, 'course.json'),
      JSON.stringify({
        ...course,
        modules: (course.modules as { lessons: { outcomes?: string[] }[] }[]).map((m) => ({
          ...m,
          lessons: m.lessons.map((l) => ({ ...l, outcomes: [] })),
        })),
      }),
    );
    const res = await run('course', 'import', pkg, '--tenant', 'plain', '--media', DEMO_CONTENT_DIR);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(
      /Imported "Feeling calm" \(en, 3 lessons, 4 files\) into \/t\/plain\/: saved as a draft/,
    );
  });

  it('lists every problem of a broken package and creates nothing', async () => {
    expect((await run('tenant', 'create', '--slug', 'plain', '--name', 'Plain')).code).toBe(0);
    const pkg = join(dir, 'broken');
    mkdirSync(pkg);
    writeFileSync(
      join(pkg, 'course.json'),
      JSON.stringify({
        format: 'satchel-course-package',
        formatVersion: 1,
        title: 'Broken',
        language: 'en',
        category: 'Nowhere',
        modules: [
          {
            title: 'M',
            lessons: [
              { kind: 'pdf', title: 'Sheet', file: { path: 'sheet.pdf' } },
              { kind: 'epub', title: 'Book', file: { path: 'book.epub' } },
            ],
          },
        ],
      }),
    );
    const res = await run('course', 'import', pkg, '--tenant', 'plain');
    expect(res.code).toBe(1);
    expect(res.err).toContain('modules.0.lessons.0.file: "sheet.pdf" is not in the package\n');
    expect(res.err).toContain('modules.0.lessons.1.file: "book.epub" is not in the package');
    expect(
      (await run('course', 'export', '--tenant', 'plain', '--course', 'Broken', '--out', join(dir, 'b.zip')))
        .err,
    ).toContain('no course titled "Broken"');
  });

  it('names the file and the rule when a lesson package breaks its own standard', async () => {
    expect((await run('tenant', 'create', '--slug', 'plain', '--name', 'Plain')).code).toBe(0);
    const pkg = join(dir, 'h5p-broken');
    const files = tinyQuizFiles();
    delete files['h5p.json'];
    for (const [path, body] of Object.entries(files)) {
      mkdirSync(dirname(join(pkg, 'quiz', path)), { recursive: true });
      writeFileSync(join(pkg, 'quiz', path), body);
    }
    writeFileSync(
      join(pkg, 'course.json'),
      JSON.stringify({
        format: 'satchel-course-package',
        formatVersion: 2,
        title: 'Planets',
        language: 'en',
        modules: [{ title: 'M', lessons: [{ kind: 'h5p', title: 'Quiz', package: 'quiz/' }] }],
      }),
    );
    const res = await run('course', 'import', pkg, '--tenant', 'plain');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/modules\.0\.lessons\.0\.package: .*h5p\.json.* \(rule: missing_file\)/);
  });

  it('refuses a missing package, an unknown platform and a bad version with clear messages', async () => {
    expect(await run('course', 'import', '--tenant', 'x')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/exactly one package/),
    });
    expect(await run('course', 'import', join(dir, 'nope'), '--tenant', 'x')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/does not exist/),
    });
    const pkg = join(DEMO_CONTENT_DIR, 'courses', 'feeling-calm');
    expect(await run('course', 'import', pkg, '--tenant', 'nowhere')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no platform called "nowhere"/),
    });
    const badVersion = await run(
      'course',
      'export',
      '--tenant',
      'x',
      '--course',
      'c',
      '--version',
      'two',
      '--out',
      join(dir, 'x.zip'),
    );
    expect(badVersion).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--version must be a whole number/),
    });
  });
});
