import { courseActivityId, lessonActivityId, VERBS } from '@satchel/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSeededApp, type SeededApp } from './support/app.js';
import { lrsReader, type StatementReader } from './support/lrs.js';
import { answerCorrectly, type QuizLesson } from './support/quiz.js';

const COURSE = 'Numbers 1 to 10';
const POLL = { timeout: 15_000, interval: 100 };

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

/** The course id in the address of a course or lesson page. */
function courseIdIn(page: Page): string {
  const match = /\/courses\/([^/?#]+)/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a course page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

async function progressValue(within: Page | Locator, title: string): Promise<number> {
  const bar = within.getByRole('progressbar', { name: `Progress in ${title}` });
  return Number(await bar.getAttribute('aria-valuenow'));
}

describe('a learner on the youth platform', () => {
  it('signs up, finds a course by grade, watches a video to completion, passes a quiz and sees the progress', async () => {
    const page = await app.newPage();
    const tenantId = app.tenantId('learners');

    // Open sign-up.
    await page.goto(app.url('learners', '/signup'));
    await page.getByLabel('Your name').fill('Zawadi Mwangi');
    await page.getByLabel('Username').fill('zawadi');
    await page.getByLabel('Password', { exact: true }).fill('counting-stars-9');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Zawadi Mwangi' }).waitFor();
    await page.getByRole('region', { name: 'My courses' }).getByText('No courses yet').waitFor();
    const user = await app.server.services.users.byUsername(tenantId, 'zawadi');
    expect(user?.roles).toEqual(['learner']);
    const userId = user!.id;

    // The catalog, narrowed to Grade 1: the grade 1 course is there, the grade 3 one is not.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Catalog' }).waitFor();
    const results = page.getByRole('region', { name: 'Courses' });
    await results.getByRole('link', { name: 'Clean hands, healthy me' }).waitFor();
    await page.getByLabel('Grade', { exact: true }).selectOption({ label: 'Grade 1' });
    await page.waitForURL(/[?&]grade=/);
    await results.getByRole('link', { name: 'Clean hands, healthy me' }).waitFor({ state: 'detached' });
    await results.getByRole('link', { name: COURSE }).click();

    // The course page: enrol by starting it, which opens the first lesson, a video.
    await page.getByRole('heading', { level: 1, name: COURSE }).waitFor();
    const courseId = courseIdIn(page);
    const published = await app.server.services.courses.latestManifest(tenantId, courseId);
    if (!published) throw new Error('the demo course is not published');
    const lessons = published.manifest.modules.flatMap((module) => module.lessons);
    const video = lessons.find((lesson) => lesson.kind === 'video');
    const quiz = lessons.find((lesson): lesson is QuizLesson => lesson.kind === 'quiz');
    if (!video || !quiz) throw new Error('the demo course lacks its video or its quiz');
    await page.getByRole('button', { name: 'Start the course' }).click();
    await page.getByRole('heading', { level: 1, name: video.title }).waitFor();

    // Play the whole video, fast: the player counts what was actually played, so it must run to the end.
    const player = page.locator('video');
    await player.evaluate(async (element: HTMLVideoElement) => {
      if (element.readyState < HTMLMediaElement.HAVE_METADATA) {
        await new Promise((resolve) => element.addEventListener('loadedmetadata', resolve, { once: true }));
      }
      element.muted = true;
      element.playbackRate = 16;
      const ended = new Promise((resolve) => element.addEventListener('ended', resolve, { once: true }));
      await element.play();
      await ended;
    });
    const where = page.getByRole('paragraph').filter({ hasText: /^Lesson 1 of \d+/ });
    await where.getByText('Completed', { exact: true }).waitFor();

    // The player's statements reached the LRS: launched, progressed and completed, tied to the course.
    const videoActivity = lessonActivityId(video.id);
    await expect
      .poll(async () => {
        const about = (await statements(userId)).filter((s) => s.object.id === videoActivity);
        return new Set(about.map((s) => s.verb.id));
      }, POLL)
      .toEqual(new Set([VERBS.launched, VERBS.progressed, VERBS.completed]));
    const completed = (await statements(userId)).find(
      (s) => s.object.id === videoActivity && s.verb.id === VERBS.completed,
    );
    expect(completed?.context?.contextActivities?.grouping?.map((g) => g.id)).toContain(
      courseActivityId(courseId),
    );

    // Back on the course page: the video is done and the course has started.
    await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: COURSE }).click();
    await page.getByRole('heading', { level: 1, name: COURSE }).waitFor();
    await page.getByText(`1 of ${lessons.length} lessons done`).waitFor();
    const afterVideo = await progressValue(page, COURSE);
    expect(afterVideo).toBeGreaterThan(0);

    // The quiz, answered correctly from the published manifest.
    await page.getByRole('link', { name: quiz.title }).click();
    await page.getByRole('heading', { level: 1, name: quiz.title }).waitFor();
    for (const question of quiz.questions) await answerCorrectly(page, question);
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('heading', { name: 'Your result' }).waitFor();
    await page.getByText(/^Passed, with 100\s?%\. Well done!$/).waitFor();

    await expect
      .poll(
        async () =>
          (await statements(userId)).some(
            (s) => s.object.id === lessonActivityId(quiz.id) && s.verb.id === VERBS.passed,
          ),
        POLL,
      )
      .toBe(true);

    // The course page and the home page both show more progress than after the video alone.
    await page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: COURSE }).click();
    await page.getByText(`2 of ${lessons.length} lessons done`).waitFor();
    expect(await progressValue(page, COURSE)).toBeGreaterThan(afterVideo);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const continueLearning = page.getByRole('region', { name: 'Continue learning' });
    await continueLearning.getByRole('link', { name: COURSE, exact: true }).waitFor();
    expect(await progressValue(continueLearning, COURSE)).toBeGreaterThan(afterVideo);
  }, 120_000);
});
