import type { CatalogResponse, CourseManifest, Lesson, PathListResponse } from '@satchel/core';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';

// Offline use in Chromium against the real built app: the service worker, the IndexedDB download store,
// a learning path and courses downloaded, then every lesson kind opened with the network off; a
// download resumed with a byte range after a dropped connection; a corrupted file fetched again.

const SLUG = 'learners';
const WAIT = { timeout: 30_000 };

let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp();
});
afterEach(() => {
  expect(app.takePageErrors(), 'uncaught errors in the page').toEqual([]);
});
afterAll(async () => {
  await app?.close();
});

async function courseIds(page: Page): Promise<Map<string, string>> {
  const response = await page.request.get(`${app.server.url}/api/t/${SLUG}/catalog?pageSize=100`);
  const catalog = (await response.json()) as CatalogResponse;
  return new Map(catalog.items.map((item) => [item.title, item.courseId]));
}

async function manifestOf(courseId: string): Promise<CourseManifest> {
  const latest = await app.server.services.courses.latestManifest(app.tenantId(SLUG), courseId);
  if (!latest) throw new Error(`course ${courseId} is not published`);
  return latest.manifest;
}

/** Signs in and waits until the service worker controls the page (it claims it on first install). */
async function learnerPage(): Promise<Page> {
  const page = await app.newPage();
  await signIn(page, app, SLUG, 'learner', 'learner123');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, WAIT);
  return page;
}

