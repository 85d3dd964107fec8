// The two processes of bench/sync-national.ts, so that each side's peak resident memory is its own:
//   `national`: the whole Satchel app (buildApp, every route) over an existing database, on a loopback port;
//   `hub-sync`: a hub's `satchel sync` (SyncClient.syncAll over its SQLite file), then a second, no-op sync.
// Started by the parent with `fork` (IPC); runs from source (`--import tsx`).
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createServices } from '../../packages/server/src/app/services.js';
import { buildApp } from '../../packages/server/src/app/app.js';
import { readConfig } from '../../packages/server/src/config.js';
import { openPostgres, openSqlite, type DbHandle } from '../../packages/server/src/db/database.js';
import { systemClock } from '../../packages/server/src/platform/clock.js';
import { SyncClient } from '../../packages/server/src/sync/sync.client.js';

export type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'flushed' }
  | { type: 'pushed'; statements: number }
  | { type: 'synced'; result: SyncFigures };

export interface SyncFigures {
  /** The first sync (everything), from its start to its end. */
  syncMs: number;
  /** From the first push request sent to the last push answer received. */
  pushMs: number;
  pushed: number;
  pulled: number;
  requests: { pull: number; push: number };
  error: string | null;
  /** The second sync, with nothing new on either side. */
  noop: { ms: number; requests: number; pulled: number; pushed: number; error: string | null };
}

/** Which kinds a push carries, for BENCH_VERBOSE. */
function kindsOf(init: RequestInit | undefined): string {
  const raw = init?.body as Buffer;
  const headers = init?.headers as Record<string, string>;
  const text = (
    headers['content-encoding'] === 'br' ? brotliDecompressSync(raw) : gunzipSync(raw)
  ).toString();
  const counts = new Map<string, number>();
  for (const r of (JSON.parse(text) as { records: { kind: string }[] }).records)
    counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function open(): Promise<DbHandle> {
  const env = process.env;
  if (env.BENCH_ENGINE === 'postgres')
    return openPostgres({ connectionString: env.BENCH_PG_URL!, schema: env.BENCH_PG_SCHEMA! });
  return openSqlite(env.BENCH_SQLITE_FILE!);
}

async function national(): Promise<void> {
  const handle = await open();
  const config = readConfig(
    { SATCHEL_DATA: process.env.BENCH_DATA_DIR!, LOG_LEVEL: 'silent' },
    { port: 0, host: '127.0.0.1', webDir: null },
  );
  const built = await buildApp({ handle, config, clock: systemClock });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.on('message', (message: { type: string }) => {
    if (message.type === 'flush')
      void built.services.progress.flushed().then(() => send({ type: 'flushed' }));
    if (message.type === 'stop')
      void built.app
        .close()
        .then(() => handle.destroy())
        .then(() => process.exit(0));
  });
  send({ type: 'listening', port });
  // BENCH_VERBOSE: where the national server's memory is (V8 heap or native), every 10 s.
  if (process.env.BENCH_VERBOSE)
    setInterval(() => {
      const m = process.memoryUsage();
      const mb = (n: number): string => `${(n / 1048576).toFixed(0)} MB`;
      process.stderr.write(
        `  national rss ${mb(m.rss)}, heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)}\n`,
      );
    }, 10_000).unref();
}

async function hubSync(): Promise<void> {
  const handle = openSqlite(process.env.BENCH_SQLITE_FILE!);
  const config = readConfig({ SATCHEL_DATA: process.env.BENCH_DATA_DIR!, LOG_LEVEL: 'silent' });
  const services = createServices({ handle, config, clock: systemClock });
  const requests = { pull: 0, push: 0 };
  let firstPush = 0;
  let lastPush = 0;
  let pushed = 0;
  // The client's own fetch, counting requests and timing the push; the bytes are counted by the
  // parent's loopback proxy, which sees what really crosses the socket.
  const counting: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const push = url.endsWith('/sync/push');
    if (push) {
      requests.push += 1;
      if (firstPush === 0) firstPush = performance.now();
    } else if (url.endsWith('/sync/pull')) requests.pull += 1;
    const sent = performance.now();
    const res = await fetch(input, init);
    if (process.env.BENCH_VERBOSE && push) process.stderr.write(`  ${kindsOf(init)}`);
    if (process.env.BENCH_VERBOSE)
      process.stderr.write(
        `  ${url.slice(url.lastIndexOf('/') + 1)} answered in ${(performance.now() - sent).toFixed(0)} ms\n`,
      );
    if (push && res.ok) {
      const answer = (await res.clone().json()) as { applied?: number };
      pushed += answer.applied ?? 0;
      lastPush = performance.now();
      send({ type: 'pushed', statements: pushed });
    }
    return res;
  };
  const client = new SyncClient(services.sync.service, systemClock, counting);
  const began = performance.now();
  const [first] = await client.syncAll();
  const syncMs = performance.now() - began;
  const before = requests.pull + requests.push;
  const again = performance.now();
  const [second] = await client.syncAll();
  const noopMs = performance.now() - again;
  send({
    type: 'synced',
    result: {
      syncMs,
      pushMs: lastPush - firstPush,
      pushed: first?.pushed ?? 0,
      pulled: first?.pulled ?? 0,
      requests: { ...requests },
      error: first ? first.error : 'no link',
      noop: {
        ms: noopMs,
        requests: requests.pull + requests.push - before,
        pulled: second?.pulled ?? 0,
        pushed: second?.pushed ?? 0,
        error: second ? second.error : 'no link',
      },
    },
  });
  await handle.destroy();
}

const role = process.argv[2];
(role === 'national' ? national() : role === 'hub-sync' ? hubSync() : Promise.reject(new Error(role))).catch(
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
