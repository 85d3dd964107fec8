// Resident memory of the built server (`satchel serve`) with the demo loaded and
// idle, after a learner's first visit. See bench/README.md.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runIfMain } from './lib/main.js';
import { log, mb, pct, type BenchOutcome, type SummaryRow } from './lib/report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUDGET_BYTES = 120 * 1024 * 1024;
/** Seeding the demo hashes passwords and imports courses: allow for a slow, shared machine. */
const START_LIMIT_MS = 180_000;
const IDLE_MS = 5_000;
const TENANT = 'learners';

type Server = ChildProcessByStdio<null, Readable, Readable>;

// Loaded into the server with --import: on SIGUSR2 it prints what V8 says about its
// memory, so the report can tell the JavaScript heap from native memory. Sent only
// after VmRSS has been read, and it allocates nothing until then.
const PROBE = `process.on('SIGUSR2', () => process.stderr.write('SATCHEL_BENCH_MEMORY ' + JSON.stringify(process.memoryUsage()) + '\\n'));`;

interface V8Memory {
  heapTotal: number;
  heapUsed: number;
  external: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS and VmHWM (peak) of a process, in bytes, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${name}`);
    return Number(match[1]) * 1024;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

function start(
  dataDir: string,
  extraEnv: Record<string, string>,
): { child: Server; port: Promise<number>; output: () => string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    SATCHEL_DATA: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SATCHEL_WEB_DIR: join(ROOT, 'packages/web/dist'),
    LOG_LEVEL: 'warn',
  };
  // The hub case: embedded SQLite, whatever this shell points at.
  delete env.DATABASE_URL;
  const probe = `data:text/javascript,${encodeURIComponent(PROBE)}`;
  const child = spawn(
    process.execPath,
    ['--import', probe, join(ROOT, 'packages/server/bin/satchel.mjs'), 'serve'],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`satchel serve did not start within ${START_LIMIT_MS} ms:\n${text}`)),
      START_LIMIT_MS,
    );
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      const match = /running at http:\/\/[^:\s]+:(\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`satchel serve exited (${code}) before it listened:\n${text}`));
    });
  });
  return { child, port, output: () => text };
}

async function request(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${base}${path}`, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

/**
 * What a learner's first visit asks for: the page, its assets, the tenant, sign-in,
 * home and the catalog. Returns the number of requests and the static files that
 * were missing (reported, not fatal: memory is what this measures).
 */
async function firstVisit(base: string): Promise<{ count: number; missing: string[] }> {
  let count = 0;
  const missing: string[] = [];
  const html = await (await request(base, `/t/${TENANT}/`)).text();
  count++;
  for (const match of html.matchAll(/(?:src|href)="(\/(?:assets|icons)\/[^"]+|\/manifest\.webmanifest)"/g)) {
    const res = await fetch(`${base}${match[1]!}`);
    await res.arrayBuffer();
    if (!res.ok) missing.push(`${match[1]!} (${res.status})`);
    count++;
  }
  await (await request(base, `/api/t/${TENANT}/public`)).text();
  const signin = await request(base, `/api/t/${TENANT}/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'learner', password: 'learner123' }),
  });
  await signin.text();
  const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0]!;
  count += 2;
  for (const path of ['/me', '/me/courses', '/catalog?pageSize=12', '/catalog?pageSize=12&page=2']) {
    await (await request(base, `/api/t/${TENANT}${path}`, { headers: { cookie } })).text();
    count++;
  }
  return { count, missing };
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error('/healthz did not answer within 30 s');
}

interface Reading {
  idleRss: number;
  visitedRss: number;
  peak: number;
  requests: number;
  missing: string[];
  startMs: number;
  v8: V8Memory;
}

async function v8Memory(server: { child: Server; output: () => string }): Promise<V8Memory> {
  server.child.kill('SIGUSR2');
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const match = /SATCHEL_BENCH_MEMORY (\{.*\})/.exec(server.output());
    if (match) return JSON.parse(match[1]!) as V8Memory;
    await sleep(50);
  }
  throw new Error('the server did not report its V8 memory');
}

async function measure(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Reading> {
  const began = performance.now();
  const server = start(dataDir, extraEnv);
  try {
    const base = `http://127.0.0.1:${await server.port}`;
    await waitForHealth(base);
    const startMs = performance.now() - began;
    await sleep(IDLE_MS);
    const idle = memoryOf(server.child.pid!);
    const visit = await firstVisit(base);
    await sleep(IDLE_MS);
    const visited = memoryOf(server.child.pid!);
    const v8 = await v8Memory(server);
    return {
      idleRss: idle.rss,
      visitedRss: visited.rss,
      peak: visited.peak,
      requests: visit.count,
      missing: visit.missing,
      startMs,
      v8,
    };
  } finally {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}

function row(what: string, reading: Reading): SummaryRow {
  return {
    benchmark: 'memory',
    measure: what,
    subject: mb(reading.visitedRss),
    baseline: `budget ${mb(BUDGET_BYTES)}`,
    ratio: pct(reading.visitedRss / BUDGET_BYTES),
    target: '<= 100% (120 MB)',
    met: reading.visitedRss <= BUDGET_BYTES,
  };
}

const breakdown = (r: Reading): string =>
  `V8 heap ${mb(r.v8.heapTotal)} (${mb(r.v8.heapUsed)} in use), external ${mb(r.v8.external)}, the rest (code, native modules, malloc) ${mb(r.visitedRss - r.v8.heapTotal - r.v8.external)}`;

/** glibc keeps freed blocks of up to 32 MB in its arenas unless the mmap threshold is fixed. */
const FIXED_MMAP_THRESHOLD = { MALLOC_MMAP_THRESHOLD_: '131072' };

export async function memory(): Promise<BenchOutcome> {
  const dataDir = mkdtempSync(join(tmpdir(), 'satchel-bench-memory-'));
  const diagnosticDir = mkdtempSync(join(tmpdir(), 'satchel-bench-memory-'));
  try {
    log('\n[memory] first start: satchel serve seeds the demo into an empty database…');
    const first = await measure(dataDir);
    log(
      `[memory] first start (seeded in ${(first.startMs / 1000).toFixed(1)} s): idle ${mb(first.idleRss)}, after a first visit (${first.requests} requests) and ${IDLE_MS / 1000} s idle ${mb(first.visitedRss)} = ${pct(first.visitedRss / BUDGET_BYTES)} of 120 MB; peak ${mb(first.peak)}`,
    );
    log('[memory] restart on the seeded database…');
    const again = await measure(dataDir);
    log(
      `[memory] restart (up in ${(again.startMs / 1000).toFixed(1)} s): idle ${mb(again.idleRss)}, after a first visit ${mb(again.visitedRss)} = ${pct(again.visitedRss / BUDGET_BYTES)} of 120 MB; peak ${mb(again.peak)}`,
    );
    log(`[memory]   ${breakdown(first)} | restart: ${breakdown(again)}`);
    log(
      '[memory] diagnostic: first start again with MALLOC_MMAP_THRESHOLD_=131072 (glibc returns large freed blocks)…',
    );
    const fixed = await measure(diagnosticDir, FIXED_MMAP_THRESHOLD);
    log(`[memory] diagnostic: first start with a fixed mmap threshold: ${mb(fixed.visitedRss)}`);
    const missing = [...new Set([...first.missing, ...again.missing])];
    if (missing.length > 0) log(`[memory] the server did not serve: ${missing.join(', ')}`);
    return {
      name: 'memory',
      rows: [
        row('RSS, demo seeded at start, idle after a visit', first),
        row('RSS, restart on the demo, idle after a visit', again),
      ],
      notes: [
        `Memory: VmRSS of \`node packages/server/bin/satchel.mjs serve\` (SQLite, built web app) ${IDLE_MS / 1000} s after a learner's first visit (page, assets, sign-in, /me, /me/courses, two catalog pages). Idle before the visit: ${mb(first.idleRss)} on the first start, ${mb(again.idleRss)} on restart; peak (VmHWM) ${mb(first.peak)} while seeding, ${mb(again.peak)} on restart.`,
        `Memory, first start: ${breakdown(first)}. Restart: ${breakdown(again)}.`,
        `Memory, diagnostic: the same first start with MALLOC_MMAP_THRESHOLD_=131072 ends at ${mb(fixed.visitedRss)} instead of ${mb(first.visitedRss)}: the difference is memory glibc keeps after freeing large native blocks (scrypt's 16 MB work area per password hashed while seeding).`,
        ...(missing.length > 0
          ? [`Memory: files index.html names that the server did not serve: ${missing.join(', ')}.`]
          : []),
      ],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(diagnosticDir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, memory);