async function downloadCourse(page: Page, courseId: string, title: string): Promise<void> {
  await page.goto(app.url(SLUG, `/courses/${courseId}`));
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const panel = page.getByRole('region', { name: 'Use offline' });
  await panel.getByText(/^Size: /).waitFor();
  await panel.getByText(/free on this device|does not say how much space/).waitFor();
  await panel.getByRole('button', { name: /^Download \(/ }).click();
  await panel.getByText('Downloaded: this course opens without internet.').waitFor(WAIT);
}

/** Waits until the lesson's viewer shows its content, by kind. */
async function expectLessonRenders(page: Page, lesson: Lesson): Promise<void> {
  await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor(WAIT);
  const viewer = page.locator('.lesson-page__viewer');
  switch (lesson.kind) {
    case 'video':
    case 'audio': {
      const media = viewer.locator(lesson.kind);
      await media.waitFor();
      // Metadata loaded means the file came from the device (there is no network).
      await page.waitForFunction(
        (kind) =>
          (document.querySelector(`.lesson-page__viewer ${kind}`) as HTMLMediaElement | null)?.readyState ??
          0,
        lesson.kind,
        WAIT,
      );
      const duration = await media.evaluate((element: HTMLMediaElement) => element.duration);
      expect(duration).toBeGreaterThan(0);
      break;
    }
    case 'pdf':
      await viewer.getByRole('region', { name: /^Page 1 of \d+/ }).waitFor(WAIT);
      await viewer.locator('canvas').first().waitFor(WAIT);
      break;
    case 'epub': {
      const frame = viewer.frameLocator('iframe.epub-lesson__frame');
      await frame.locator('body').getByText(/\w+/).first().waitFor(WAIT);
      break;
    }
    case 'markdown': {
      // The first words of the body's first prose line, without Markdown's marks.
      const line = lesson.body.split('\n').find((l) => /^[A-Za-z*_]/.test(l.trim())) ?? '';
      const words = line
        .replace(/[*_`#>|[\]()]/g, '')
        .trim()
        .split(/\s+/)
        .slice(0, 3)
        .join(' ');
      await viewer.getByText(words, { exact: false }).first().waitFor();
      break;
    }
    case 'html5': {
      const frame = viewer.frameLocator('iframe.html5-lesson__frame');
      await frame.locator('main').first().waitFor(WAIT);
      // The package's own script ran (it fills the number pool), so its files came from the device too.
      await frame.locator('#pool *').first().waitFor(WAIT);
      break;
    }
    case 'quiz':
      // The questions, ready to answer (grading offline is the record queue's part).
      await viewer.getByRole('button', { name: 'Submit my answers' }).waitFor();
      break;
    case 'link':
      await viewer.getByText('You are offline: this lesson needs the internet.').waitFor();
      break;
    case 'h5p':
    case 'cmi5':
    case 'scorm':
      // Not in the demo courses downloaded here; their players are checked by their own tests.
      throw new Error(`no offline check for ${lesson.kind} yet`);
  }
}

describe('offline downloads', () => {
  it('downloads a learning path and courses, then opens every lesson kind with the network off', async () => {
    const page = await learnerPage();
    const ids = await courseIds(page);
    const tenantId = app.tenantId(SLUG);
    const learner = await app.server.services.users.byUsername(tenantId, 'learner');
    const wanted = ['Numbers 1 to 10', 'Adding within 20', 'Amina at the market', 'Feeling calm'];
    for (const title of wanted) {
      const courseId = ids.get(title);
      if (!courseId) throw new Error(`the demo has no course "${title}"`);
      await app.server.services.enrolments.enrol(tenantId, {
        courseId,
        userId: learner!.id,
        source: 'assigned',
      });
    }

    // The path "Early numeracy" (Numbers 1 to 10, Adding within 20), with its size before anything is fetched.
    const pathsResponse = await page.request.get(`${app.server.url}/api/t/${SLUG}/paths`);
    const path = ((await pathsResponse.json()) as PathListResponse).items.find(
      (p) => p.title === 'Early numeracy',
    );
    if (!path) throw new Error('the demo has no path "Early numeracy"');
    await page.goto(app.url(SLUG, `/paths/${path.id}`));
    const pathPanel = page.getByRole('region', { name: 'Use offline' });
    await pathPanel.getByText(/^Size: /).waitFor(WAIT);
    await pathPanel.getByRole('button', { name: /^Download \(/ }).click();
    await pathPanel.getByText('Downloaded: these courses open without internet.').waitFor(WAIT);

    await downloadCourse(page, ids.get('Amina at the market')!, 'Amina at the market');
    await downloadCourse(page, ids.get('Feeling calm')!, 'Feeling calm');

    // The Downloads page lists them with their sizes.
    await page.goto(app.url(SLUG, '/downloads'));
    await page.getByRole('heading', { level: 1, name: 'Downloads' }).waitFor();
    for (const title of wanted) await page.getByRole('link', { name: title }).waitFor();

    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Downloads' }).waitFor(WAIT);

    const kinds = new Set<string>();
    for (const title of wanted) {
      const courseId = ids.get(title)!;
      const manifest = await manifestOf(courseId);
      await page.goto(app.url(SLUG, `/courses/${courseId}`));
      await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      for (const lesson of manifest.modules.flatMap((module) => module.lessons)) {
        await page.goto(app.url(SLUG, `/courses/${courseId}/lessons/${lesson.id}`));
        await expectLessonRenders(page, lesson);
        kinds.add(lesson.kind);
      }
    }
    expect([...kinds].sort()).toEqual(['audio', 'epub', 'html5', 'link', 'markdown', 'pdf', 'quiz', 'video']);
    await page.context().setOffline(false);
  }, 240_000);

  it('resumes a download after a dropped connection with a Range request, then takes a new version', async () => {
    const page = await learnerPage();
    const courseId = (await courseIds(page)).get('Numbers 1 to 10')!;
    const manifest = await manifestOf(courseId);
    const video = manifest.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'video');
    if (video?.kind !== 'video') throw new Error('the course has no video');
    const full = await (
      await page.request.get(`${app.server.url}/api/t/${SLUG}/blobs/${video.file.sha256}`)
    ).body();

    const seen: (string | null)[] = [];
    await page.context().route(`**/blobs/${video.file.sha256}`, async (route, request: Request) => {
      seen.push((await request.allHeaders())['range'] ?? null);
      if (seen.length === 1) {
        // The connection drops halfway through the file.
        await route.fulfill({
          status: 200,
          headers: { 'content-type': video.file.mediaType },
          body: full.subarray(0, Math.floor(full.length / 2)),
        });
        return;
      }
      await route.continue();
    });
    await downloadCourse(page, courseId, 'Numbers 1 to 10');
    expect(seen[0]).toBeNull();
    expect(seen[1]).toBe(`bytes=${Math.floor(full.length / 2)}-`);

    // A new version is published: the course page offers it, and the learner takes it.
    const republished = await app.server.services.courses.publish(app.tenantId(SLUG), courseId, null);
    expect(republished.versionId).not.toBe(manifest.versionId);
    await page.reload();
    const panel = page.getByRole('region', { name: 'Use offline' });
    await panel.getByText(/^A new version is published/).waitFor(WAIT);
    await panel.getByRole('button', { name: 'Download the new version' }).click();
    await panel.getByText('Downloaded: this course opens without internet.').waitFor(WAIT);
    const kept = await page.evaluate(async (key) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('satchel-downloads');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      return new Promise<{ complete: { versionId: string } | null; pending: unknown } | undefined>(
        (resolve) => {
          const get = db.transaction('courses').objectStore('courses').get(key);
          get.onsuccess = () => resolve(get.result as never);
        },
      );
    }, `${SLUG}/${courseId}`);
    expect(kept?.complete?.versionId).toBe(republished.versionId);
    expect(kept?.pending).toBeNull();
  }, 120_000);

  it('fetches a corrupted file again and keeps only the good one', async () => {
    const page = await learnerPage();
    const courseId = (await courseIds(page)).get('Feeling calm')!;
    const manifest = await manifestOf(courseId);
    const audio = manifest.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'audio');
    if (audio?.kind !== 'audio') throw new Error('the course has no audio');
    const full = await (
      await page.request.get(`${app.server.url}/api/t/${SLUG}/blobs/${audio.file.sha256}`)
    ).body();

    const seen: (string | null)[] = [];
    await page.context().route(`**/blobs/${audio.file.sha256}`, async (route, request: Request) => {
      seen.push((await request.allHeaders())['range'] ?? null);
      if (seen.length === 1) {
        const corrupted = Buffer.from(full);
        corrupted[100] = (corrupted[100]! + 1) % 256;
        await route.fulfill({
          status: 200,
          headers: { 'content-type': audio.file.mediaType },
          body: corrupted,
        });
        return;
      }
      await route.continue();
    });
    await downloadCourse(page, courseId, 'Feeling calm');
    expect(seen).toEqual([null, null]);

    // The kept file is the good one: it plays with the network off.
    await page.context().setOffline(true);
    await page.goto(app.url(SLUG, `/courses/${courseId}/lessons/${audio.id}`));
    await expectLessonRenders(page, audio);
    await page.context().setOffline(false);
  }, 120_000);
});

describe('large files', () => {
  it('keeps a file above the one-piece hashing limit, and fetches it again when corrupted', async () => {
    const services = app.server.services;
    const tenantId = app.tenantId(SLUG);
    // Above WHOLE_FILE_DIGEST_BYTES (8 MiB, offline/downloads/fetch-blob.ts): hashed by the incremental path.
    const bytes = randomBytes(9 * 1024 * 1024 + 333);
    const file = await services.blobs.putBuffer(tenantId, bytes, 'video/webm');
    const item = await services.library.create(tenantId, null, {
      kind: 'video',
      title: 'A long film',
      file,
      licence: 'CC0-1.0',
      language: 'en',
    });
    const course = await services.courses.create(tenantId, null, {
      title: 'A long film course',
      language: 'en',
      modules: [
        {
          title: 'Films',
          lessons: [
            { kind: 'video', title: 'A long film', libraryItemId: item.id, file },
            { kind: 'markdown', title: 'Afterwards', body: 'Well done.' },
          ],
        },
      ],
    });
    await services.courses.publish(tenantId, course.id, null);
    const learner = await services.users.byUsername(tenantId, 'learner');
    await services.enrolments.enrol(tenantId, {
      courseId: course.id,
      userId: learner!.id,
      source: 'assigned',
    });

    const page = await learnerPage();
    const seen: number[] = [];
    await page.context().route(`**/blobs/${file.sha256}`, async (route) => {
      seen.push(seen.length);
      if (seen.length === 1) {
        const corrupted = Buffer.from(bytes);
        corrupted[bytes.length - 1] = (corrupted[bytes.length - 1]! + 1) % 256;
        await route.fulfill({ status: 200, headers: { 'content-type': 'video/webm' }, body: corrupted });
        return;
      }
      await route.continue();
    });
    await downloadCourse(page, course.id, 'A long film course');
    // The corrupted copy was refused (its last byte differs, so every slice was hashed), the good one kept.
    expect(seen).toHaveLength(2);
    const kept = await page.evaluate(async (sha256) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('satchel-downloads');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      return new Promise<number | null>((resolve) => {
        const get = db.transaction('blobs').objectStore('blobs').get(sha256);
        get.onsuccess = () => resolve((get.result as { data?: Blob } | undefined)?.data?.size ?? null);
      });
    }, file.sha256);
    expect(kept).toBe(bytes.length);
  }, 180_000);
});

describe('app updates', () => {
  it('offers a new version instead of reloading under the learner, and the app works at 320 px in Arabic', async () => {
    const page = await app.newPage({ locale: 'ar', width: 320 });
    const signin = await page.request.post(`${app.server.url}/api/t/${SLUG}/auth/signin`, {
      data: { username: 'layla', password: 'learner123' },
    });
    expect(signin.ok()).toBe(true);
    await page.goto(app.url(SLUG, '/downloads'));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, WAIT);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the Downloads page scrolls sideways at 320 px').toBeLessThanOrEqual(0);

    // A new build is deployed: the same worker script with different bytes, in the folder the server serves.
    const webDir = app.server.config.webDir;
    if (!webDir) throw new Error('the test server serves no web app');
    appendFileSync(join(webDir, 'sw.js'), '\n// the next build\n');
    const before = await page.evaluate(() => performance.timeOrigin);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const prompt = page.getByRole('region', { name: 'تحديث التطبيق' });
    await prompt.waitFor(WAIT);
    // Nothing reloads until the learner says so.
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(before);
    await prompt.getByRole('button', { name: 'حدّث الآن' }).click();
    await page.waitForFunction((origin) => performance.timeOrigin !== origin, before, WAIT);
    await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
  }, 120_000);
});

describe('a closed tab', () => {
  it('carries on with its download at the next start, from the kept byte', async () => {
    const page = await learnerPage();
    const courseId = (await courseIds(page)).get('Numbers 1 to 10')!;
    const manifest = await manifestOf(courseId);
    const video = manifest.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'video');
    if (video?.kind !== 'video') throw new Error('the course has no video');
    const full = await (
      await page.request.get(`${app.server.url}/api/t/${SLUG}/blobs/${video.file.sha256}`)
    ).body();
    const half = Math.floor(full.length / 2);

    const seen: (string | null)[] = [];
    let stalled: (() => void) | null = null;
    await page.context().route(`**/blobs/${video.file.sha256}`, async (route, request: Request) => {
      seen.push((await request.allHeaders())['range'] ?? null);
      if (seen.length === 1) {
        await route.fulfill({
          status: 200,
          headers: { 'content-type': video.file.mediaType },
          body: full.subarray(0, half),
        });
      } else if (seen.length === 2) {
        // The retry hangs until the tab is gone.
        await new Promise<void>((resolve) => (stalled = resolve));
        await route.abort().catch(() => undefined);
      } else {
        await route.continue();
      }
    });
    await page.goto(app.url(SLUG, `/courses/${courseId}`));
    const panel = page.getByRole('region', { name: 'Use offline' });
    await panel.getByRole('button', { name: /^Download \(/ }).click();
    await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(2);
    await page.close();
    (stalled as (() => void) | null)?.();

    // The app starts again (any page of the platform) and finishes the download by itself.
    const again = await page.context().newPage();
    await again.goto(app.url(SLUG, '/downloads'));
    await again.getByRole('link', { name: 'Numbers 1 to 10' }).waitFor(WAIT);
    expect(seen[0]).toBeNull();
    expect(seen[1]).toBe(`bytes=${half}-`);
    expect(seen[2]).toBe(`bytes=${half}-`);
  }, 120_000);
});
