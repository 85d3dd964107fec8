import type { Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';

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

const POLL = { timeout: 20_000, interval: 100 };

/** What has keyboard focus: its tag and accessible text, enough to tell the heading from a button. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active ? `${active.tagName}:${(active.textContent ?? '').trim()}` : '';
  });

/** Holds every script the page asks for until `release`, like a slow connection fetching a lazy page. */
async function holdScripts(page: Page): Promise<{ release: () => void; held: () => number }> {
  let held = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\.js(\?.*)?$/, async (route: Route) => {
    held += 1;
    await released;
    await route.continue();
  });
  return { release, held: () => held };
}

describe('focus after a navigation', () => {
  it('moves to the new page heading, but not away from a menu the user opened while the page loaded', async () => {
    // No service worker: it would answer the script requests from its cache, past the hold below.
    const context = await app.browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 1024, height: 800 },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    try {
      await signIn(page, app, 'learners', 'learner', 'learner123');
      const home = page.getByRole('heading', { level: 1, name: 'Welcome, Amina Yusuf' });
      await home.waitFor();
      // Signing in is a navigation: the heading takes focus so a screen reader starts on the new page.
      await expect.poll(() => focused(page), POLL).toBe('H1:Welcome, Amina Yusuf');

      // On a slow connection the catalog's code is still on its way when she opens the account menu.
      const scripts = await holdScripts(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Catalog' }).click();
      await expect.poll(scripts.held, POLL).toBeGreaterThan(0);
      const account = page.getByRole('button', { name: /Amina Yusuf/ });
      await account.click();
      await expect.poll(() => account.getAttribute('aria-expanded'), POLL).toBe('true');

      scripts.release();
      await page.getByRole('heading', { level: 1, name: 'Catalog' }).waitFor();
      // The page arrived; the menu she opened stays open with focus where she put it.
      expect(await account.getAttribute('aria-expanded')).toBe('true');
      expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
      expect(await focused(page)).toMatch(/^BUTTON:.*Amina Yusuf/);

      // Escape closes it; the next navigation moves focus to its heading as usual.
      await page.keyboard.press('Escape');
      await expect.poll(() => account.getAttribute('aria-expanded'), POLL).toBe('false');
      await page.unrouteAll();
      await page.getByRole('navigation').getByRole('link', { name: 'My learning' }).click();
      await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
      await expect.poll(() => focused(page), POLL).toBe('H1:My learning');
    } finally {
      await context.close();
    }
  }, 120_000);
});
