import type { PackPlanResponse } from '@satchel/core';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arCinema } from '../packages/web/src/i18n/messages/cinema/ar.js';
import { fillPlan, savePlan } from './support/cinema.js';
import { FACILITATOR, startCinemaTree, type CinemaTree } from './support/tree.js';

// A facilitator writes a plan on the national server from the office; later, on the laptop (a hub
// whose last sync was before that plan), the plans page lists it under "On the national server" and
// "Pack for the field" brings the plan and then its film, every byte checked. Record sync bringing
// the same plan afterwards changes nothing.

const POLL = { timeout: 15_000, interval: 100 };

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

/** On the national server, through its pages: the facilitator writes a plan around the film. */
async function planOnNational(t: CinemaTree, title: string): Promise<string> {
  const page = await t.signedInPage(t.national, FACILITATOR);
  await page.goto(t.url(t.national, '/cinema'));
  await page.getByRole('heading', { level: 1, name: 'Learning Cinema' }).waitFor();
  await fillPlan(page, title);
  const planId = await savePlan(page, title);
  await page.close();
  return planId;
}

const upstreamSection = (page: Page, name = 'On the national server') => page.getByRole('region', { name });

async function rowsOf(t: CinemaTree, table: 'cinema_plans' | 'sync_conflicts', column: string, id: string) {
  const found = await t.hub.db.db
    .selectFrom(table)
    .select('tenant_id')
    .where(column as 'tenant_id', '=', id)
    .execute();
  return found.length;
}

describe('a plan written on the national server, packed on the laptop with the button', () => {
  it('is listed as not on this computer, then packed: the plan, then its film', async () => {
    const t = openTree();
    const title = 'Clean hands at the well';
    const planId = await planOnNational(t, title);

    const page = await t.signedInPage(t.hub, FACILITATOR);
    await page.goto(t.url(t.hub, '/cinema'));
    await page.getByRole('heading', { level: 1, name: 'Learning Cinema' }).waitFor();
    const section = upstreamSection(page);
    await section.getByRole('heading', { level: 3, name: title }).waitFor();
    // Not among the laptop's own plans yet.
    expect(await page.getByRole('link', { name: `Run session: ${title}` }).count()).toBe(0);

    const answer = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/pack'),
    );
    await section.getByRole('button', { name: `Pack for the field: ${title}` }).click();
    const packed = (await (await answer).json()) as PackPlanResponse;
    expect(packed).toMatchObject({
      planId,
      upstream: t.national.url,
      fetchedPlan: true,
      copiedFiles: 1,
      notCopied: [],
      readiness: { ready: true },
    });
    await section.getByText(`“${title}” is on this computer now.`).waitFor();
    await section.getByText('The plan was copied from the national server. 1 file copied.').waitFor();
    await section.getByText('The media item is on this computer and plays.').waitFor();
    await section
      .getByText('Every plan you may use on the national server is already on this computer.')
      .waitFor();
    // The laptop's own list has it now, ready to run.
    await page.getByRole('link', { name: `Run session: ${title}` }).waitFor();
    await section.getByRole('link', { name: `Open “${title}”` }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('The media item is on this computer and plays.').waitFor();
    await page.close();

    // Record sync brings the same plan later: still one plan, and nothing in the conflict log.
    await t.syncHub();
    expect(await rowsOf(t, 'cinema_plans', 'id', planId)).toBe(1);
    expect(await rowsOf(t, 'sync_conflicts', 'record_id', planId)).toBe(0);
  }, 180_000);

  it('right to left on a 320 px screen, and says clearly when the national server cannot be reached', async () => {
    const t = openTree();
    const title = 'Safe water on the road';
    await planOnNational(t, title);

    const page = await t.signedInPage(t.hub, FACILITATOR);
    await page.goto(t.url(t.hub, '/cinema'));
    await page.getByLabel('Language').selectOption({ label: 'العربية' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dir), POLL).toBe('rtl');
    await page.setViewportSize({ width: 320, height: 640 });
    const section = upstreamSection(page, arCinema['cinema.upstream.title']);
    const pack = section.getByRole('button', {
      name: arCinema['cinema.upstream.packLabel'].replace('{title}', title),
    });
    await pack.waitFor();
    const box = await pack.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // The link to the national server goes down: the page says so, and offers to try again.
    await t.national.close();
    await page.reload();
    await section.getByText(arCinema['cinema.upstream.unreachable']).waitFor();
    await section.getByRole('button', { name: arCinema['cinema.upstream.retry'] }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.close();
  }, 180_000);
});
