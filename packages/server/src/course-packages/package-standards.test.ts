import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allLessons, type CourseManifest, type DraftLessonInput } from '@satchel/core';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCmi5Zip } from '../cmi5/cmi5-import.js';
import { AU_ID, cmi5Zip } from '../cmi5/cmi5.fixture.js';
import { bufferSource } from '../content/zip-source.js';
import { importH5pPackage } from '../h5p/h5p-package.js';
import { tinyQuizH5p } from '../h5p/h5p.fixture.js';
import type { TenantRef } from '../http/context.js';
import { envelope, type AppError } from '../http/errors.js';
import { scorm12Zip } from '../scorm/fixtures/scorm-fixtures.js';
import { importScormPackage } from '../scorm/scorm-package.js';
import { client, createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import type { CoursePackage } from './course-package.schema.js';
import { exportCoursePackage, packageOf } from './package-export.js';
import { importCoursePackage } from './package-import.js';
import { zipFileSource } from './package-source.js';

// A course of SCORM, H5P and cmi5 lessons, each made by its own importer, travels as
// a course package to another platform and plays there; a tampered package is refused.

/** A lesson as a learner meets it: everything but its id, which an import renews. */
const withoutIds = (manifest: CourseManifest) => allLessons(manifest).map(({ id: _id, ...rest }) => rest);

describe.each(await engines())('SCORM, H5P and cmi5 lessons in course packages on %s', (engine) => {
  let server: TestServer;
  let home: TenantRef;
  let away: TenantRef;
  let learner: Member;
  let original: CourseManifest;
  let zip: string;

  const importInto = async (tenant: TenantRef, path: string) => {
    const source = await zipFileSource(path);
    try {
      return await importCoursePackage(server.services, tenant.id, source, { actorId: null, publish: true });
    } finally {
      await source.close?.();
    }
  };

  const counts = async (tenantId: string) => {
    const rows = async (table: 'courses' | 'blobs') =>
      (await server.db.db.selectFrom(table).select('tenant_id').where('tenant_id', '=', tenantId).execute())
        .length;
    return { courses: await rows('courses'), blobs: await rows('blobs') };
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    home = await createTenant(server, 'home');
    away = await createTenant(server, 'away');
    learner = await member(server, away, 'lina', ['learner']);
    const blobs = server.services.blobs;
    const scorm = await importScormPackage(blobs, home.id, bufferSource(scorm12Zip()));
    const h5p = await importH5pPackage(blobs, home.id, bufferSource(tinyQuizH5p()));
    const cmi5 = await importCmi5Zip(blobs, home.id, bufferSource(cmi5Zip()));
    const lessons: DraftLessonInput[] = [
      {
        kind: 'scorm',
        title: 'The water cycle',
        required: true,
        outcomeIds: [],
        scorm: scorm.info,
        files: scorm.files,
      },
      { kind: 'h5p', title: 'Which planet is red?', required: false, outcomeIds: [], files: h5p.files },
    ];
    const created = await server.services.courses.create(home.id, null, {
      title: 'Standards on the move',
      language: 'en',
      modules: [{ title: 'Packages', lessons }, ...cmi5.modules!],
    });
    original = await server.services.courses.publish(home.id, created.id, null);
    zip = join(server.config.dataDir, 'standards.zip');
    await exportCoursePackage(server.services, home.id, created.id, { out: zip });
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  it('exports each package as a folder, with formatVersion 2 and what each lesson needs', () => {
    const entries = unzipSync(readFileSync(zip));
    const course = JSON.parse(Buffer.from(entries['course.json']!).toString('utf8')) as CoursePackage;
    expect(course.formatVersion).toBe(2);
    const [scorm, h5p] = course.modules[0]!.lessons;
    const [quiz, reading] = course.modules[1]!.lessons;
    expect(scorm).toMatchObject({ kind: 'scorm', package: 'scorm/1-1-the-water-cycle/' });
    expect(h5p).toMatchObject({ kind: 'h5p', package: 'h5p/1-2-which-planet-is-red/', required: false });
    expect(quiz).toMatchObject({
      kind: 'cmi5',
      package: 'cmi5/2-1-red-planet-quiz/',
      au: { publisherId: AU_ID, url: 'au/index.html', moveOn: 'CompletedAndPassed', masteryScore: 0.8 },
    });
    // An AU at an absolute URL has no files, so no package.
    expect(reading).toMatchObject({ kind: 'cmi5', au: { url: 'https://example.org/reading.html' } });
    expect(reading && 'package' in reading ? reading.package : undefined).toBeUndefined();
    expect(
      Object.keys(entries)
        .filter((p) => !p.endsWith('/'))
        .sort(),
    ).toEqual([
      'cmi5/2-1-red-planet-quiz/au/index.html',
      'cmi5/2-1-red-planet-quiz/cmi5.xml',
      'course.json',
      'h5p/1-2-which-planet-is-red/Satchel.TinyQuiz-1.0/library.json',
      'h5p/1-2-which-planet-is-red/Satchel.TinyQuiz-1.0/tiny-quiz.js',
      'h5p/1-2-which-planet-is-red/content/content.json',
      'h5p/1-2-which-planet-is-red/h5p.json',
      'scorm/1-1-the-water-cycle/imsmanifest.xml',
      'scorm/1-1-the-water-cycle/sco/index.html',
      'scorm/1-1-the-water-cycle/sco/scripts/apiwrapper.js',
    ]);
  });

  it('imports into another platform the same lessons, files and manifests, and they play there', async () => {
    const copy = await importInto(away, zip);
    const imported = await server.services.courses.versionManifest(away.id, copy.published!.versionId);
    expect(withoutIds(imported)).toEqual(withoutIds(original));
    expect(await packageOf(server.services, away.id, imported, 'open')).toEqual(
      await packageOf(server.services, home.id, original, 'open'),
    );
    const [scorm, h5p, quiz, reading] = allLessons(imported);
    const versionId = imported.versionId;

    const sco = await fetch(`${server.url}/api/t/away/scorm/${versionId}/${scorm!.id}/sco/index.html`);
    expect(sco.status).toBe(200);
    expect(await sco.text()).toContain('<script src="/api/scorm-runtime/1.2.js"></script>');

    const manifest = await fetch(`${server.url}/api/t/away/packages/${versionId}/${h5p!.id}/h5p.json`);
    expect(manifest.status).toBe(200);
    expect(await manifest.json()).toMatchObject({ mainLibrary: 'Satchel.TinyQuiz' });

    const launch = async (lessonId: string) =>
      (await client(server, learner.cookie).post('/api/t/away/cmi5/launches', { versionId, lessonId })) as {
        status: number;
        json: { launchUrl: string };
      };
    const au = await launch(quiz!.id);
    expect(au.status).toBe(201);
    const url = new URL(au.json.launchUrl);
    expect(url.pathname).toBe(`/api/t/away/packages/${versionId}/${quiz!.id}/au/index.html`);
    const page = await fetch(`${server.url}${url.pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Red planet quiz');
    const elsewhere = await launch(reading!.id);
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.json.launchUrl.startsWith('https://example.org/reading.html?')).toBe(true);
  });

  it('refuses a package whose h5p lesson lost its h5p.json, naming the file and the rule, writing nothing', async () => {
    const entries = unzipSync(readFileSync(zip));
    delete entries['h5p/1-2-which-planet-is-red/h5p.json'];
    const tampered = join(server.config.dataDir, 'tampered.zip');
    writeFileSync(tampered, zipSync(entries));
    const before = await counts(away.id);
    const err = (await importInto(away, tampered).then(
      () => null,
      (e: unknown) => e,
    )) as AppError;
    expect(err.status).toBe(400);
    expect(envelope(err.code, err.message, err.details)).toEqual({
      error: {
        code: 'package_invalid',
        message: `The course package ${tampered} is not valid (modules.0.lessons.1.package: h5p/1-2-which-planet-is-red/h5p.json: a .h5p package must have h5p.json at its root)`,
        details: {
          problems: [
            {
              at: 'modules.0.lessons.1.package',
              file: 'h5p.json',
              rule: 'missing_file',
              message: 'h5p/1-2-which-planet-is-red/h5p.json: a .h5p package must have h5p.json at its root',
            },
          ],
        },
      },
    });
    expect(await counts(away.id)).toEqual(before);
  });
});
