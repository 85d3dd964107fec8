import { Readable } from 'node:stream';
import { CMI5_VERBS, lessonActivityId } from '@satchel/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withStagedZip } from '../packages/server/src/content/library.uploads.js';
import { cmi5Zip } from '../packages/server/src/cmi5/cmi5.fixture.js';
import { importCmi5Zip } from '../packages/server/src/cmi5/cmi5-import.js';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';
import { lrsReader, type StatementReader } from './support/lrs.js';

// A cmi5 course in Chromium: imported from a zip, published, and its AU (a real page that reads
// the launch parameters, spends the fetch URL, reads LMS.LaunchData and posts initialized,
// completed, passed and terminated with its session token) played in a sandboxed frame; the
// LMS judges moveOn and the lesson shows as completed.

const SLUG = 'learners';
const WAIT = { timeout: 30_000 };

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

describe('a cmi5 lesson', () => {
  it('launches the AU in a sandboxed frame and completes once the AU passed and completed', async () => {
    const services = app.server.services;
    const tenantId = app.tenantId(SLUG);
    const staged = await services.blobs.stage(tenantId, readableFrom(cmi5Zip()));
    const draft = await withStagedZip(services.blobs, staged, (source) =>
      importCmi5Zip(services.blobs, tenantId, source),
    );
    await services.blobs.discard([staged]);
    const course = await services.courses.create(tenantId, null, draft);
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
    await page.getByRole('heading', { level: 1, name: 'Red planet quiz' }).waitFor(WAIT);
    const iframe = page.locator('iframe[title="Course unit: Red planet quiz"]');
    await iframe.waitFor(WAIT);
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts allow-forms allow-popups');
    const frame = page.frameLocator('iframe[title="Course unit: Red planet quiz"]');
    await frame.getByText(/^(Finished|Failed)/).waitFor(WAIT);
    // The AU says why it stopped (e.g. "LMS.LaunchData: HTTP 401" when /xapi refuses its token).
    expect(await frame.locator('#status').textContent()).toBe('Finished: you may close this unit.');
    await page.locator('.lesson-page__where .badge--completed').waitFor(WAIT);

    const activity = lessonActivityId(lesson.id);
    const about = (await statements(learner!.id)).filter((s) => s.object.id === activity);
    const verbs = about.map((s) => s.verb.id);
    for (const verb of ['launched', 'initialized', 'completed', 'passed', 'terminated', 'satisfied'] as const)
      expect(verbs, verb).toContain(CMI5_VERBS[verb]);
    const progress = await services.progress.myCourseProgress(tenantId, learner!.id, course.id);
    expect(progress.lessons.find((l) => l.lessonId === lesson.id)?.status).toBe('completed');
  }, 120_000);
});

function readableFrom(bytes: Uint8Array) {
  return Readable.from([Buffer.from(bytes)]);
}
