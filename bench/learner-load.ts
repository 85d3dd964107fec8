// How fast the learner's home page becomes usable on a slow phone: Chromium with Lighthouse's "Slow 4G"
// (150 ms round trip, 1.6 Mbps down, 750 kbps up) and a 4× slower CPU, cold (nothing cached) and from
// the cache (the service worker's second visit). Against the real built app (startSeededApp: the
// server from source, packages/web/dist). Reported only: timing thresholds belong to no test.
import type { CDPSession, Page } from 'playwright-core';
import { startSeededApp, type SeededApp } from '../e2e/support/app.js';
import { runIfMain } from './lib/main.js';
import { log, pct, type BenchOutcome, type SummaryRow } from './lib/report.js';

const ROUNDS = 3;
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1_000_000) / 8,
  uploadThroughput: (750 * 1000) / 8,
};
const CPU_SLOWDOWN = 4;
/** Reference points: Moodle's first-load JavaScript over the wire, and a 3 s budget on a p75 phone. */
const MOODLE_FIRST_LOAD_JS = 461 * 1000;
const JS_BUDGET_3S = 365 * 1024;
/** No long task for this long after the page shows: Lighthouse's quiet window for time to interactive. */
const QUIET_MS = 5000;

// Runs in the page before its scripts: when the home heading appears, and when each long task ends.
const PROBE = `
  window.__satchelLoad = { heading: null, longTaskEnds: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__satchelLoad.longTaskEnds.push(entry.startTime + entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    const h1 = document.querySelector('h1');
    if (h1 && /^Welcome/.test(h1.textContent || '')) {
      window.__satchelLoad.heading = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

interface Visit {
  /** Home heading visible, ms from navigation start. */
  readonly shown: number;
  /** The end of the last long task before a quiet window, or `shown` when later. */
  readonly interactive: number;
  readonly fcp: number;
  readonly bytes: number;
  readonly scriptBytes: number;
}

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

async function visit(page: Page, cdp: CDPSession, url: string): Promise<Visit> {
  const types = new Map<string, string>();
  let bytes = 0;
  let scriptBytes = 0;
  const onResponse = (event: { requestId: string; type: string }) => types.set(event.requestId, event.type);
  const onFinished = (event: { requestId: string; encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
    if (types.get(event.requestId) === 'Script') scriptBytes += event.encodedDataLength;
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  try {
    await page.goto(url);
    await page.waitForFunction(
      () =>
        (window as unknown as { __satchelLoad: { heading: number | null } }).__satchelLoad.heading !== null,
      undefined,
      { timeout: 120_000 },
    );
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(QUIET_MS);
    const probe = await page.evaluate(() => {
      const load = (window as unknown as { __satchelLoad: { heading: number; longTaskEnds: number[] } })
        .__satchelLoad;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      return { heading: load.heading, longTaskEnds: load.longTaskEnds, fcp };
    });
    const lastLong = Math.max(0, ...probe.longTaskEnds);
    return {
      shown: probe.heading,
      interactive: Math.max(probe.heading, lastLong),
      fcp: probe.fcp,
      bytes,
      scriptBytes,
    };
  } finally {
    cdp.off('Network.responseReceived', onResponse);
    cdp.off('Network.loadingFinished', onFinished);
  }
}

async function round(app: SeededApp): Promise<{ cold: Visit; warm: Visit }> {
  const page = await app.newPage();
  await page.addInitScript(PROBE);
  const signin = await page.request.post(`${app.server.url}/api/t/learners/auth/signin`, {
    data: { username: 'learner', password: 'learner123' },
  });
  if (!signin.ok()) throw new Error(`sign-in failed: ${signin.status()}`);
  const cdp = await throttle(page);
  const cold = await visit(page, cdp, app.url('learners', '/'));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  const warm = await visit(page, cdp, app.url('learners', '/'));
  await page.context().close();
  return { cold, warm };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (n: number): string => `${Math.round(n).toLocaleString('en-US')} ms`;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export async function learnerLoad(): Promise<BenchOutcome> {
  log(
    `\n[learner-load] home page, Slow 4G (150 ms, 1.6/0.75 Mbps) and ${CPU_SLOWDOWN}× CPU, ${ROUNDS} rounds…`,
  );
  const app = await startSeededApp();
  try {
    const rounds: { cold: Visit; warm: Visit }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const result = await round(app);
      rounds.push(result);
      log(
        `[learner-load] round ${i + 1}: cold shown ${ms(result.cold.shown)}, interactive ${ms(result.cold.interactive)}, ${kb(result.cold.bytes)} (${kb(result.cold.scriptBytes)} JS); cached shown ${ms(result.warm.shown)}, interactive ${ms(result.warm.interactive)}, ${kb(result.warm.bytes)}`,
      );
    }
    const pick = (side: 'cold' | 'warm', field: keyof Visit): number =>
      median(rounds.map((r) => r[side][field]));
    const row = (
      measure: string,
      subject: string,
      baseline = '–',
      ratio = '–',
      target = '–',
      met: boolean | null = null,
    ): SummaryRow => ({
      benchmark: 'learner-load',
      measure,
      subject,
      baseline,
      ratio,
      target,
      met,
    });
    const js = pick('cold', 'scriptBytes');
    return {
      name: 'learner-load',
      rows: [
        row('home time to interactive, Slow 4G + 4× CPU, cold', ms(pick('cold', 'interactive'))),
        row('home time to interactive, Slow 4G + 4× CPU, from the cache', ms(pick('warm', 'interactive'))),
        row(
          'home first contentful paint, cold / cached',
          `${ms(pick('cold', 'fcp'))} / ${ms(pick('warm', 'fcp'))}`,
        ),
        row('home first visit, bytes over the wire (course media included)', kb(pick('cold', 'bytes'))),
        row(
          'first-load JavaScript over the wire / Moodle',
          kb(js),
          '461 kB Moodle',
          pct(js / MOODLE_FIRST_LOAD_JS),
        ),
        row(
          'first-load JavaScript over the wire / 3 s budget (p75 phone)',
          kb(js),
          '365 KB budget',
          pct(js / JS_BUDGET_3S),
          '≤ 100%',
          js <= JS_BUDGET_3S,
        ),
      ],
      notes: [
        `Learner load: Chromium (${CPU_SLOWDOWN}× CPU throttling, CDP network emulation ${SLOW_4G.latency} ms RTT, 1.6 Mbps down, 750 kbps up), median of ${ROUNDS} rounds. "Interactive" is when the home page's heading is shown or the last long task before a ${QUIET_MS / 1000} s quiet window ends, whichever is later (Lighthouse's definition, simplified: no network quiet window beyond networkidle). "From the cache" is the second visit, answered by the service worker. The server runs on loopback in this process, so the emulated network is the only network cost.`,
      ],
    };
  } finally {
    await app.close();
  }
}

runIfMain(import.meta.url, learnerLoad);
