import { lessonActivityId } from '@satchel/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../packages/server/src/content/zip-source.js';
import { importH5pPackage } from '../packages/server/src/h5p/h5p-package.js';
import { tinyQuizH5p } from '../packages/server/src/h5p/h5p.fixture.js';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';
import { lrsReader, type StatementReader } from './support/lrs.js';

// An H5P lesson in Chromium: a real .h5p package (a tiny content type of Satchel's own, built on
// H5P's EventDispatcher) imported into the library, published in a course, played by h5p-standalone
// in a frame sandboxed without allow-same-origin; the learner's answer reaches the LRS as their
// statement about the lesson, and the lesson shows as completed.

const SLUG = 'learners';
const WAIT = { timeout: 30_000 };
const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';

let app: SeededApp;
let statements: StatementReader;

beforeAll(async () => {
  app = await startSeededApp();
  statements = await lrsReader(app, SLUG);
});
afterEach(() => {
  expect(app.takePageErrors(), 'uncaught errors in the page').toEqual([]);
});
afterAll(async () => {
  await app?.close();
});

describe('an H5P lesson', () => {
  it('plays in a sandboxed frame and records the answer as the learner’s statement about the lesson', async () => {
    const services = app.server.services;
    const tenantId = app.tenantId(SLUG);
    const tenant = { id: tenantId, slug: SLUG };
    const pkg = await importH5pPackage(services.blobs, tenantId, bufferSource(tinyQuizH5p()));
    const item = await services.library.create(tenant, null, {
      kind: 'h5p',
      title: 'Red planet',
      licence: 'CC0-1.0',
      package: pkg,
    });
    const course = await services.courses.create(tenantId, null, {
      title: 'Planets',
      language: 'en',
      modules: [
        {
          title: 'The solar system',
          lessons: [
            { kind: 'h5p', title: 'Which planet is red?', libraryItemId: item.id, files: pkg.files },
            { kind: 'markdown', title: 'Afterwards', body: 'Well done.' },
          ],
        },
      ],
    });
    const manifest = await services.courses.publish(tenantId, course.id, null);
    const lesson = manifest.modules[0]!.lessons[0]!;
    const learner = await services.users.byUsername(tenantId, 'learner');
    await services.enrolments.enrol(tenantId, {
      courseId: course.id,
      userId: learner!.id,
      source: 'assigned',
    });

    const page = await app.newPage();
    await signIn(page, app, SLUG, 'learner', 'learner123');
    await page.goto(app.url(SLUG, `/courses/${course.id}/lessons/${lesson.id}`));
    await page.getByRole('heading', { level: 1, name: 'Which planet is red?' }).waitFor(WAIT);

    const iframe = page.locator('iframe[title="Interactive exercise: Which planet is red?"]');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts allow-forms');
    const frame = page.frameLocator('iframe[title="Interactive exercise: Which planet is red?"]');
    await frame.getByText('Which planet is called the red planet?').waitFor(WAIT);
    // The frame's origin is opaque: it cannot read the platform's cookies.
    const frameHandle = await iframe.elementHandle();
    const inner = await frameHandle!.contentFrame();
    expect(await inner!.evaluate(() => window.origin)).toBe('null');

    await frame.getByRole('button', { name: 'Mars' }).click();
    await frame.getByText('Correct!').waitFor(WAIT);
    await page.locator('.lesson-page__where .badge--completed').waitFor(WAIT);

    const activity = lessonActivityId(lesson.id);
    await expect
      .poll(
        async () =>
          (await statements(learner!.id)).filter((s) => s.object.id === activity && s.verb.id === ANSWERED)
            .length,
        {
          timeout: 15_000,
          interval: 200,
        },
      )
      .toBe(1);
    const answered = (await statements(learner!.id)).find(
      (s) => s.object.id === activity && s.verb.id === ANSWERED,
    )!;
    expect(answered.result).toMatchObject({ success: true, completion: true, score: { scaled: 1 } });

    // The server's projection counts the answer: the H5P lesson is complete, the next one is not.
    const progress = await services.progress.myCourseProgress(tenantId, learner!.id, course.id);
    expect(progress.lessons.find((l) => l.lessonId === lesson.id)?.status).toBe('completed');
    expect(progress.course.percent).toBe(50);
  }, 120_000);
});
