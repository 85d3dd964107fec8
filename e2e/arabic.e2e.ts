import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../packages/web/src/i18n/messages/ar.js';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';

const ARABIC_COURSE = 'يدان نظيفتان وصحة جيدة';
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
const WIDTH = 1024;

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

/** Fills an Arabic message's placeholders, for matching names the page computed. */
function arabic(key: keyof typeof ar, values: Record<string, string> = {}): string {
  return ar[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

async function centreX(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('the element is not laid out');
  return box.x + box.width / 2;
}

/** The course id in the address of a course or lesson page. */
function courseIdIn(page: Page): string {
  const id = /\/courses\/([^/?#]+)/.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`not on a course page: ${page.url()}`);
  return decodeURIComponent(id);
}

async function documentLocale(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

describe('the learner interface in Arabic', () => {
  it('turns right-to-left when a learner switches the language to Arabic, and the Arabic course works in it', async () => {
    const page = await app.newPage({ width: WIDTH });
    await signIn(page, app, 'learners', 'chidi', 'learner123');
    await page.getByRole('heading', { level: 1, name: 'Welcome, Chidi Okafor' }).waitFor();
    expect(await documentLocale(page)).toEqual({ lang: 'en', dir: 'ltr' });

    // In English the brand sits at the left and the navigation runs left to right.
    const brand = page.getByRole('link', { name: 'Satchel Youth (demo), home page' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    const [home, learning] = [
      nav.getByRole('link', { name: 'Home' }),
      nav.getByRole('link', { name: 'My learning' }),
    ];
    expect(await centreX(brand)).toBeLessThan(WIDTH / 2);
    expect(await centreX(home)).toBeLessThan(await centreX(learning));

    await page.getByLabel('Language').selectOption({ label: 'العربية' });
    await page
      .getByRole('heading', { level: 1, name: arabic('home.welcome', { name: 'Chidi Okafor' }) })
      .waitFor();
    expect(await documentLocale(page)).toEqual({ lang: 'ar', dir: 'rtl' });

    // Mirrored: the brand at the right, the navigation running right to left, every label in Arabic.
    const arBrand = page.getByRole('link', { name: arabic('nav.homeOf', { name: 'Satchel Youth (demo)' }) });
    const arNav = page.getByRole('navigation', { name: ar['nav.primary'] });
    const arHome = arNav.getByRole('link', { name: ar['nav.home'] });
    const arLearning = arNav.getByRole('link', { name: ar['nav.myLearning'] });
    expect(await centreX(arBrand)).toBeGreaterThan(WIDTH / 2);
    expect(await centreX(arHome)).toBeGreaterThan(await centreX(arLearning));
    const navText = await arNav.innerText();
    expect(navText).toMatch(ARABIC_SCRIPT);
    expect(navText).not.toMatch(/[A-Za-z]/);

    // The choice is saved to the learner's profile (in the background, so wait for it).
    const tenantId = app.tenantId('learners');
    await expect
      .poll(async () => (await app.server.services.users.byUsername(tenantId, 'chidi'))?.locale, {
        timeout: 10_000,
      })
      .toBe('ar');

    // The core of the learner flow, in Arabic: catalog, the Arabic course, its lessons.
    await arNav.getByRole('link', { name: ar['nav.catalog'] }).click();
    await page.getByRole('heading', { level: 1, name: ar['catalog.title'] }).waitFor();
    await page.getByRole('link', { name: ARABIC_COURSE }).click();
    await page.getByRole('heading', { level: 1, name: ARABIC_COURSE }).waitFor();
    await page
      .getByRole('region', { name: ar['course.lessons'] })
      .getByText('خطوات غسل اليدين الخمس')
      .waitFor();
    await page.getByRole('button', { name: ar['course.action.start'] }).click();
    await page.getByRole('heading', { level: 1, name: 'خطوات غسل اليدين الخمس' }).waitFor();
    // The video offers its Arabic captions first.
    expect(await page.locator('video track[default]').getAttribute('srclang')).toBe('ar');

    await page
      .getByRole('navigation', { name: ar['player.lessonNav'] })
      .getByRole('link', { name: /جراثيم لا نراها/ })
      .click();
    // The lesson text repeats its title as a heading of its own, so the page heading is the first one.
    const reading = page.getByRole('heading', { level: 1, name: 'جراثيم لا نراها' }).first();
    await reading.waitFor();
    const published = await app.server.services.courses.latestManifest(tenantId, courseIdIn(page));
    const total = published?.manifest.modules.reduce((sum, module) => sum + module.lessons.length, 0) ?? 0;
    await page
      .getByText(arabic('player.lessonOf', { position: '2', total: String(total) }), { exact: false })
      .waitFor();
    const body = page.getByText('الماء وحده لا يكفي.');
    await body.waitFor();
    expect(await body.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await reading.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
  }, 90_000);

  it('greets a learner whose profile is in Arabic in Arabic, right-to-left, as soon as she signs in', async () => {
    const page = await app.newPage({ width: WIDTH });
    await signIn(page, app, 'learners', 'layla', 'learner123');
    await page
      .getByRole('heading', { level: 1, name: arabic('home.welcome', { name: 'ليلى منصور' }) })
      .waitFor();
    expect(await documentLocale(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    // Her finished Arabic course is among her courses, marked complete.
    const mine = page.getByRole('region', { name: ar['home.myCourses'] });
    await mine.getByRole('link', { name: ARABIC_COURSE }).waitFor();
    await mine.getByText(ar['course.status.completed']).first().waitFor();
  });
});
