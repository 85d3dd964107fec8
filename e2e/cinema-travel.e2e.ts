import { readFile } from 'node:fs/promises';
import { parseCsv } from '@satchel/core';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fillPlan,
  NOT_COPIED,
  packForTheField,
  reachedIn,
  runSessionOffline,
  savePlan,
  sendWaitingLogs,
  startSession,
  type RoomCounts,
} from './support/cinema.js';
import { ADMIN, FACILITATOR, startCinemaTree, TREE_SLUG, type CinemaTree } from './support/tree.js';

// Issue 6: a Learning Cinema session run on a school's hub with the network cut reaches the national
// reach report, by hub sync and, where no network reaches the school, by a records bundle on USB.
// Both ends are real servers serving the web app; people act through the pages in Chromium.

/** What the room does; every number the national report shows is checked against these. */
const ROOM: RoomCounts = {
  yes: 4,
  no: 9,
  happy: 7,
  okay: 3,
  verySad: 2,
  female: 8,
  male: 6,
  withDisability: 2,
};

interface Where {
  readonly place: string;
  readonly region: string;
}

let tree: CinemaTree | null = null;

beforeEach(async () => {
  tree = await startCinemaTree();
});
afterEach(async () => {
  const errors = tree?.takePageErrors() ?? [];
  await tree?.close();
  tree = null;
  expect(errors, 'uncaught errors in the pages').toEqual([]);
});

function openTree(): CinemaTree {
  if (!tree) throw new Error('the servers did not start');
  return tree;
}

/**
 * On the hub, through its pages: the facilitator builds a plan around the film the hub lists, packs
 * it for the field (the film's file comes from the national server, every byte checked) before
 * leaving, runs the session with the network cut, and once the network is back the log is stored on
 * the hub. Returns the session's id.
 */
async function sessionOnHub(t: CinemaTree, title: string, where: Where): Promise<string> {
  const page = await t.signedInPage(t.hub, FACILITATOR);
  await page.goto(t.url(t.hub, '/cinema'));
  await page.getByRole('heading', { level: 1, name: 'Learning Cinema' }).waitFor();
  await fillPlan(page, title);
  // The hub lists the film, but its file is still only on the national server.
  await savePlan(page, title, { filmHere: false });

  // Packing for the field: the hub copies the film from the national server with its own hub
  // credential, then reads every byte against its hash.
  const packed = await packForTheField(page);
  expect(packed).toMatchObject({ upstream: t.national.url, copiedFiles: 1, notCopied: [] });
  expect(packed.readiness.items.map((item) => item.status)).toEqual(['ok']);
  await page.getByText('1 file copied.').waitFor();
  await page.getByText('The media item is on this computer and plays.').waitFor();
  expect(await page.getByText(NOT_COPIED).count()).toBe(0);
  // Packing again has nothing to copy.
  expect(await packForTheField(page)).toMatchObject({ copiedFiles: 0, readiness: { ready: true } });
  await page.getByText('Nothing was missing: no file copied.').waitFor();

  await startSession(page, where);
  await page.context().setOffline(true);
  await runSessionOffline(page, ROOM);
  expect(await t.sessions(t.hub)).toEqual([]);

  await sendWaitingLogs(page, TREE_SLUG);
  const stored = await t.sessions(t.hub);
  expect(stored).toEqual([
    expect.objectContaining({ plan_title: title, ...where, reached: reachedIn(ROOM) }),
  ]);
  await page.close();
  return stored[0]?.id ?? '';
}

/** One number of the report's totals, found by its term. */
const total = (page: Page, term: string) =>
  page.locator('.cinema-totals > div', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) });

/** The bars of one of the report's charts, as screen readers hear them ("label: value"). */
const bars = (page: Page, caption: string) =>
  page.getByRole('figure', { name: caption }).getByRole('listitem').allTextContents();

/**
 * On the national server, through its pages: the admin opens the reach report and finds the session
 * with the room's numbers, then downloads the CSV and finds its row.
 */
async function expectInNationalReach(
  t: CinemaTree,
  session: { id: string; title: string } & Where,
): Promise<void> {
  const page = await t.signedInPage(t.national, ADMIN);
  await page.goto(t.url(t.national, '/cinema/reach'));
  await page.getByRole('heading', { level: 1, name: 'Reach' }).waitFor();
  const reached = String(reachedIn(ROOM));
  await expect.poll(() => total(page, 'Sessions').locator('dd').textContent()).toBe('1');
  expect(await total(page, 'People reached').locator('dd').textContent()).toBe(reached);
  expect(await total(page, 'With a disability').locator('dd').textContent()).toBe(
    String(ROOM.withDisability),
  );
  expect(await bars(page, 'By plan')).toEqual([`${session.title}: ${reached}`]);
  expect(await bars(page, 'By region')).toEqual([`${session.region}: ${reached}`]);
  expect(await bars(page, 'By sex')).toEqual(
    expect.arrayContaining([`Female: ${ROOM.female}`, `Male: ${ROOM.male}`]),
  );
  expect(await bars(page, 'By age group')).toEqual(expect.arrayContaining([`12–17: ${reached}`]));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV (one row per session)' }).click(),
  ]);
  const csv = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(csv.errors).toEqual([]);
  const [header = [], ...rows] = csv.rows;
  const records = rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
  expect(records).toEqual([
    expect.objectContaining({
      session_id: session.id,
      plan: session.title,
      place: session.place,
      region: session.region,
      'female_12-17': String(ROOM.female),
      'male_12-17': String(ROOM.male),
      total: reached,
      with_disability: String(ROOM.withDisability),
      checkin_happy: String(ROOM.happy),
      checkin_okay: String(ROOM.okay),
      checkin_very_sad: String(ROOM.verySad),
      steps_completed: '4',
    }),
  ]);
  await page.close();
}

describe('a Learning Cinema session run on a hub, in the national reach report', () => {
  it('arrives by hub sync once the hub reaches the national server', async () => {
    const t = openTree();
    const where = { place: 'Hope primary school', region: 'Turkana' };
    const id = await sessionOnHub(t, 'Safe water at school', where);
    expect(await t.sessions(t.national)).toEqual([]);

    await t.syncHub();
    expect((await t.sessions(t.national)).map((session) => session.id)).toEqual([id]);
    await expectInNationalReach(t, { id, title: 'Safe water at school', ...where });
  }, 180_000);

  it('arrives by a records bundle on USB, with no network between hub and national', async () => {
    const t = openTree();
    const lastSync = await t.lastSyncAttempt();
    const where = { place: 'Kalobeyei community centre', region: 'Turkana West' };
    const id = await sessionOnHub(t, 'Clean water by hand', where);

    const imported = await t.carryRecordsByUsb();
    expect(imported).toMatchObject({ status: 'imported', records: { refused: 0 } });
    // The hub's sync never ran after its first one (packing fetched files, it does not sync): the
    // stick carried the log.
    expect(await t.lastSyncAttempt()).toBe(lastSync);
    expect((await t.sessions(t.national)).map((session) => session.id)).toEqual([id]);
    await expectInNationalReach(t, { id, title: 'Clean water by hand', ...where });
  }, 180_000);
});
