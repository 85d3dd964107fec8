import type { Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousAxeViolations } from './support/browser.js';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';

let app: SeededApp;
/** The demo course every learner page below shows, and its lessons. */
let numbers: { courseId: string; videoId: string; quizId: string; quizTitle: string };

beforeAll(async () => {
  app = await startSeededApp();
  const tenantId = app.tenantId('learners');
  const listed = await app.server.services.courses.list(tenantId, {
    q: 'Numbers 1 to 10',
    includeArchived: false,
    page: 1,
    pageSize: 10,
  });
  const courseId = listed.items.find((course) => course.title === 'Numbers 1 to 10')?.id;
  const published = courseId ? await app.server.services.courses.latestManifest(tenantId, courseId) : null;
  const lessons = published?.manifest.modules.flatMap((module) => module.lessons) ?? [];
  const video = lessons.find((lesson) => lesson.kind === 'video');
  const quiz = lessons.find((lesson) => lesson.kind === 'quiz');
  if (!courseId || !video || !quiz) throw new Error('the demo course "Numbers 1 to 10" is missing a part');
  numbers = { courseId, videoId: video.id, quizId: quiz.id, quizTitle: quiz.title };
});
afterEach(() => {
  expect(app.takePageErrors(), 'uncaught errors in the page').toEqual([]);
});
afterAll(async () => {
  await app?.close();
});

/** Fails with the list of serious and critical violations axe-core finds on the page as it is. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
}

async function signedIn(username: string, password: string, width?: number): Promise<Page> {
  const page = await app.newPage(width === undefined ? {} : { width });
  await signIn(page, app, 'learners', username, password);
  return page;
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).first();

describe('accessibility of the main pages (axe-core, serious and critical)', () => {
  it('the sign-in page', async () => {
    const page = await app.newPage();
    await page.goto(app.url('learners', '/signin'));
    await heading(page, 'Sign in').waitFor();
    await page.getByRole('tab', { name: 'PIN' }).waitFor();
    await expectNoSeriousViolations(page);
  });

  it('the home page', async () => {
    const page = await signedIn('learner', 'learner123');
    await heading(page, 'Welcome, Amina Yusuf').waitFor();
    await page
      .getByRole('region', { name: 'My courses' })
      .getByRole('link', { name: 'Numbers 1 to 10' })
      .waitFor();
    await expectNoSeriousViolations(page);
  });

  it('the home page in Arabic, right to left', async () => {
    const page = await signedIn('layla', 'learner123');
    await page.getByRole('heading', { level: 1, name: /ليلى منصور/ }).waitFor();
    await page.getByRole('link', { name: 'يدان نظيفتان وصحة جيدة' }).first().waitFor();
    await expectNoSeriousViolations(page);
  });

  it('the catalog, with its filters open', async () => {
    const page = await signedIn('learner', 'learner123');
    await page.goto(app.url('learners', '/catalog'));
    await heading(page, 'Catalog').waitFor();
    await page
      .getByRole('region', { name: 'Courses' })
      .getByRole('link', { name: 'Numbers 1 to 10' })
      .waitFor();
    await page.getByLabel('Grade', { exact: true }).waitFor();
    await expectNoSeriousViolations(page);
  });

  it('a course page', async () => {
    const page = await signedIn('learner', 'learner123');
    await page.goto(app.url('learners', `/courses/${numbers.courseId}`));
    await heading(page, 'Numbers 1 to 10').waitFor();
    await page
      .getByRole('region', { name: 'Lessons' })
      .getByRole('link', { name: numbers.quizTitle })
      .waitFor();
    await expectNoSeriousViolations(page);
  });

  it('a video lesson in the player', async () => {
    const page = await signedIn('learner', 'learner123');
    await page.goto(app.url('learners', `/courses/${numbers.courseId}/lessons/${numbers.videoId}`));
    await heading(page, "Let's count to five").waitFor();
    await page.getByLabel('Speed').waitFor();
    await expectNoSeriousViolations(page);
  });

  it('a quiz', async () => {
    const page = await signedIn('learner', 'learner123');
    await page.goto(app.url('learners', `/courses/${numbers.courseId}/lessons/${numbers.quizId}`));
    await heading(page, numbers.quizTitle).waitFor();
    await page.getByRole('button', { name: 'Submit my answers' }).waitFor();
    await page.getByText(/^Attempts so far:/).waitFor();
    await expectNoSeriousViolations(page);
  });

  it("the author's course list", async () => {
    const page = await signedIn('author', 'author123');
    await page.goto(app.url('learners', '/author/courses'));
    await heading(page, 'Courses').waitFor();
    await page.getByRole('link', { name: 'Numbers 1 to 10' }).waitFor();
    await expectNoSeriousViolations(page);
  });

  it('the course editor, with a quiz open', async () => {
    const page = await signedIn('author', 'author123');
    await page.goto(app.url('learners', `/author/courses/${numbers.courseId}`));
    await heading(page, 'Edit: Numbers 1 to 10').waitFor();
    await page.getByRole('button', { name: new RegExp(`^Quiz\\W+${numbers.quizTitle}$`) }).click();
    await page.getByRole('button', { name: 'Add a question' }).waitFor();
    await expectNoSeriousViolations(page);
  });

  it("the admin's user list", async () => {
    const page = await signedIn('admin', 'admin123');
    await page.goto(app.url('learners', '/admin/users'));
    await heading(page, 'Users').waitFor();
    await page
      .getByRole('cell', { name: 'Amina Yusuf' })
      .or(page.getByRole('rowheader', { name: 'Amina Yusuf' }))
      .first()
      .waitFor();
    await expectNoSeriousViolations(page);
  });

  it("the admin's sync page: every section loaded, each with what it has or says it has nothing", async () => {
    const page = await signedIn('admin', 'admin123');
    await page.goto(app.url('learners', '/admin/sync'));
    await heading(page, 'Sync with other servers').waitFor();
    await page.getByText('This server is not a hub of another server.').waitFor();
    await page.getByText('No hub is registered for this platform.').waitFor();
    await page.getByText('No conflicting edits so far.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectNoSeriousViolations(page);
  });

  it('the reports', async () => {
    const page = await signedIn('admin', 'admin123');
    await page.goto(app.url('learners', '/reports'));
    await heading(page, 'Reports').waitFor();
    await page.getByRole('table').first().waitFor();
    await expectNoSeriousViolations(page);
  });
});

describe('small screens', () => {
  const fitsA320pxPhone = async (page: Page) => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  };

  it('the home page fits a 320 px wide phone without scrolling sideways', async () => {
    const page = await signedIn('learner', 'learner123', 320);
    await heading(page, 'Welcome, Amina Yusuf').waitFor();
    await page
      .getByRole('region', { name: 'My courses' })
      .getByRole('link', { name: 'Numbers 1 to 10' })
      .waitFor();
    await fitsA320pxPhone(page);
  });

  it('the catalog and a quiz fit a 320 px wide phone without scrolling sideways', async () => {
    const page = await signedIn('learner', 'learner123', 320);
    await page.goto(app.url('learners', '/catalog'));
    await page
      .getByRole('region', { name: 'Courses' })
      .getByRole('link', { name: 'Numbers 1 to 10' })
      .waitFor();
    await fitsA320pxPhone(page);
    await page.goto(app.url('learners', `/courses/${numbers.courseId}/lessons/${numbers.quizId}`));
    await page.getByRole('button', { name: 'Submit my answers' }).waitFor();
    await fitsA320pxPhone(page);
  });

  it("the author's course list fits a 320 px wide phone: its table scrolls inside its own box", async () => {
    const page = await signedIn('author', 'author123', 320);
    await page.goto(app.url('learners', '/author/courses'));
    await page.getByRole('link', { name: 'Numbers 1 to 10' }).waitFor();
    await fitsA320pxPhone(page);
  });
});

/** The next `times` GET requests whose URL matches answer 500, as a server in trouble would. */
async function failGets(page: Page, url: RegExp, times = 1): Promise<void> {
  let left = times;
  await page.context().route(url, async (route: Route) => {
    if (left > 0 && route.request().method() === 'GET') {
      left -= 1;
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'server_error', message: 'Internal error' } }),
      });
      return;
    }
    await route.continue();
  });
}

