import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allLessons } from '@satchel/core';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../app/services.js';
import { readConfig } from '../config.js';
import {
  createCategories,
  createFramework,
  LEARNERS_CATEGORIES,
  LEARNERS_FRAMEWORK,
} from '../demo/demo-curriculum.js';
import type { AppError } from '../http/errors.js';
import { systemClock } from '../platform/clock.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { exportCoursePackage, packageOf } from './package-export.js';
import { importCoursePackage } from './package-import.js';
import { directorySource, zipFileSource, type PackageSource } from './package-source.js';

const DEMO = new URL('../../demo-content/', import.meta.url).pathname;
const demoCourse = (name: string): Promise<PackageSource> =>
  directorySource(join(DEMO, 'courses', name), [DEMO]);

describe.each(await engines())('course package import and export on %s', (engine) => {
  let db: TestDb;
  let dataDir: string;
  let services: Services;

  async function platform(slug: string): Promise<string> {
    const tenant = await services.tenants.create({
      slug,
      name: `Platform ${slug}`,
      locales: ['en', 'fr', 'ar'],
    });
    await createFramework(services, tenant.id, LEARNERS_FRAMEWORK);
    await createCategories(services, tenant.id, LEARNERS_CATEGORIES);
    return tenant.id;
  }

  async function counts(): Promise<{ courses: number; blobs: number; files: number }> {
    const count = async (table: 'courses' | 'blobs'): Promise<number> =>
      Number(
        (
          await db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const files = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce(
        (n, e) => n + (e.isDirectory() ? files(join(dir, e.name)) : 1),
        0,
      );
    return {
      courses: await count('courses'),
      blobs: await count('blobs'),
      files: files(services.ctx.config.blobDir),
    };
  }

  async function failure(work: Promise<unknown>): Promise<AppError> {
    return (await work.then(
      () => null,
      (e: unknown) => e,
    )) as AppError;
  }

  beforeEach(async () => {
    db = await openTestDb(engine);
    dataDir = mkdtempSync(join(tmpdir(), 'satchel-import-'));
    services = createServices({
      handle: db,
      config: readConfig({ SATCHEL_DATA: dataDir, LOG_LEVEL: 'silent' }),
      clock: systemClock,
    });
  });
  afterEach(async () => {
    await db.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes a course from a package, with its files, captions, html5 activity and curriculum tags', async () => {
    const tenantId = await platform('learners');
    const result = await importCoursePackage(services, tenantId, await demoCourse('numbers-1-to-10'), {
      actorId: null,
      publish: true,
    });
    expect(result).toMatchObject({
      title: 'Numbers 1 to 10',
      language: 'en',
      published: { version: 1 },
      lessons: 4,
    });
    const manifest = await services.courses.versionManifest(tenantId, result.published!.versionId);
    const [video, , html5, quiz] = allLessons(manifest);
    expect(video?.kind === 'video' && video.captions.map((c) => c.lang)).toEqual(['en', 'fr']);
    expect(video?.kind === 'video' && video.file.mediaType).toBe('video/webm');
    expect(html5?.kind === 'html5' && Object.keys(html5.files).sort()).toEqual([
      'activity.js',
      'index.html',
      'style.css',
    ]);
    expect(quiz?.kind === 'quiz' && quiz.questions.map((q) => q.type)).toEqual([
      'single',
      'numeric',
      'ordering',
      'truefalse',
      'multiple',
    ]);
    const tree = await services.curriculum.tree(tenantId);
    const g1 = tree.frameworks[0]!.grades.find((g) => g.code === 'G1')!;
    expect(manifest.tags.gradeIds).toEqual([g1.id]);
    expect(manifest.coverImage && (await services.blobs.has(tenantId, manifest.coverImage.sha256))).toBe(
      true,
    );
  });

  it('exports a published course and imports it again into another platform unchanged', async () => {
    const home = await platform('home');
    const away = await platform('away');
    // In this order each prerequisite ("Numbers 1 to 10") exists on both platforms before the course that needs it.
    for (const name of [
      'numbers-1-to-10',
      'adding-within-20',
      'amina-at-the-market',
      'feeling-calm',
      'handwashing-ar',
    ]) {
      const original = await importCoursePackage(services, home, await demoCourse(name), {
        actorId: null,
        publish: true,
      });
      const zip = join(dataDir, `${name}.zip`);
      const exported = await exportCoursePackage(services, home, original.courseId, { out: zip });
      expect(exported.version).toBe(1);
      const source = await zipFileSource(zip);
      let copy;
      try {
        copy = await importCoursePackage(services, away, source, { actorId: null, publish: true });
      } finally {
        await source.close?.();
      }
      const [before, after] = await Promise.all([
        services.courses.versionManifest(home, original.published!.versionId),
        services.courses.versionManifest(away, copy.published!.versionId),
      ]);
      // Ids differ (a new course on a new platform); everything a learner sees is the same.
      expect(await packageOf(services, away, after, 'open')).toEqual(
        await packageOf(services, home, before, 'open'),
      );
      expect(allLessons(after).map((l) => l.kind)).toEqual(allLessons(before).map((l) => l.kind));
      // No scorm, h5p or cmi5 lesson: written as version 1, which platforms not yet updated read.
      expect((await packageOf(services, home, before, 'open')).course.formatVersion).toBe(1);
    }
  });

  it('links language variants that share a variant group key', async () => {
    const tenantId = await platform('variants');
    const ids: string[] = [];
    for (const name of ['handwashing-en', 'handwashing-fr', 'handwashing-ar']) {
      ids.push(
        (
          await importCoursePackage(services, tenantId, await demoCourse(name), {
            actorId: null,
            publish: true,
          })
        ).courseId,
      );
    }
    const english = await services.courses.get(tenantId, ids[0]!);
    expect(english.variants.map((v) => v.language).sort()).toEqual(['ar', 'fr']);
  });

  it('imports as a draft when not asked to publish', async () => {
    const tenantId = await platform('drafts');
    const result = await importCoursePackage(services, tenantId, await demoCourse('feeling-calm'), {
      actorId: null,
      publish: false,
    });
    expect(result.published).toBeNull();
    expect((await services.courses.summary(tenantId, result.courseId)).publishedVersion).toBeNull();
  });

  it('leaves nothing behind when a file is missing', async () => {
    const tenantId = await platform('missing');
    const dir = mkdtempSync(join(tmpdir(), 'satchel-broken-'));
    cpSync(join(DEMO, 'courses', 'feeling-calm'), dir, { recursive: true });
    cpSync(join(DEMO, 'media', 'cover-feeling-calm.png'), join(dir, 'media', 'cover-feeling-calm.png'), {
      recursive: true,
    });
    const before = await counts();
    const err = await failure(
      importCoursePackage(services, tenantId, await directorySource(dir), { actorId: null, publish: true }),
    );
    rmSync(dir, { recursive: true, force: true });
    expect(err.code).toBe('package_invalid');
    expect(JSON.stringify(err.details)).toContain('media/calm-breathing.ogg');
    expect(await counts()).toEqual(before);
  });

  it('leaves nothing behind when the platform lacks a curriculum code', async () => {
    const tenant = await services.tenants.create({ slug: 'bare', name: 'No curriculum' });
    await createCategories(services, tenant.id, LEARNERS_CATEGORIES);
    const before = await counts();
    const err = await failure(
      importCoursePackage(services, tenant.id, await demoCourse('numbers-1-to-10'), {
        actorId: null,
        publish: true,
      }),
    );
    expect(err.code).toBe('package_invalid');
    expect(JSON.stringify(err.details)).toContain('no curriculum framework with the code \\"SATCHEL-DEMO\\"');
    expect(await counts()).toEqual(before);
  });

  it('refuses an unsafe zip before reading any of it', async () => {
    const tenantId = await platform('unsafe');
    const zip = join(dataDir, 'evil.zip');
    writeFileSync(zip, zipSync({ 'course.json': strToU8('{}'), 'media/../../escape.txt': strToU8('x') }));
    const before = await counts();
    const err = await failure(
      zipFileSource(zip).then((source) =>
        importCoursePackage(services, tenantId, source, { actorId: null, publish: true }),
      ),
    );
    expect(err.code).toBe('unsafe_zip');
    expect(await counts()).toEqual(before);
  });

  it('removes the new course again when publishing it fails', async () => {
    const tenantId = await platform('flaky');
    const flaky = {
      ...services,
      courses: {
        create: services.courses.create.bind(services.courses),
        list: services.courses.list.bind(services.courses),
        titles: services.courses.titles.bind(services.courses),
        publish: () => Promise.reject(new Error('the disk is full')),
      },
    };
    await expect(
      importCoursePackage(flaky, tenantId, await demoCourse('feeling-calm'), {
        actorId: null,
        publish: true,
      }),
    ).rejects.toThrow('the disk is full');
    expect((await counts()).courses).toBe(0);
  });

  it('refuses to export a course that was never published', async () => {
    const tenantId = await platform('unpublished');
    const draft = await importCoursePackage(services, tenantId, await demoCourse('feeling-calm'), {
      actorId: null,
      publish: false,
    });
    const err = await failure(
      exportCoursePackage(services, tenantId, draft.courseId, { out: join(dataDir, 'x.zip') }),
    );
    expect(err.code).toBe('course_not_published');
  });
});
