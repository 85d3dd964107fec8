import { lessonActivityId, VERBS } from '@satchel/core';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSeededApp, type SeededApp } from './support/app.js';
import { newContext } from './support/browser.js';
import { lrsReader, type StatementReader } from './support/lrs.js';
import { answerCorrectly, type QuizLesson } from './support/quiz.js';

// Two learners share one phone. Offline, each records progress and one takes a graded quiz (graded
// on the device, provisionally); back online, the first request carrying their statements reaches
// the server but its answer never comes back, because every tab of the app is closed mid-sync. The
// app is opened again: every statement must be on the server exactly once, and the progress right.

const COURSE = 'Clean hands, healthy me';
const PASSWORD = 'shared-phone-42';
const POLL = { timeout: 20_000, interval: 200 };

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

async function signIn(page: Page, username: string): Promise<void> {
  if (!page.url().endsWith('/signin')) await page.goto(app.url('learners', '/signin'));
  await page.getByLabel('Username').fill(username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/signin'));
}

/** Enrols by starting the course; returns its lessons from the published manifest. */
async function startCourse(page: Page, courseId: string): Promise<void> {
  await page.goto(app.url('learners', `/courses/${courseId}`));
  await page.getByRole('button', { name: 'Start the course' }).click();
  await page.waitForURL(/\/lessons\//);
}

async function openLesson(context: BrowserContext, courseId: string, lesson: { id: string; title: string }) {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(app.url('learners', `/courses/${courseId}/lessons/${lesson.id}`));
  await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
  return page;
}

/** Clicks "Open the page" of a link lesson without leaving (offline, the page could not open anyway). */
async function completeLink(page: Page): Promise<void> {
  const link = page.getByRole('link', { name: /Open the page/ });
  await link.evaluate((a) => a.addEventListener('click', (event) => event.preventDefault()));
  await link.click();
}

describe('the record queue on a shared device', () => {
  it('keeps two learners’ offline work apart and delivers it exactly once after a crash mid-sync', async () => {
    const tenantId = app.tenantId('learners');
    const users = app.server.services.users;
    const amina = await users.create(tenantId, {
      username: 'amina_q',
      displayName: 'Amina Q',
      password: PASSWORD,
      roles: ['learner'],
    });
    const tomas = await users.create(tenantId, {
      username: 'tomas_q',
      displayName: 'Tomás Q',
      password: PASSWORD,
      roles: ['learner'],
    });
    const entry = await app.server.db.db
      .selectFrom('catalog_entries')
      .select('course_id')
      .where('tenant_id', '=', tenantId)
      .where('title', '=', COURSE)
      .executeTakeFirstOrThrow();
    const courseId = entry.course_id;
    const published = await app.server.services.courses.latestManifest(tenantId, courseId);
    if (!published) throw new Error('the course is not published');
    const lessons = published.manifest.modules.flatMap((m) => m.lessons);
    const link = lessons.find((l) => l.kind === 'link')!;
    const quiz = lessons.find((l): l is QuizLesson => l.kind === 'quiz')!;

    // One device: one browser context, so one IndexedDB and one cookie jar, shared by both learners.
    const context = await newContext(app.browser);
    try {
      // Tomás signs in first (his profile and device token are kept), then Amina on another tab.
      const tomasTab = await context.newPage();
      await signIn(tomasTab, 'tomas_q');
      await startCourse(tomasTab, courseId);
      await tomasTab.goto(app.url('learners', `/courses/${courseId}/lessons/${link.id}`));
      await tomasTab.getByRole('heading', { level: 1, name: link.title }).waitFor();

      // On another tab, Tomás hands the phone over: he signs out, Amina signs in (his tab stays open).
      const setup = await context.newPage();
      await setup.goto(app.url('learners', '/'));
      await setup.getByRole('button', { name: /Tomás Q/ }).click();
      await setup.getByRole('button', { name: 'Sign out' }).click();
      await setup.waitForURL(/\/signin/);
      await setup
        .getByTestId('device-profiles')
        .getByRole('button', { name: 'Sign in as Tomás Q' })
        .waitFor();
      await signIn(setup, 'amina_q');
      await startCourse(setup, courseId);
      await setup.close();
      const aminaLink = await openLesson(context, courseId, link);
      const aminaQuiz = await openLesson(context, courseId, quiz);

      // The profile picker lists both learners of this device.
      const picker = await context.newPage();
      await picker.goto(app.url('learners', '/signin'));
      const known = await picker.evaluate(async () => {
        const open = indexedDB.open('satchel-records');
        const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
        const all = db.transaction('profiles').objectStore('profiles').getAll();
        return new Promise<{ username: string; deviceToken: string | null }[]>(
          (resolve) => (all.onsuccess = () => resolve(all.result as never)),
        );
      });
      expect(known.map((p) => p.username).sort()).toEqual(['amina_q', 'tomas_q']);
      expect(known.every((p) => p.deviceToken?.startsWith('satd_'))).toBe(true);
      await picker.close();

      // Offline. Amina takes the quiz: graded on the device, clearly provisional.
      await context.setOffline(true);
      for (const question of quiz.questions) await answerCorrectly(aminaQuiz, question);
      await aminaQuiz.getByRole('button', { name: 'Submit my answers' }).click();
      await aminaQuiz.getByRole('heading', { name: 'Provisional result' }).waitFor();
      await aminaQuiz.getByText(/You are offline\. This result was worked out on this device/).waitFor();
      // Then each learner completes the link lesson, on their own tab.
      await completeLink(aminaLink);
      await completeLink(tomasTab);
      const badge = aminaLink.getByTestId('outbox-badge');
      await expect
        .poll(async () => (await badge.textContent()) ?? '', POLL)
        .toMatch(/2 records waiting to be sent/);
      await expect
        .poll(async () => (await tomasTab.getByTestId('outbox-badge').textContent()) ?? '', POLL)
        .toMatch(/1 record waiting to be sent/);
      // Nothing of it reached the server yet.
      const completed = (all: Awaited<ReturnType<StatementReader>>, lessonId: string) =>
        all.filter((s) => s.object.id === lessonActivityId(lessonId) && s.verb.id === VERBS.completed);
      expect(completed(await statements(amina.id), link.id)).toEqual([]);

      // Back online, but the statements' answer never arrives: the server stores them, the tabs die.
      let delivered!: () => void;
      const firstDelivery = new Promise<void>((resolve) => (delivered = resolve));
      const held: Route[] = [];
      await context.route('**/api/t/learners/device/statements', async (route) => {
        held.push(route);
        await route.fetch().catch(() => undefined);
        delivered();
        // Never answered: the page is closed before it hears back.
      });
      await context.setOffline(false);
      // The quiz attempt (queued first) goes through: the server's grade replaces the provisional one.
      await aminaQuiz
        .getByText('The platform has graded your attempt: this is your final result.')
        .waitFor(POLL);
      await aminaQuiz.getByRole('heading', { name: 'Your result' }).waitFor();
      await firstDelivery;
      for (const page of context.pages()) await page.close({ runBeforeUnload: false });
      await context.unroute('**/api/t/learners/device/statements');
      expect(held.length).toBeGreaterThan(0);

      // The app is opened again: whatever was not acknowledged goes again, and the server keeps it once.
      const again = await context.newPage();
      await again.goto(app.url('learners', '/'));
      await expect.poll(async () => again.getByTestId('outbox-badge').count(), POLL).toBe(0);

      const completedLink = (all: Awaited<ReturnType<StatementReader>>) => completed(all, link.id);
      await expect.poll(async () => completedLink(await statements(amina.id)).length, POLL).toBe(1);
      await expect.poll(async () => completedLink(await statements(tomas.id)).length, POLL).toBe(1);
      const aminaAll = await statements(amina.id);
      expect(new Set(aminaAll.map((s) => s.id)).size).toBe(aminaAll.length);
      const passed = aminaAll.filter(
        (s) => s.object.id === lessonActivityId(quiz.id) && s.verb.id === VERBS.passed,
      );
      expect(passed).toHaveLength(1);
      // Tomás never took the quiz; nothing of Amina's was written as his.
      expect((await statements(tomas.id)).filter((s) => s.object.id === lessonActivityId(quiz.id))).toEqual(
        [],
      );

      const attempts = await app.server.db.db
        .selectFrom('quiz_attempts')
        .select(['user_id', 'passed'])
        .where('tenant_id', '=', tenantId)
        .where('lesson_id', '=', quiz.id)
        .execute();
      expect(attempts).toEqual([{ user_id: amina.id, passed: 1 }]);

      // Progress: both completed the link lesson; Amina passed the quiz.
      await app.server.services.progress.flushed();
      const progress = await app.server.db.db
        .selectFrom('lesson_progress')
        .select(['user_id', 'lesson_id', 'status'])
        .where('tenant_id', '=', tenantId)
        .where('user_id', 'in', [amina.id, tomas.id])
        .where('lesson_id', 'in', [link.id, quiz.id])
        .execute();
      const byKey = new Map(progress.map((p) => [`${p.user_id}:${p.lesson_id}`, p.status]));
      expect(byKey.get(`${amina.id}:${link.id}`)).toBe('completed');
      expect(byKey.get(`${tomas.id}:${link.id}`)).toBe('completed');
      expect(byKey.get(`${amina.id}:${quiz.id}`)).toBe('completed');
      expect(byKey.has(`${tomas.id}:${quiz.id}`)).toBe(false);
    } finally {
      await context.close();
    }
  }, 180_000);
  it('signs a learner of this device in with no network, and out on reconnect once the device was revoked', async () => {
    const tenantId = app.tenantId('learners');
    const rosa = await app.server.services.users.create(tenantId, {
      username: 'rosa_q',
      displayName: 'Rosa Q',
      password: PASSWORD,
      roles: ['learner'],
    });
    const context = await newContext(app.browser);
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      await signIn(page, 'rosa_q');
      await page.getByRole('button', { name: /Rosa Q/ }).click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/signin/);
      const profile = page.getByRole('button', { name: 'Sign in as Rosa Q' });
      await profile.waitFor();

      // No network: the profile picker and the verifier kept on the device let her in; a wrong password does not.
      await context.setOffline(true);
      await profile.click();
      await expect.poll(async () => page.getByLabel('Username').inputValue()).toBe('rosa_q');
      const password = page.getByRole('textbox', { name: 'Password', exact: true });
      await password.fill('not-her-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText('This username and password do not match.', { exact: false }).waitFor();
      await password.fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/signin'));
      await page.getByRole('button', { name: /Rosa Q/ }).waitFor();

      // Meanwhile she revoked this device from elsewhere. Back online, the app signs her out here.
      const [device] = await app.server.services.devices.list({ tenantId, userId: rosa.id });
      await app.server.services.devices.revoke({ tenantId, userId: rosa.id }, device!.id);
      await context.setOffline(false);
      await page.waitForURL(/\/signin/, POLL);
      const kept = await page.evaluate(async () => {
        const open = indexedDB.open('satchel-records');
        const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
        const all = db.transaction('profiles').objectStore('profiles').getAll();
        return new Promise<{ username: string; deviceToken: string | null; verifiers: object }[]>(
          (resolve) => (all.onsuccess = () => resolve(all.result as never)),
        );
      });
      expect(kept.map((p) => [p.username, p.deviceToken, Object.keys(p.verifiers)])).toEqual([
        ['rosa_q', null, []],
      ]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
