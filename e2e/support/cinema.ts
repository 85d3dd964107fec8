import type { PackPlanResponse } from '@satchel/core';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// Learning Cinema through its pages (English interface): the plan editor, the console and the
// closing form, as a facilitator uses them. Shared by the browser tests of one server and of a hub.

const POLL = { timeout: 15_000, interval: 100 };

/** The demo film, as the plan editor's library list names it. */
export const FILM = 'Washing hands (film)';

/** Where the page keeps session logs that wait for the network, per platform. */
export const pendingKey = (slug: string): string => `satchel:cinema:pending:${slug}`;

export const position = (page: Page): Locator => page.locator('.cinema-console__position');
export const step = (page: Page, number: number, kind: string): Locator =>
  page.getByRole('group', { name: `Step ${number}: ${kind}` });
export const count = (within: Page | Locator, name: string): Locator =>
  within.getByRole('spinbutton', { name, exact: true });

export async function addStep(page: Page, kind: string): Promise<void> {
  await page.getByLabel('Kind of step').selectOption({ label: kind });
  await page.getByRole('button', { name: 'Add step' }).click();
}

/** The plan `fillPlan` writes: a film, a discussion, a two-answer group quiz and a check-in, for 12–17. */
export const PLAN_STEPS = 4;

/**
 * From the plans page: opens a new plan and fills it (not saved yet), with the film from this
 * server's library as its first step.
 */
export async function fillPlan(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: 'New session plan' }).click();
  await page.getByRole('heading', { level: 1, name: 'New session plan' }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(title);
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
  await step(page, 4, 'Well-being check-in').getByLabel('Prompt shown to the group').fill('How do you feel?');
}

/** What the plan's page says of a film listed in the library whose file is not on this computer. */
export const NOT_COPIED = `${FILM}: the file has not been copied to this computer`;

/**
 * Saves the filled plan; returns its id once its page says the film is on this computer and plays
 * (or, with `filmHere: false`, that its file has not been copied here yet).
 */
export async function savePlan(page: Page, title: string, { filmHere = true } = {}): Promise<string> {
  await page.getByRole('button', { name: 'Save plan' }).click();
  await page.waitForURL(/\/cinema\/plans\/[0-9a-f-]{36}$/);
  const planId = /\/cinema\/plans\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  if (filmHere) await page.getByText('The media item is on this computer and plays.').waitFor();
  else await page.getByRole('alert').getByText(NOT_COPIED).waitFor();
  return planId;
}

/**
 * "Pack for the field" on the plan's page: the server copies what the plan lacks from its upstream
 * and reads every file against its hash. Returns the server's answer.
 */
export async function packForTheField(page: Page): Promise<PackPlanResponse> {
  const answer = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().endsWith('/pack'),
  );
  await page.getByRole('button', { name: 'Pack for the field' }).click();
  return (await (await answer).json()) as PackPlanResponse;
}

/** From the plan's page: where the session is held, then start it (the console shows step 1). */
export async function startSession(page: Page, where: { place: string; region: string }): Promise<void> {
  await page.getByRole('link', { name: 'Run session' }).click();
  await page.getByRole('button', { name: 'Start session' }).waitFor();
  await page.getByRole('textbox', { name: /^Place/ }).fill(where.place);
  await page.getByRole('textbox', { name: /^Region/ }).fill(where.region);
  await page.getByRole('button', { name: 'Start session' }).click();
  await position(page).getByText(`Step 1 of ${PLAN_STEPS}: Film, picture or slides`).waitFor();
}

/** What the facilitator counts in the room and types into the console and the closing form. */
export interface RoomCounts {
  /** Hands up for the quiz's answers A ("Yes") and B ("No"). */
  readonly yes: number;
  readonly no: number;
  /** Faces chosen at the check-in. */
  readonly happy: number;
  readonly okay: number;
  readonly verySad: number;
  /** Who came, all 12–17. */
  readonly female: number;
  readonly male: number;
  readonly withDisability: number;
}

export const reachedIn = (room: RoomCounts): number => room.female + room.male;

/**
 * Runs a started session of the `fillPlan` plan to its end with the network cut: a presentation
 * clicker's PageDown and the Next button, the quiz's show of hands (typed, and one more with its
 * button), the check-in, then who came; saved, the log waits on this device for the network.
 */
export async function runSessionOffline(page: Page, room: RoomCounts): Promise<void> {
  await page.keyboard.press('PageDown');
  await position(page).getByText(`Step 2 of ${PLAN_STEPS}: Discussion`).waitFor();
  await page.getByRole('toolbar', { name: 'Session controls' }).getByRole('button', { name: 'Next' }).click();
  await position(page).getByText(`Step 3 of ${PLAN_STEPS}: Group quiz`).waitFor();
  await count(page, 'Answer A: Yes').fill(String(room.yes));
  await page.getByRole('button', { name: 'One more: Answer B: No' }).click();
  // Typing replaces what the button counted; the button then adds the last hand.
  await count(page, 'Answer B: No').fill(String(room.no - 1));
  await page.getByRole('button', { name: 'One more: Answer B: No' }).click();
  await expect.poll(() => count(page, 'Answer B: No').inputValue()).toBe(String(room.no));
  await page.getByRole('button', { name: 'Show the answer and counts' }).click();

  // Out of the count field (keys typed there are numbers, not shortcuts), then the clicker again.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('PageDown');
  await position(page).getByText(`Step 4 of ${PLAN_STEPS}: Well-being check-in`).waitFor();
  await count(page, 'Happy').fill(String(room.happy));
  await count(page, 'Okay').fill(String(room.okay));
  await count(page, 'Very sad').fill(String(room.verySad));

  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('heading', { name: 'End of session' }).waitFor();
  await count(page, 'Female, 12–17').fill(String(room.female));
  await count(page, 'Male, 12–17').fill(String(room.male));
  await count(page, 'With a disability').fill(String(room.withDisability));
  await page.getByText(`Total: ${reachedIn(room)} people`).waitFor();
  await page.getByRole('button', { name: 'Save session' }).click();
  await page.getByText('Session saved on this device').waitFor();
  await page.getByText('1 log waits to be sent; it will go when a server is reachable.').waitFor();
}

/** The session logs waiting on this device for the network. */
export async function waitingLogs(page: Page, slug: string): Promise<unknown[]> {
  const saved = await page.evaluate((key) => window.localStorage.getItem(key), pendingKey(slug));
  return JSON.parse(saved ?? '[]') as unknown[];
}

/** The network comes back; the plans page sends what waits, and nothing is left waiting. */
export async function sendWaitingLogs(page: Page, slug: string): Promise<void> {
  await page.context().setOffline(false);
  await page.getByRole('link', { name: 'Back to plans' }).click();
  await page.getByRole('heading', { level: 1, name: 'Learning Cinema' }).waitFor();
  await expect.poll(() => waitingLogs(page, slug), POLL).toEqual([]);
  await expect(page.getByText(/session logs? (is|are) waiting to be sent/).count()).resolves.toBe(0);
}
