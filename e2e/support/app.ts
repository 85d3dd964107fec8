import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../packages/server/src/demo/seed.js';
import type { TestServer } from '../../packages/server/src/test-support/server.js';
import { launchBrowser, pageSet } from './browser.js';
import { copyWebBuild, startAppServer } from './server.js';

export type DemoSlug = 'learners' | 'educators';

/** One real server over a fresh SQLite file with the demo programme in it, and one Chromium. */
export interface SeededApp {
  readonly server: TestServer;
  readonly browser: Browser;
  /** The id of a demo platform, for calls to `server.services`. */
  tenantId(slug: DemoSlug): string;
  /** An address of the tenant web app, e.g. url('learners', '/catalog'). */
  url(slug: DemoSlug, path?: string): string;
  /** A fresh browser context (no cookies, no storage) and a page in it; closed by close(). */
  newPage(options?: { locale?: string; width?: number }): Promise<Page>;
  /** Uncaught exceptions the app's pages threw since the last call (each test expects none). */
  takePageErrors(): string[];
  close(): Promise<void>;
}

/**
 * Starts the server, seeds the demo through the services, and launches the browser. The server serves
 * a snapshot of the web build, so a rebuild running meanwhile cannot swap the hashed assets under it.
 */
export async function startSeededApp(): Promise<SeededApp> {
  const webDir = copyWebBuild();
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startAppServer({ webDir });
    const outcome = await seedDemo(server.services);
    if (!outcome.seeded) throw new Error(`the demo was not seeded: ${outcome.reason}`);
    const ids = new Map(outcome.tenants.map((t) => [t.slug, t.id]));
    browser = await launchBrowser();
    const [openServer, openBrowser] = [server, browser];
    const pages = pageSet(openBrowser);
    return {
      server: openServer,
      browser: openBrowser,
      tenantId(slug) {
        const id = ids.get(slug);
        if (!id) throw new Error(`the demo has no platform "${slug}"`);
        return id;
      },
      url: (slug, path = '/') => `${openServer.url}/t/${slug}${path}`,
      newPage: (options) => pages.newPage(options),
      takePageErrors: () => pages.takePageErrors(),
      async close() {
        await pages.close();
        await openBrowser.close();
        await openServer.close();
        rmSync(webDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.close();
    rmSync(webDir, { recursive: true, force: true });
    throw error;
  }
}

/** Signs in with a username and password on the (English) sign-in page and waits until it has moved on. */
export async function signIn(
  page: Page,
  app: SeededApp,
  slug: DemoSlug,
  username: string,
  password: string,
): Promise<void> {
  await signInAt(page, app.url(slug, '/signin'), username, password);
}

/** The same, on the sign-in page at `signinUrl` (any server, any platform). */
export async function signInAt(
  page: Page,
  signinUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(signinUrl);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The page leaves the sign-in form once the session is there (in whatever language the user reads).
  await page.waitForURL((url) => !url.pathname.endsWith('/signin'));
}
