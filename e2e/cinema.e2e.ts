import type { ReachResponse, SessionListResponse } from '@satchel/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { arCinema } from '../packages/web/src/i18n/messages/cinema/ar.js';
import { DEMO_CINEMA_PLAN_TITLE } from '../packages/server/src/demo/demo-cinema.js';
import { describeViolations, seriousAxeViolations } from './support/browser.js';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';

// Learning Cinema in Chromium: a facilitator builds a plan, runs it with the network cut, ends it,
// and the session log reaches the server once the network is back; a power cut mid-session; the
// projector window; accessibility and right-to-left.

const POLL = { timeout: 15_000, interval: 100 };
const FILM = 'Washing hands (film)';
const PENDING_KEY = 'satchel:cinema:pending:learners';

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

async function facilitatorPage(options: { locale?: string } = {}): Promise<Page> {
  const page = await app.newPage(options);
  await signIn(page, app, 'learners', 'facilitator', 'facilitator123');
  return page;
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
}

/** GETs a cinema API path as the platform's admin, the way a national monitoring officer reads reach. */
async function asAdmin<T>(path: string): Promise<T> {
  const page = await app.newPage();
  await signIn(page, app, 'learners', 'admin', 'admin123');
  const response = await page.request.get(`${app.server.url}/api/t/learners${path}`);
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as T;
  await page.close();
  return body;
}

const position = (page: Page) => page.locator('.cinema-console__position');
const step = (page: Page, number: number, kind: string) =>
  page.getByRole('group', { name: `Step ${number}: ${kind}` });
const count = (within: Page | Locator, name: string) => within.getByRole('spinbutton', { name, exact: true });

async function addStep(page: Page, kind: string): Promise<void> {
  await page.getByLabel('Kind of step').selectOption({ label: kind });
  await page.getByRole('button', { name: 'Add step' }).click();
}

/** Opens the demo's shared plan from the plans page and starts a session of it. */
async function startDemoSession(page: Page): Promise<void> {
  await page.goto(app.url('learners', '/cinema'));
  await page.getByRole('link', { name: `Run session: ${DEMO_CINEMA_PLAN_TITLE}` }).click();
  await page.getByRole('heading', { level: 1, name: DEMO_CINEMA_PLAN_TITLE }).waitFor();
  await page.getByText('All 2 media items are on this computer and play.').waitFor();
  await page.getByRole('textbox', { name: /^Place/ }).fill('Kakuma school hall');
  await page.getByRole('button', { name: 'Start session' }).click();
  await position(page).getByText('Step 1 of 9: Well-being check-in').waitFor();
}

