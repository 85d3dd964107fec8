import { lessonActivityId, VERBS } from '@satchel/core';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../packages/server/src/content/zip-source.js';
import {
  scorm12Files,
  scorm12Zip,
  scorm2004Zip,
  zipOf,
} from '../packages/server/src/scorm/fixtures/scorm-fixtures.js';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';
import { lrsReader, type StatementReader } from './support/lrs.js';

const POLL = { timeout: 15_000, interval: 100 };
const SUSPENDED = 'http://adlnet.gov/expapi/verbs/suspended';

let app: SeededApp;
let statements: StatementReader;

beforeAll(async () => {
  app = await startSeededApp();
  statements = await lrsReader(app, 'learners');
});
afterEach(() => {
  expect(app.takePageErrors(), 'uncaught errors in the page').toEqual([]);
});
afterAll(async () => {
  await app?.close();
});

/** Imports a SCORM zip as a new course and publishes it, as an author would. */
async function publishScorm(zip: Uint8Array, title: string): Promise<{ courseId: string; lessonId: string }> {
  const tenantId = app.tenantId('learners');
  const author = await app.server.services.users.byUsername(tenantId, 'author');
  const imported = await app.server.services.scorm.importZip(tenantId, author!.id, bufferSource(zip), {
    title,
    language: 'en',
  });
  await app.server.services.courses.publish(tenantId, imported.courseId, author!.id);
  return { courseId: imported.courseId, lessonId: imported.lessonId };
}

async function startCourse(page: Page, courseId: string): Promise<void> {
  await page.goto(app.url('learners', `/courses/${courseId}`));
  await page.getByRole('button', { name: 'Start the course' }).click();
}

function sco(page: Page, title: string): FrameLocator {
  return page.frameLocator(`iframe[title="Interactive module: ${title}"]`);
}

async function lessonStatus(userId: string, lessonId: string): Promise<string | undefined> {
  await app.server.services.progress.flushed();
  const row = await app.server.db.db
    .selectFrom('lesson_progress')
    .select('status')
    .where('tenant_id', '=', app.tenantId('learners'))
    .where('user_id', '=', userId)
    .where('lesson_id', '=', lessonId)
    .executeTakeFirst();
  return row?.status;
}

