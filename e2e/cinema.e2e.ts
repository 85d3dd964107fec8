import type { ReachResponse, SessionListResponse } from '@satchel/core';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { arCinema } from '../packages/web/src/i18n/messages/cinema/ar.js';
import { DEMO_CINEMA_PLAN_TITLE } from '../packages/server/src/demo/demo-cinema.js';
import { describeViolations, seriousAxeViolations } from './support/browser.js';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';
import {
  count,
  fillPlan,
  position,
  runSessionOffline,
  savePlan,
  sendWaitingLogs,
  startSession,
  waitingLogs,
  type RoomCounts,
} from './support/cinema.js';

// Learning Cinema in Chromium: a facilitator builds a plan, runs it with the network cut, ends it,
// and the session log reaches the server once the network is back; a power cut mid-session; the
// projector window; accessibility and right-to-left.

const POLL = { timeout: 15_000, interval: 100 };
/** What the room does in the first test (its expectations below spell these numbers out). */
const ROOM: RoomCounts = {
  yes: 3,
  no: 8,
  happy: 6,
  okay: 4,
  verySad: 1,
  female: 6,
  male: 5,
  withDisability: 1,
};

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
    await fillPlan(page, 'Safe water at school');
    await expectNoSeriousViolations(page);
    // Saved: the plan page checks its media on this computer.
    const planId = await savePlan(page, 'Safe water at school');

    // Run it: where, then start, then the network goes.
    await startSession(page, { place: 'Hope primary school', region: 'Turkana' });
    await context.setOffline(true);
    await expectNoSeriousViolations(page);
    await runSessionOffline(page, ROOM);
    expect(await waitingLogs(page, 'learners')).toHaveLength(1);
    expect(await asAdmin<ReachResponse>(`/cinema/reach?planId=${planId}`)).toMatchObject({ sessions: 0 });

    // The network is back: the plans page sends what waits.
    await sendWaitingLogs(page, 'learners');

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

    // "Pack for the field" on a 320 px phone, from the keyboard: the button fits the screen and the
    // answer is in Arabic (this server has no upstream, so packing only checks every file).
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 640 });
    const pack = page.getByRole('button', { name: arCinema['cinema.pack.button'] });
    await pack.focus();
    await page.keyboard.press('Enter');
    await page.getByText(arCinema['cinema.pack.noUpstream']).waitFor();
    const box = await pack.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoSeriousViolations(page);
    if (viewport) await page.setViewportSize(viewport);

    await page.getByRole('button', { name: arCinema['cinema.run.start'] }).click();
    const console_ = page.locator('.cinema-console');
    await console_.waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await console_.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await page.getByRole('button', { name: arCinema['cinema.run.next'], exact: true }).waitFor();
    await expectNoSeriousViolations(page);
  }, 90_000);
});