describe('Learning Cinema, for a facilitator', () => {
  it('builds a plan, runs it with the network cut, ends it, and the log reaches the server once', async () => {
    const page = await facilitatorPage();
    const context = page.context();

    // Build the plan in the editor.
    await page.goto(app.url('learners', '/cinema'));
    await page.getByRole('heading', { level: 1, name: 'Learning Cinema' }).waitFor();
    await expectNoSeriousViolations(page);
    await page.getByRole('link', { name: 'New session plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'New session plan' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Safe water at school');
    await page.getByLabel('Age group').selectOption({ label: '12–17' });

    await addStep(page, 'Film, picture or slides');
    const film = step(page, 1, 'Film, picture or slides');
    await film.getByLabel('Library item').selectOption({ label: `${FILM} (video)` });
    await expect.poll(() => film.getByLabel('Title on the console').inputValue()).toBe(FILM);

    await addStep(page, 'Discussion');
    await step(page, 2, 'Discussion').getByLabel('Prompt shown to the group').fill('Where do we get water?');

    await addStep(page, 'Group quiz');
    const quiz = step(page, 3, 'Group quiz');
    await quiz.getByLabel('Question').fill('Is river water safe to drink?');
    await quiz.getByLabel('Answers').fill('Yes\nNo');
    await quiz.getByLabel(/^Right answer/).selectOption({ label: 'No' });

    await addStep(page, 'Well-being check-in');
    await step(page, 4, 'Well-being check-in')
      .getByLabel('Prompt shown to the group')
      .fill('How do you feel?');
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Save plan' }).click();

    // Saved: the plan page checks its media on this computer.
    await page.waitForURL(/\/cinema\/plans\/[0-9a-f-]{36}$/);
    const planId = /\/cinema\/plans\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    await page.getByRole('heading', { level: 1, name: 'Safe water at school' }).waitFor();
    await page.getByText('The media item is on this computer and plays.').waitFor();

    // Run it: where, then start, then the network goes.
    await page.getByRole('link', { name: 'Run session' }).click();
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    await page.getByRole('textbox', { name: /^Place/ }).fill('Hope primary school');
    await page.getByRole('textbox', { name: /^Region/ }).fill('Turkana');
    await page.getByRole('button', { name: 'Start session' }).click();
    await position(page).getByText('Step 1 of 4: Film, picture or slides').waitFor();
    await context.setOffline(true);
    await expectNoSeriousViolations(page);

    // A presentation clicker's PageDown, then the Next button.
    await page.keyboard.press('PageDown');
    await position(page).getByText('Step 2 of 4: Discussion').waitFor();
    await page
      .getByRole('toolbar', { name: 'Session controls' })
      .getByRole('button', { name: 'Next' })
      .click();
    await position(page).getByText('Step 3 of 4: Group quiz').waitFor();
    await count(page, 'Answer A: Yes').fill('3');
    await page.getByRole('button', { name: 'One more: Answer B: No' }).click();
    await count(page, 'Answer B: No').fill('7');
    await page.getByRole('button', { name: 'One more: Answer B: No' }).click();
    await expect.poll(() => count(page, 'Answer B: No').inputValue()).toBe('8');
    await page.getByRole('button', { name: 'Show the answer and counts' }).click();

    // Out of the count field (keys typed there are numbers, not shortcuts), then the clicker again.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('PageDown');
    await position(page).getByText('Step 4 of 4: Well-being check-in').waitFor();
    await count(page, 'Happy').fill('6');
    await count(page, 'Okay').fill('4');
    await count(page, 'Very sad').fill('1');

    // End, count who came, save: kept on this device, waiting for the network.
    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('heading', { name: 'End of session' }).waitFor();
    await count(page, 'Female, 12–17').fill('6');
    await count(page, 'Male, 12–17').fill('5');
    await count(page, 'With a disability').fill('1');
    await page.getByText('Total: 11 people').waitFor();
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.getByText('Session saved on this device').waitFor();
    await page.getByText('1 log waits to be sent; it will go when a server is reachable.').waitFor();
    const waiting = await page.evaluate((key) => window.localStorage.getItem(key), PENDING_KEY);
    expect(JSON.parse(waiting ?? '[]')).toHaveLength(1);
    expect(await asAdmin<ReachResponse>(`/cinema/reach?planId=${planId}`)).toMatchObject({ sessions: 0 });

    // The network is back: the plans page sends what waits.
    await context.setOffline(false);
    await page.getByRole('link', { name: 'Back to plans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Learning Cinema' }).waitFor();
    await expect
      .poll(() => page.evaluate((key) => window.localStorage.getItem(key), PENDING_KEY), POLL)
      .toBe('[]');
    await expect(page.getByText(/session logs? (is|are) waiting to be sent/).count()).resolves.toBe(0);

    // Once, with the counts of the room.
    const reach = await asAdmin<ReachResponse>(`/cinema/reach?planId=${planId}`);
    expect(reach).toMatchObject({
      sessions: 1,
      reached: 11,
      withDisability: 1,
      bySex: { female: 6, male: 5 },
      byAgeBand: { '12-17': 11 },
    });
    expect(reach.byRegion.map((group) => group.key)).toEqual(['Turkana']);
    const listed = await asAdmin<SessionListResponse>('/cinema/sessions');
    const ours = listed.items.filter((session) => session.planId === planId);
    expect(ours).toHaveLength(1);
    const [session] = ours;
    expect(session).toMatchObject({ place: 'Hope primary school', stepsCompleted: 4 });
    expect(session?.activities.map((a) => a.counts)).toEqual([[3, 8]]);
    expect(session?.checkIns.map((c) => c.counts)).toEqual([
      { very_sad: 1, sad: 0, okay: 4, happy: 6, very_happy: 0 },
    ]);

    // Going back to the plans page (another flush) does not send it twice.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Learning Cinema' }).waitFor();
    expect(await asAdmin<ReachResponse>(`/cinema/reach?planId=${planId}`)).toMatchObject({ sessions: 1 });
  }, 120_000);

  it('resumes at the same step with its counts after a power cut', async () => {
    const page = await facilitatorPage();
    await startDemoSession(page);
    const next = page
      .getByRole('toolbar', { name: 'Session controls' })
      .getByRole('button', { name: 'Next' });
    for (let i = 0; i < 3; i += 1) await next.click();
    await position(page).getByText('Step 4 of 9: Group quiz').waitFor();
    await count(page, 'Answer A: Before eating').fill('12');
    await count(page, 'Answer C: Once a week').fill('2');
    await expect.poll(() => count(page, 'Answer C: Once a week').inputValue()).toBe('2');

    // The lid closes, the page goes away; it comes back where it was.
    await page.reload();
    await page.getByText('This session was interrupted and continues at step 4, with its counts.').waitFor();
    await position(page).getByText('Step 4 of 9: Group quiz').waitFor();
    expect(await count(page, 'Answer A: Before eating').inputValue()).toBe('12');
    expect(await count(page, 'Answer B: Only when they look dirty').inputValue()).toBe('0');
    expect(await count(page, 'Answer C: Once a week').inputValue()).toBe('2');
  }, 90_000);

  it('shows the current step on the projector window and follows the console', async () => {
    const page = await facilitatorPage();
    await startDemoSession(page);
    const projector = await page.context().newPage();
    const projectorErrors: string[] = [];
    projector.on('pageerror', (error) => projectorErrors.push(error.message));
    await projector.goto(app.url('learners', '/cinema/projector'));
    const stage = projector.locator('.cinema-projector');
    await stage.getByText('How are you feeling today?').waitFor();

    const next = page
      .getByRole('toolbar', { name: 'Session controls' })
      .getByRole('button', { name: 'Next' });
    for (let i = 0; i < 3; i += 1) await next.click();
    await stage.getByText('When should we wash our hands?').waitFor();
    await next.click();
    await stage.getByText('Is there soap near where you wash your hands?').waitFor();
    await expect(stage.getByText('When should we wash our hands?').count()).resolves.toBe(0);

    // A key pressed on the projector (a clicker aimed at it) drives the console too.
    await projector.keyboard.press('PageDown');
    await position(page).getByText('Step 6 of 9: Movement or breathing break').waitFor();
    await stage.getByText('Breathe in slowly').waitFor();
    await projector.close();
    expect(projectorErrors).toEqual([]);
  }, 90_000);

  it('renders the console right to left in Arabic, without serious accessibility problems', async () => {
    const page = await facilitatorPage();
    await page.getByLabel('Language').selectOption({ label: 'العربية' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dir), POLL).toBe('rtl');
    await page.goto(app.url('learners', '/cinema'));
    const runLabel = arCinema['cinema.plans.runLabel'].replace('{title}', DEMO_CINEMA_PLAN_TITLE);
    await page.getByRole('link', { name: runLabel }).click();
    await page.getByRole('button', { name: arCinema['cinema.run.start'] }).click();
    const console_ = page.locator('.cinema-console');
    await console_.waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await console_.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await page.getByRole('button', { name: arCinema['cinema.run.next'], exact: true }).waitFor();
    await expectNoSeriousViolations(page);
  }, 90_000);
});