describe('SCORM lessons', () => {
  it('lets an author import a package from the course list, refusing a broken one with its file and rule', async () => {
    const page = await app.newPage();
    await signIn(page, app, 'learners', 'author', 'author123');
    await page.goto(app.url('learners', '/author/courses'));
    await page.getByRole('link', { name: 'Import a SCORM package' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import a SCORM package' }).waitFor();
    const { 'sco/index.html': _, ...broken } = scorm12Files();
    const field = page.getByLabel('SCORM package (.zip)');
    await field.setInputFiles({
      name: 'broken.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipOf(broken)),
    });
    await page.getByRole('button', { name: 'Import the package' }).click();
    const result = page.getByRole('region', { name: 'Import result' });
    await result.getByText('File: sco/index.html · rule: missing_file').waitFor();
    await field.setInputFiles({
      name: 'water.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(scorm12Zip()),
    });
    await page.getByRole('button', { name: 'Import the package' }).click();
    await result.getByText('“The water cycle & rain” is now a course draft.').waitFor();
    await result.getByRole('link', { name: 'Open the course editor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit: The water cycle & rain' }).waitFor();
  }, 60_000);

  it('plays a SCORM 1.2 package in a sandbox, resumes where the learner left, and records completion', async () => {
    const { courseId, lessonId } = await publishScorm(scorm12Zip(), 'Water cycle (SCORM 1.2)');
    const tenantId = app.tenantId('learners');
    const chidi = await app.server.services.users.byUsername(tenantId, 'chidi');
    const userId = chidi!.id;
    const page = await app.newPage();
    await signIn(page, app, 'learners', 'chidi', 'learner123');
    await startCourse(page, courseId);

    // First visit: the SCO finds the API, starts ab-initio, saves two pages and leaves suspended.
    const first = sco(page, 'Evaporation');
    await first.getByText(/^ready as /).waitFor();
    expect(await first.locator('#entry').textContent()).toBe('ab-initio');
    // The SCO runs in an opaque origin: it cannot read the platform's cookies.
    const cookie = await first.locator('body').evaluate(() => {
      try {
        return document.cookie;
      } catch {
        return 'blocked';
      }
    });
    expect(cookie === '' || cookie === 'blocked').toBe(true);
    await first.getByRole('button', { name: 'Next page' }).click();
    await first.getByRole('button', { name: 'Next page' }).click();
    await first.getByText('saved page 3').waitFor();
    await first.getByRole('button', { name: 'Save and leave' }).click();
    await first.getByText('left').waitFor();

    await expect
      .poll(async () => {
        const state = await app.server.services.scorm.launch(
          { tenantId, userId, courseId, lessonId },
          (await app.server.services.courses.summary(tenantId, courseId)).publishedVersionId!,
          'Chidi',
        );
        return (
          state.states['item-1'] && {
            location: state.states['item-1'].location,
            exit: state.states['item-1'].exit,
          }
        );
      }, POLL)
      .toEqual({ location: '3', exit: 'suspend' });

    // Away and back: the SCO resumes at page 3 with its suspend data.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await page.goto(app.url('learners', `/courses/${courseId}/lessons/${lessonId}`));
    const again = sco(page, 'Evaporation');
    await again.getByText(/^ready as /).waitFor();
    expect(await again.locator('#entry').textContent()).toBe('resume');
    expect(await again.locator('#page').textContent()).toBe('3');
    expect(await again.locator('#visits').textContent()).toBe('2');

    await again.getByRole('button', { name: 'Finish with 90' }).click();
    await again.getByText('finished').waitFor();
    await page.getByText('You have finished this module.').waitFor();

    const lessonIri = lessonActivityId(lessonId);
    await expect
      .poll(async () => {
        const about = (await statements(userId)).filter((s) => s.object.id === lessonIri);
        return [VERBS.initialized, SUSPENDED, VERBS.completed, VERBS.passed].every((verb) =>
          about.some((s) => s.verb.id === verb),
        );
      }, POLL)
      .toBe(true);
    const passed = (await statements(userId)).find(
      (s) => s.object.id === lessonIri && s.verb.id === VERBS.passed,
    );
    expect(passed?.result?.score?.scaled).toBe(0.9);
    await expect.poll(() => lessonStatus(userId, lessonId), POLL).toBe('completed');
  });

  it('moves through a SCORM 2004 package’s SCOs by flow, to the end', async () => {
    const { courseId, lessonId } = await publishScorm(scorm2004Zip('4th'), 'Plants (SCORM 2004)');
    const tenantId = app.tenantId('learners');
    const omar = await app.server.services.users.byUsername(tenantId, 'omar');
    const page = await app.newPage();
    await signIn(page, app, 'learners', 'omar', 'learner123');
    await startCourse(page, courseId);

    // The table of contents lists visible items only; the first SCO opens.
    const contents = page.getByRole('navigation', { name: 'Parts of this module' });
    await contents.getByRole('button', { name: 'Roots' }).waitFor();
    expect(await contents.getByText('Credits').count()).toBe(0);
    const roots = sco(page, 'Roots');
    await roots.getByText('ready').waitFor();
    expect(await roots.locator('#entry').textContent()).toBe('ab-initio');
    await roots.getByRole('button', { name: 'Complete and continue' }).click();

    // adl.nav.request = continue: the player goes on to the next SCO by itself.
    const leaves = sco(page, 'Leaves');
    await leaves.getByText('ready').waitFor();
    await leaves.getByRole('button', { name: 'Complete and continue' }).click();
    await page.getByText('You have finished this module.').waitFor();

    const lessonIri = lessonActivityId(lessonId);
    await expect
      .poll(async () => {
        const about = (await statements(omar!.id)).filter((s) => s.object.id === lessonIri);
        return (
          about.some((s) => s.verb.id === VERBS.completed) && about.some((s) => s.verb.id === VERBS.passed)
        );
      }, POLL)
      .toBe(true);
    await expect.poll(() => lessonStatus(omar!.id, lessonId), POLL).toBe('completed');
  });
});
