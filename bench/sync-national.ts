// One hub pushing its statements (default 200,000; BENCH_SYNC_STATEMENTS, 1,000,000 for issue 5's
// figure) to the national server over real HTTP on loopback. Three processes: this one (setup, a
// byte-counting loopback proxy, the baseline), the national server (the whole app over PostgreSQL at
// 127.0.0.1:5432, a fresh schema; SQLite when PostgreSQL does not answer) and the hub's `satchel sync`
// (SyncClient.syncAll over the hub's SQLite file), each sampled for peak RSS (/proc/<pid>/status
// VmHWM) when a quarter of the statements has been pushed and at the end. Measures:
// - statements/s of the push and of the whole sync, against a raw batched INSERT of the same statement
//   rows into a fresh database of the same engine (500 rows per INSERT, one transaction each);
// - bytes on the wire (both directions, headers included) per statement, against the same statements'
//   stored JSON as one gzipped array (level 6); target ≤ 1.2×;
// - HTTP requests of a second sync with nothing new (target: one).
// Runs from source (tsx): `node --import tsx bench/sync-national.ts`.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { createServices, type Services } from '../packages/server/src/app/services.js';
import { readConfig } from '../packages/server/src/config.js';
import { openPostgres, openSqlite, type DbHandle, type Engine } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { authorityAgent } from '../packages/server/src/lrs/lrs.authority.js';
import { prepareStatement } from '../packages/server/src/lrs/lrs.ingest.js';
import { LrsRepo, type StatementInsert } from '../packages/server/src/lrs/lrs.repo.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { STATEMENT_COLUMNS } from '../packages/server/src/sync/sync.statements.js';
import { withSession } from '../packages/server/src/sync/sync.session.js';
import { runIfMain } from './lib/main.js';
import { PG_URL, postgresAnswers, withSchemaLock } from './lib/server.js';
import { int, log, mb, type BenchOutcome, type SummaryRow } from './lib/report.js';
import { publishCourse, type Learner, type SeededCourse } from './lib/seed.js';
import { DeviceQueues } from './lib/statements.js';
import type { ChildMessage, SyncFigures } from './lib/sync-national-child.js';

const STATEMENTS = Number(process.env.BENCH_SYNC_STATEMENTS ?? 200_000);
const LEARNERS = 1000;
const COURSES = 5;
const SEED_BATCH = 1000;
const BASELINE_BATCH = 500;
const BYTES_TARGET = 1.2;
const CHILD = fileURLToPath(new URL('./lib/sync-national-child.ts', import.meta.url));
const ADMIN = { username: 'national-admin', password: 'a long benchmark password' };

type AnyServices = Parameters<typeof publishCourse>[0];

/**
 * The test PostgreSQL runs with autovacuum off; a production one analyzes a table each time a
 * tenth of it changed. Without statistics the planner takes a national server's fresh million
 * rows for a few, so this stands in for autovacuum: ANALYZE of the national's busy tables every
 * 30 s while the sync runs (only when autovacuum is off).
 */
async function autovacuumStandIn(schema: string): Promise<{ stop(): Promise<void> } | null> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  const on = (await client.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0]?.autovacuum === 'on';
  if (on) {
    await client.end();
    return null;
  }
  log('  (autovacuum is off on this PostgreSQL: the benchmark analyzes the national tables every 30 s)');
  let running = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      for (const table of ['statements', 'sync_records', 'lesson_progress', 'course_progress', 'users'])
        await client.query(`ANALYZE "${schema}"."${table}"`);
    });
  }, 30_000);
  return {
    stop: async () => {
      clearInterval(timer);
      await running.catch(() => undefined);
      await client.end();
    },
  };
}

interface Place {
  engine: Engine;
  dir: string;
  sqliteFile: string;
  schema: string;
  open(): Promise<DbHandle>;
  cleanup(): Promise<void>;
}