describe('when loading fails, and before something is deleted', () => {
  it('a list that could not load says why and offers to try again, which loads it', async () => {
    // The classes an assignment form offers: before one Loaded for every page, this said why, with no way to retry.
    const page = await signedIn('admin', 'admin123');
    await failGets(page, /\/api\/t\/learners\/classes(\?.*)?$/);
    const query = new URLSearchParams({ course: numbers.courseId, title: 'Numbers 1 to 10' });
    await page.goto(app.url('learners', `/admin/enrolments?${query.toString()}`));
    await heading(page, 'Enrolments').waitFor();
    const form = page.getByRole('form', { name: 'To a class' });
    const alert = form.getByRole('alert');
    await alert.getByText('The server has a problem. Please try again later.').waitFor();
    await expectNoSeriousViolations(page);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await form.getByLabel('Class', { exact: true }).waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);
  });

  it('a course that could not load, in Arabic on a 320 px phone: a page of its own, retry and a way out', async () => {
    const page = await signedIn('layla', 'learner123', 320);
    await failGets(page, new RegExp(`/api/t/learners/courses/${numbers.courseId}$`));
    await page.goto(app.url('learners', `/courses/${numbers.courseId}`));
    await page.getByRole('heading', { level: 1, name: 'تعذّر فتح هذه الدورة' }).waitFor();
    const alert = page.getByRole('alert');
    await alert.getByRole('link', { name: 'تصفّح فهرس الدورات' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoSeriousViolations(page);
    await alert.getByRole('button', { name: 'أعد المحاولة' }).click();
    await heading(page, 'Numbers 1 to 10').waitFor();
  });

  it('a delete confirmation is named, opens and cancels from the keyboard, shows its failure inside and gives focus back', async () => {
    const page = await signedIn('admin', 'admin123');
    await page.goto(app.url('learners', '/admin/classes'));
    await page.getByRole('table').getByRole('link').first().click();
    const opener = page.getByRole('button', { name: 'Delete class' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Delete .+\?$/ });
    await dialog.waitFor();
    await expectNoSeriousViolations(page);

    // The server is slow, then refuses. While it works, Escape, Cancel and × leave the dialog open;
    // then the admin reads why without leaving the dialog, and can still cancel.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    let deletes = 0;
    await page.context().route(/\/api\/t\/learners\/classes\/[^/?]+$/, async (route: Route) => {
      if (route.request().method() !== 'DELETE') return route.continue();
      deletes += 1;
      await answered;
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'server_error', message: 'Internal error' } }),
      });
    });
    await dialog.getByRole('button', { name: 'Delete class' }).click();
    await expect.poll(() => deletes, { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('Escape');
    // Both say they are unavailable (aria-disabled), so a click has to be forced past Playwright's check.
    await dialog.getByRole('button', { name: 'Cancel' }).click({ force: true });
    await dialog.getByRole('button', { name: 'Close' }).click({ force: true });
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Delete class' }).getAttribute('aria-busy')).toBe('true');
    answer();
    await dialog.getByRole('alert').getByText('The server has a problem. Please try again later.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);

    // Opened again, it starts clean: the last failure is not shown twice.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);
  });
});
