import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeededApp, type SeededApp } from './support/app.js';

// The learner's first visit of the home page, measured in Chromium against the real built app: every
// byte the server writes to the browser (the page's requests and the service worker's, headers
// included) until the page is interactive and the service worker has installed. Course media
// (/blobs/, e.g. course covers) is counted apart. Sizes do not depend on the machine, so the budget is
// enforced here; speed is only measured (bench/learner-load.ts).

const FIRST_VISIT_BUDGET = 150 * 1024;

interface Sent {
  readonly url: string;
  readonly bytes: number;
}

/** Counts what the server writes per response, from now on. */
function countResponses(app: SeededApp): { sent: Sent[]; stop: () => void } {
  const sent: Sent[] = [];
  const server = app.server.app.server;
  const listener = (req: { url?: string }, res: ServerResponse): void => {
    let bytes = 0;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const size = (chunk: unknown): number =>
      typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.length : 0;
    (res as unknown as { write: (...args: unknown[]) => boolean }).write = (...args) => {
      bytes += size(args[0]);
      return write(...args);
    };
    (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args) => {
      if (typeof args[0] !== 'function') bytes += size(args[0]);
      return end(...args);
    };
    res.on('finish', () => {
      // The status line and headers, as written.
      const head = (res as unknown as { _header?: string | null })._header ?? '';
      sent.push({ url: req.url ?? '', bytes: bytes + Buffer.byteLength(head) });
    });
  };
  server.prependListener('request', listener);
  return { sent, stop: () => server.off('request', listener) };
}

let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp();
});
afterAll(async () => {
  await app?.close();
});

describe('learner first visit', () => {
  it('transfers at most 150 KB to open the home page (course media aside), service worker included', async () => {
    const page = await app.newPage();
    // Signed in through the API first, so the visit below is the app's own first load of the home page.
    const signin = await page.request.post(`${app.server.url}/api/t/learners/auth/signin`, {
      data: { username: 'learner', password: 'learner123' },
    });
    expect(signin.ok()).toBe(true);

    const counter = countResponses(app);
    await page.goto(app.url('learners', '/'));
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await page.waitForLoadState('networkidle');
    counter.stop();

    const media = counter.sent.filter((s) => /\/api\/t\/[^/]+\/blobs\//.test(s.url));
    const rest = counter.sent.filter((s) => !media.includes(s));
    const total = rest.reduce((sum, s) => sum + s.bytes, 0);
    const listing = rest.map((s) => `${s.url} ${s.bytes} B`).join(', ');
    console.info(
      `home first visit in Chromium: ${total} B of ${FIRST_VISIT_BUDGET} B in ${rest.length} responses, plus ${media.reduce((sum, s) => sum + s.bytes, 0)} B of course media (${listing})`,
    );
    // The count must have seen the app itself, or it measures nothing.
    expect(rest.some((s) => s.url === '/sw.js')).toBe(true);
    expect(rest.some((s) => s.url.startsWith('/assets/index-'))).toBe(true);
    expect(total, listing).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
  }, 120_000);
});