/** A fresh, migrated database: a PostgreSQL schema, or a SQLite file in a temporary folder. */
async function place(name: string, engine: Engine): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), `satchel-bench-${name}-`));
  const sqliteFile = join(dir, 'satchel.sqlite');
  const schema = `bench_sync_${name}_${process.pid}_${Date.now().toString(36)}`;
  const open = async (): Promise<DbHandle> =>
    engine === 'postgres' ? openPostgres({ connectionString: PG_URL, schema }) : openSqlite(sqliteFile);
  const handle = await open();
  if (engine === 'postgres')
    await withSchemaLock(() => migrateToLatest(handle.db, { schema }).then(() => undefined));
  else await migrateToLatest(handle.db);
  await handle.destroy();
  return {
    engine,
    dir,
    sqliteFile,
    schema,
    open,
    cleanup: async () => {
      // BENCH_KEEP=1 leaves the databases for a look afterwards (EXPLAIN, counts).
      if (process.env.BENCH_KEEP)
        return log(`  kept ${engine === 'postgres' ? `schema ${schema}` : sqliteFile}`);
      if (engine === 'postgres')
        await withSchemaLock(async (client) => {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function servicesOn(handle: DbHandle, dir: string): Services {
  return createServices({
    handle,
    config: readConfig({ SATCHEL_DATA: dir, LOG_LEVEL: 'silent' }),
    clock: systemClock,
  });
}

/** A loopback TCP proxy counting every byte each way (HTTP headers included). */
class CountingProxy {
  up = 0;
  down = 0;
  target = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor() {
    this.server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => (this.up += chunk.length));
      upstream.on('data', (chunk: Buffer) => (this.down += chunk.length));
      client.pipe(upstream).pipe(client);
      const close = (): void => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  reset(): void {
    this.up = 0;
    this.down = 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Peak and current resident memory of a process, from /proc. */
function memoryOf(pid: number): { hwm: number; rss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number =>
    Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
}

interface Child {
  process: ChildProcess;
  next(type: ChildMessage['type']): Promise<ChildMessage>;
  stopped: Promise<void>;
}

function start(
  role: 'national' | 'hub-sync',
  env: Record<string, string>,
  onMessage?: (m: ChildMessage) => void,
): Child {
  const child = fork(CHILD, [role], {
    // BENCH_CPU_PROF=<dir>: each child writes a CPU profile there (node --cpu-prof) when it exits.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, { resolve: (m: ChildMessage) => void; reject: (err: Error) => void }>();
  child.on('message', (m: ChildMessage) => {
    onMessage?.(m);
    const waiter = waiting.get(m.type);
    if (waiter) {
      waiting.delete(m.type);
      waiter.resolve(m);
    }
  });
  // A child left behind would hold the database and the port: it goes when this process does.
  const kill = (): void => void child.kill();
  process.once('exit', kill);
  const stopped = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      process.off('exit', kill);
      for (const [type, waiter] of waiting)
        waiter.reject(new Error(`${role} exited (code ${String(code)}) before "${type}"`));
      waiting.clear();
      resolve();
    }),
  );
  return {
    process: child,
    next: (type) => new Promise((resolve, reject) => waiting.set(type, { resolve, reject })),
    stopped,
  };
}

async function stopNational(child: Child): Promise<void> {
  child.process.send({ type: 'stop' });
  await child.stopped;
}

function nationalEnv(national: Place): Record<string, string> {
  return {
    BENCH_ENGINE: national.engine,
    BENCH_PG_URL: PG_URL,
    BENCH_PG_SCHEMA: national.schema,
    BENCH_SQLITE_FILE: national.sqliteFile,
    BENCH_DATA_DIR: national.dir,
  };
}

/** Rows as the LRS stores them (`toRows` in lrs.service.ts): the seed writes them in bulk. */
function rowOf(
  tenantId: string,
  statement: ReturnType<typeof prepareStatement>,
  users: Set<string>,
): StatementInsert {
  return {
    tenant_id: tenantId,
    id: statement.id,
    actor_key: statement.actorKey,
    user_id:
      statement.accountName !== null && users.has(statement.accountName) ? statement.accountName : null,
    verb_id: statement.verbId,
    object_id: statement.objectId,
    registration: statement.registration,
    timestamp: statement.timestamp,
    stored: statement.statement.stored,
    voided: 0,
    voided_target: statement.voidedTarget,
    course_id: statement.courseId,
    result: statement.statement.result === undefined ? null : JSON.stringify(statement.statement.result),
    authority_kind: 'credential',
    related_activities: statement.relatedActivities,
    related_agents: statement.relatedAgents,
    statement: JSON.stringify(statement.statement),
  };
}

/**
 * The hub's statements, written in bulk the way the LRS and the change tracker would have written
 * them one batch at a time: statement rows plus their sync_records stamps (this hub's instance,
 * its next counters), in one transaction per 1,000. Returns the bytes of their stored JSON as one
 * gzipped array — the baseline for bytes on the wire.
 */
async function seedStatements(
  hub: Services,
  handle: DbHandle,
  tenantId: string,
  learners: readonly Learner[],
  courses: readonly SeededCourse[],
): Promise<number> {
  const users = new Set(learners.map((l) => l.id));
  const queues = new DeviceQueues(learners, courses, 5);
  const agent = authorityAgent({ kind: 'credential', key: 'bench', name: 'bench hub' });
  const gzip = createGzip({ level: 6 });
  let gzipped = 0;
  gzip.on('data', (chunk: Buffer) => (gzipped += chunk.length));
  const ended = new Promise<void>((resolve) => gzip.on('end', resolve));
  let first = true;
  const write = (text: string): Promise<void> =>
    new Promise((resolve) => (gzip.write(text) ? resolve() : gzip.once('drain', resolve)));
  await write('[');
  for (let i = 0; i < STATEMENTS; i += SEED_BATCH) {
    const stored = new Date().toISOString();
    const statements: StatementInsert[] = [];
    while (statements.length < Math.min(SEED_BATCH, STATEMENTS - i)) {
      for (const s of queues.batch(Math.min(50, STATEMENTS - i - statements.length)))
        statements.push(rowOf(tenantId, prepareStatement(s, stored, agent), users));
    }
    await withSession(
      handle.db,
      () => Date.now(),
      async (tx, session) => {
        const inserted = await new LrsRepo(tx as unknown as typeof handle.db).insertNew(statements);
        const now = new Date().toISOString();
        const stamps = statements
          .filter((s) => inserted.has(s.id))
          .map((s) => ({
            tenant_id: tenantId,
            kind: 'statement',
            record_id: s.id,
            instance_id: session.instanceId,
            counter: session.next(),
            row_version: null,
            fields: '{}',
            user_id: s.user_id ?? null,
            class_id: null,
            updated_at: now,
          }));
        for (let k = 0; k < stamps.length; k += 500)
          await tx
            .insertInto('sync_records')
            .values(stamps.slice(k, k + 500))
            .execute();
      },
    );
    await write(`${first ? '' : ','}${statements.map((s) => s.statement).join(',')}`);
    first = false;
    if ((i / SEED_BATCH) % 100 === 99) log(`  seeded ${int(i + SEED_BATCH)} statements`);
  }
  await write(']');
  gzip.end();
  await ended;
  void hub;
  return gzipped;
}

/** Baseline: the hub's statement rows, inserted raw into a fresh database of the national's engine. */
async function rawInsert(
  hubHandle: DbHandle,
  tenantId: string,
  engine: Engine,
): Promise<{ ms: number; rows: number }> {
  const target = await place('baseline', engine);
  const handle = await target.open();
  try {
    const services = servicesOn(handle, target.dir);
    const tenant = await services.tenants.create({
      slug: 'bench',
      name: 'Bench',
      defaultLocale: 'en',
      locales: ['en'],
    });
    let ms = 0;
    let rows = 0;
    let after = '';
    for (;;) {
      const page = await hubHandle.db
        .selectFrom('statements')
        .select([...STATEMENT_COLUMNS])
        // The primary key (tenant_id, id): without the tenant every page would scan the table.
        .where('tenant_id', '=', tenantId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BASELINE_BATCH)
        .execute();
      if (page.length === 0) break;
      after = page.at(-1)!.id;
      const values = page.map((r) => ({ ...r, tenant_id: tenant.id, voided: 0 }));
      const began = performance.now();
      await handle.db.transaction().execute((tx) => tx.insertInto('statements').values(values).execute());
      ms += performance.now() - began;
      rows += page.length;
    }
    return { ms, rows };
  } finally {
    await handle.destroy();
    await target.cleanup();
  }
}

export async function syncNational(): Promise<BenchOutcome> {
  const engine: Engine = (await postgresAnswers()).ok ? 'postgres' : 'sqlite';
  if (engine === 'sqlite')
    log('sync-national: PostgreSQL does not answer; the national server runs on SQLite');
  const national = await place('national', engine);
  const hub = await place('hub', 'sqlite');
  const proxy = new CountingProxy();
  const proxyPort = await proxy.listen();
  let server: Child | null = null;
  let analyzer: Awaited<ReturnType<typeof autovacuumStandIn>> = null;
  try {
    // The national platform: an admin, published courses (so progress projections run on arrival).
    const nh = await national.open();
    const ns = servicesOn(nh, national.dir);
    const tenant = await ns.tenants.create({
      slug: 'bench',
      name: 'Bench',
      defaultLocale: 'en',
      locales: ['en'],
    });
    await ns.users.create(tenant.id, {
      username: ADMIN.username,
      displayName: 'Admin',
      password: ADMIN.password,
      roles: ['admin'],
    });
    const courses: SeededCourse[] = [];
    for (let c = 0; c < COURSES; c++)
      courses.push(
        await publishCourse(ns as unknown as AnyServices, tenant.id, { title: `Course ${c + 1}` }),
      );
    await nh.destroy();

    server = start('national', nationalEnv(national));
    proxy.target = ((await server.next('listening')) as { port: number }).port;

    // The hub: registered through the proxy, its learners made through the services, then its statements.
    const hh = await hub.open();
    const hs = servicesOn(hh, hub.dir);
    await hs.sync.client.register({
      upstream: `http://127.0.0.1:${proxyPort}`,
      tenantSlug: 'bench',
      username: ADMIN.username,
      password: ADMIN.password,
      name: 'bench hub',
    });
    const learners: Learner[] = [];
    for (let i = 0; i < LEARNERS; i++) {
      const u = await hs.users.create(tenant.id, {
        username: `learner${i}`,
        displayName: `Learner ${i}`,
        roles: ['learner'],
      });
      learners.push({ id: u.id, displayName: `Learner ${i}` });
    }
    const seedStarted = performance.now();
    const gzippedJson = await seedStatements(hs, hh, tenant.id, learners, courses);
    log(
      `sync-national: seeded ${int(STATEMENTS)} statements on the hub in ${int((performance.now() - seedStarted) / 1000)} s`,
    );

    // A fresh national process, so its peak RSS is the sync's alone (registration hashed a password).
    await stopNational(server);
    server = start('national', nationalEnv(national));
    proxy.target = ((await server.next('listening')) as { port: number }).port;
    proxy.reset();

    const nationalPid = server.process.pid!;
    let quarter: { hub: number; national: number; pushed: number } | null = null;
    let hubPid = 0;
    const sync = start('hub-sync', { BENCH_SQLITE_FILE: hub.sqliteFile, BENCH_DATA_DIR: hub.dir }, (m) => {
      if (m.type === 'pushed' && quarter === null && m.statements >= STATEMENTS / 4)
        quarter = { hub: memoryOf(hubPid).hwm, national: memoryOf(nationalPid).hwm, pushed: m.statements };
      if (m.type === 'pushed' && m.statements % 50_000 < 500) log(`  pushed ${int(m.statements)}`);
    });
    hubPid = sync.process.pid!;
    if (national.engine === 'postgres') analyzer = await autovacuumStandIn(national.schema);
    let hubEnd = 0;
    const sampler = setInterval(() => {
      try {
        hubEnd = Math.max(hubEnd, memoryOf(hubPid).hwm);
      } catch {
        // the hub process has exited
      }
    }, 250);
    let wireUp = 0;
    let wireDown = 0;
    const syncedMessage = (await sync.next('synced')) as { result: SyncFigures };
    const figures = syncedMessage.result;
    clearInterval(sampler);
    try {
      hubEnd = Math.max(hubEnd, memoryOf(hubPid).hwm);
    } catch {
      // the hub process exited right after its last message: its last sample stands
    }
    await analyzer?.stop();
    analyzer = null;
    // The no-op sync's bytes are in the proxy's count too; they are tiny, and counted.
    wireUp = proxy.up;
    wireDown = proxy.down;
    await sync.stopped;
    if (figures.error) throw new Error(`the sync failed: ${figures.error}`);
    if (figures.noop.error) throw new Error(`the no-op sync failed: ${figures.noop.error}`);
    const nationalEnd = memoryOf(nationalPid).hwm;
    const flushStarted = performance.now();
    server.process.send({ type: 'flush' });
    await server.next('flushed');
    const projectionsMs = performance.now() - flushStarted;
    if (figures.error) throw new Error(`the sync failed: ${figures.error}`);

    const check = await national.open();
    const held = await check.db
      .selectFrom('statements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    await check.destroy();
    if (Number(held.n) !== STATEMENTS)
      throw new Error(`the national server holds ${String(held.n)} statements, not ${STATEMENTS}`);

    const baseline = await rawInsert(hh, tenant.id, engine);
    await hh.destroy();

    const pushRate = STATEMENTS / (figures.pushMs / 1000);
    const syncRate = STATEMENTS / (figures.syncMs / 1000);
    const rawRate = baseline.rows / (baseline.ms / 1000);
    const wire = wireUp + wireDown;
    const bytesRatio = wire / gzippedJson;
    const per = (bytes: number): string => (bytes / STATEMENTS).toFixed(1);
    const q = quarter as { hub: number; national: number; pushed: number } | null;
    const db = engine === 'postgres' ? 'PostgreSQL' : 'SQLite';
    log(
      `sync-national: ${int(STATEMENTS)} statements of ${LEARNERS} learners, hub (SQLite) → national (${db}) over loopback HTTP`,
    );
    log(
      `  push        ${int(figures.pushMs)} ms, ${int(pushRate)} statements/s (${figures.requests.push} push requests)`,
    );
    log(
      `  whole sync  ${int(figures.syncMs)} ms, ${int(syncRate)} statements/s (${figures.requests.pull} pull requests in all)`,
    );
    log(
      `  raw INSERT  ${int(baseline.ms)} ms, ${int(rawRate)} statements/s (${BASELINE_BATCH} rows per INSERT and transaction, ${db})`,
    );
    log(`  national projections caught up ${int(projectionsMs)} ms after the sync ended`);
    log(`  wire        ${int(wireUp)} B up + ${int(wireDown)} B down = ${per(wire)} B/statement`);
    log(`  gzipped JSON of the statements ${int(gzippedJson)} B = ${per(gzippedJson)} B/statement`);
    log(
      `  peak RSS at ${int(q?.pushed ?? 0)} pushed: hub ${mb(q?.hub ?? 0)}, national ${mb(q?.national ?? 0)}`,
    );
    log(`  peak RSS at ${int(STATEMENTS)} pushed: hub ${mb(hubEnd)}, national ${mb(nationalEnd)}`);
    log(`  no-op sync: ${figures.noop.requests} HTTP request(s), ${int(figures.noop.ms)} ms`);

    const name = 'sync-national';
    const n = int(STATEMENTS);
    const rows: SummaryRow[] = [
      {
        benchmark: name,
        measure: `hub → national push / raw INSERT, statements/s (${n}, ${db})`,
        subject: `${int(pushRate)} st/s`,
        baseline: `${int(rawRate)} st/s`,
        ratio: `${((pushRate / rawRate) * 100).toFixed(0)}% (whole sync ${((syncRate / rawRate) * 100).toFixed(0)}%)`,
        target: '–',
        met: null,
      },
      {
        benchmark: name,
        measure: `bytes on the wire / gzipped statement JSON (${n})`,
        subject: `${per(wire)} B/stmt`,
        baseline: `${per(gzippedJson)} B/stmt`,
        ratio: `${bytesRatio.toFixed(2)}×`,
        target: `≤ ${BYTES_TARGET}×`,
        met: bytesRatio <= BYTES_TARGET,
      },
      {
        benchmark: name,
        measure: `peak RSS hub / national, at ${int(q?.pushed ?? 0)} and ${n} pushed`,
        subject: `${mb(q?.hub ?? 0)} / ${mb(q?.national ?? 0)}`,
        baseline: `${mb(hubEnd)} / ${mb(nationalEnd)}`,
        ratio: `${(hubEnd / (q?.hub ?? hubEnd)).toFixed(2)}× / ${(nationalEnd / (q?.national ?? nationalEnd)).toFixed(2)}×`,
        target: 'flat',
        met: null,
      },
      {
        benchmark: name,
        measure: 'HTTP requests of a sync with nothing new',
        subject: String(figures.noop.requests),
        baseline: '1',
        ratio: '–',
        target: '1',
        met: figures.noop.requests <= 1,
      },
    ];
    return {
      name,
      rows,
      notes: [
        `sync-national: push ${int(pushRate)} st/s, whole sync ${int(syncRate)} st/s, raw INSERT ${int(rawRate)} st/s (${db}); projections caught up ${int(projectionsMs)} ms after; no-op sync ${int(figures.noop.ms)} ms.`,
      ],
    };
  } finally {
    await analyzer?.stop();
    if (server && server.process.exitCode === null) await stopNational(server).catch(() => undefined);
    await proxy.close();
    await national.cleanup();
    await hub.cleanup();
  }
}

runIfMain(import.meta.url, syncNational);
