// xAPI statement ingest over HTTP against a raw batched INSERT of the same rows
// into the same database, on SQLite and PostgreSQL; and the same ingest with
// statement validation switched off, to price validation. See bench/README.md.
import cookie from '@fastify/cookie';
import { validateStatementBatch, type Statement } from '@satchel/core';
import Fastify from 'fastify';
import type { Engine } from '../packages/server/dist/db/database.js';
import { Router } from '../packages/server/dist/http/route.js';
import { authorityAgent, type StatementAuthority } from '../packages/server/dist/lrs/lrs.authority.js';
import { prepareStatement } from '../packages/server/dist/lrs/lrs.ingest.js';
import type { StatementInsert } from '../packages/server/dist/lrs/lrs.repo.js';
import { LrsRepo } from '../packages/server/dist/lrs/lrs.repo.js';
import { lrsRoutes } from '../packages/server/dist/lrs/lrs.routes.js';
import { LrsService } from '../packages/server/dist/lrs/lrs.service.js';
import { systemClock } from '../packages/server/dist/platform/clock.js';
import { LoadGenerator, type LoadRequest } from './lib/load.js';
import { runIfMain } from './lib/main.js';
import { interleave, median, ratioOf, timed, type Side, type Timed } from './lib/measure.js';
import { int, log, pct, type BenchOutcome, type SummaryRow } from './lib/report.js';
import { createLearners, createTenant, publishCourse, type SeededCourse } from './lib/seed.js';
import { portOf, postgresAnswers, startServer, type BenchServer } from './lib/server.js';
import { DeviceQueues } from './lib/statements.js';

const BATCH = 50;
const signedPct = (fraction: number): string => `${fraction < 0 ? '−' : '+'}${pct(Math.abs(fraction))}`;
/** Batches per side per round: 1,000 statements. */
const BATCHES_PER_ROUND = 20;
const ROUNDS = 8;
/** Devices syncing at once, and raw writers at once: the same for both, so the comparison is fair. */
const CONCURRENCY = 4;
const LEARNERS = 200;
const COURSES = 5;
/** A side that has not finished in this time is a failure, not a slow result. */
const SIDE_LIMIT_MS = 120_000;

interface IngestSetup {
  server: BenchServer;
  tenantId: string;
  authorization: string;
  authority: StatementAuthority;
  queues: DeviceQueues;
}

async function setUp(engine: Engine): Promise<IngestSetup> {
  const server = await startServer(engine);
  const { services } = server;
  const tenantId = await createTenant(services, 'ingest');
  const learners = await createLearners(services, tenantId, LEARNERS);
  const courses: SeededCourse[] = [];
  for (let i = 0; i < COURSES; i++) {
    courses.push(await publishCourse(services, tenantId, { title: `Everyday health ${i + 1}` }));
  }
  const credential = await services.lrsCredentials.create(tenantId, 'benchmark hub');
  return {
    server,
    tenantId,
    authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`,
    authority: { kind: 'credential', key: credential.key, name: credential.name },
    queues: new DeviceQueues(learners, courses, 20_261_128),
  };
}

/** The rows the LRS would store for these statements (what `LrsService.store` computes, done up front). */
function rowsOf(setup: IngestSetup, statements: readonly Statement[]): StatementInsert[] {
  const agent = authorityAgent(setup.authority);
  const stored = new Date().toISOString();
  return statements.map((s) => {
    const p = prepareStatement(s, stored, agent);
    return {
      tenant_id: setup.tenantId,
      id: p.id,
      actor_key: p.actorKey,
      user_id: p.accountName,
      verb_id: p.verbId,
      object_id: p.objectId,
      registration: p.registration,
      timestamp: p.timestamp,
      stored: p.statement.stored,
      voided: 0,
      voided_target: p.voidedTarget,
      course_id: p.courseId,
      result: p.statement.result === undefined ? null : JSON.stringify(p.statement.result),
      authority_kind: setup.authority.kind,
      statement: JSON.stringify(p.statement),
    };
  });
}

/**
 * Waits, outside the timing, for the background work a side left behind: progress
 * projections and sync's stamping of new statements (`SyncTracker.stampPending`), so that no
 * side pays for the one before it. Without this, the raw side's rows were stamped while
 * the next side was being timed, and a side's projections ran into the next one.
 */
async function settle(setup: IngestSetup): Promise<void> {
  const { services } = setup.server;
  await services.progress.flushed();
  await services.sync.service.tracker.stampPending();
}

function batches(setup: IngestSetup): Statement[][] {
  return Array.from({ length: BATCHES_PER_ROUND }, () => setup.queues.batch(BATCH));
}

/** The baseline: multi-row INSERTs of 50, one transaction each, CONCURRENCY writers. */
function rawSide(setup: IngestSetup): Side {
  const db = setup.server.db.db;
  return {
    name: 'raw',
    run: async () => {
      const work = batches(setup).map((b) => rowsOf(setup, b));
      const timing = await timed(async () => {
        let next = 0;
        const writer = async (): Promise<void> => {
          while (next < work.length) {
            const rows = work[next++]!;
            await db.transaction().execute((tx) => tx.insertInto('statements').values(rows).execute());
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, writer));
        return work.length * BATCH;
      });
      await settle(setup);
      return timing;
    },
  };
}

/**
 * POST /xapi/statements, batches of 50, HTTP Basic. Timed until progress projections have
 * caught up, or (`acknowledgedOnly`) until the last batch is acknowledged (durably stored),
 * with the projections then awaited outside the timing (`settle`) so rounds never overlap.
 */
function httpSide(
  name: string,
  setup: IngestSetup,
  load: LoadGenerator,
  port: number,
  acknowledgedOnly = false,
): Side {
  return {
    name,
    run: async (): Promise<Timed> => {
      const requests: LoadRequest[] = batches(setup).map((b) => ({
        method: 'POST',
        path: '/xapi/statements',
        headers: {
          authorization: setup.authorization,
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
        },
        body: JSON.stringify(b),
      }));
      const timing = await timed(async () => {
        const result = await load.runClean(
          {
            host: '127.0.0.1',
            port,
            requests,
            total: requests.length,
            concurrency: CONCURRENCY,
            maxMs: SIDE_LIMIT_MS,
          },
          `${name} ingest`,
        );
        if (!acknowledgedOnly) await setup.server.services.progress.flushed();
        return result.completed * BATCH;
      });
      await settle(setup);
      return timing;
    },
  };
}

/** The LRS service called in this process, without HTTP: what the HTTP layer adds is the difference. */
function serviceSide(setup: IngestSetup): Side {
  const { services } = setup.server;
  return {
    name: 'service',
    run: async (): Promise<Timed> => {
      const work = batches(setup).map((b) => JSON.parse(JSON.stringify(b)) as unknown);
      const timing = await timed(async () => {
        let next = 0;
        const sender = async (): Promise<void> => {
          while (next < work.length) await services.lrs.store(setup.tenantId, work[next++], setup.authority);
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, sender));
        await services.progress.flushed();
        return work.length * BATCH;
      });
      await settle(setup);
      return timing;
    },
  };
}

/**
 * Only the LRS routes, over an LrsService with validation on or off, on the same
 * database and services; both variants are built the same way, so they differ in
 * the switch alone.
 */
async function lrsOnlyApp(
  setup: IngestSetup,
  validate: boolean,
): Promise<{ port: number; close: () => Promise<void> }> {
  const { services, db } = setup.server;
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024, trustProxy: true });
  await app.register(cookie);
  const lrs = new LrsService(new LrsRepo(db.db), services.progress, systemClock, { validate });
  lrsRoutes(new Router(app, { tenants: services.tenants, actors: services.actors }), lrs, services.lrsAuth);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: portOf(app.server), close: () => app.close() };
}

/** Validation alone, in this thread, on the same kind of batches: microseconds per statement. */
function validationMicros(setup: IngestSetup): number {
  const sample = Array.from(
    { length: 40 },
    () => JSON.parse(JSON.stringify(setup.queues.batch(BATCH))) as unknown,
  );
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const started = performance.now();
    for (const b of sample) {
      if (!validateStatementBatch(b).ok) throw new Error('the benchmark made an invalid statement');
    }
    runs.push(((performance.now() - started) * 1000) / (sample.length * BATCH));
  }
  return median(runs.slice(2));
}

async function benchEngine(
  engine: Engine,
  load: LoadGenerator,
): Promise<{ rows: SummaryRow[]; notes: string[] }> {
  const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  log(`\n[statement-ingest] ${label}: seeding ${LEARNERS} learners, ${COURSES} courses…`);
  const setup = await setUp(engine);
  const on = await lrsOnlyApp(setup, true);
  const off = await lrsOnlyApp(setup, false);
  try {
    const totals = await interleave(
      [
        rawSide(setup),
        httpSide('ingest', setup, load, setup.server.port),
        httpSide('acknowledged', setup, load, setup.server.port, true),
        serviceSide(setup),
        httpSide('validate-on', setup, load, on.port),
        httpSide('validate-off', setup, load, off.port),
      ],
      ROUNDS,
    );
    const raw = totals.get('raw')!;
    const ingest = totals.get('ingest')!;
    const acknowledged = totals.get('acknowledged')!;
    const ackSpeed = ratioOf(acknowledged, raw);
    const service = totals.get('service')!;
    const vOn = totals.get('validate-on')!;
    const vOff = totals.get('validate-off')!;
    const speed = ratioOf(ingest, raw);
    // Validation's price: how much longer ingest takes with it than without it.
    const onOverOff = ratioOf(vOn, vOff);
    const cost = 1 / onOverOff.median - 1;
    const overService = ratioOf(ingest, service);
    const httpShare = 1 - overService.median;
    const httpNoise = overService.min <= 1 && overService.max >= 1 ? ' (within the noise of this run)' : '';
    const micros = validationMicros(setup);
    const ingestMicros = 1e6 / ingest.perSecond;
    log(
      `[statement-ingest] ${label}: raw insert   ${int(raw.perSecond)} statements/s  (${int(raw.count)} in ${(raw.ms / 1000).toFixed(1)} s)`,
    );
    log(
      `[statement-ingest] ${label}: HTTP ingest  ${int(ingest.perSecond)} statements/s  (${int(ingest.count)} in ${(ingest.ms / 1000).toFixed(1)} s)`,
    );
    log(
      `[statement-ingest] ${label}: ingest / raw = ${pct(speed.median)}  (rounds ${pct(speed.min)}–${pct(speed.max)}; target >= 50%)`,
    );
    log(
      `[statement-ingest] ${label}: acknowledged (projections not awaited) ${int(acknowledged.perSecond)} statements/s = ${pct(ackSpeed.median)} of raw (rounds ${pct(ackSpeed.min)}–${pct(ackSpeed.max)})`,
    );
    log(
      `[statement-ingest] ${label}: LrsService.store in-process ${int(service.perSecond)} statements/s: HTTP takes ${signedPct(httpShare)} of HTTP ingest time${httpNoise}`,
    );
    const noise = onOverOff.min <= 1 && onOverOff.max >= 1 ? ', within the noise of this run' : '';
    log(
      `[statement-ingest] ${label}: validation on ${int(vOn.perSecond)}/s, off ${int(vOff.perSecond)}/s: validation adds ${signedPct(cost)} to ingest time${noise} (rounds on/off ${pct(onOverOff.min)}–${pct(onOverOff.max)}; target <= 30%)`,
    );
    log(
      `[statement-ingest] ${label}: validateStatementBatch alone: ${micros.toFixed(1)} µs/statement of ${ingestMicros.toFixed(0)} µs/statement ingest`,
    );
    const measure = (what: string): string => `${what} (${label})`;
    return {
      rows: [
        {
          benchmark: 'statement-ingest',
          measure: measure('HTTP ingest / raw INSERT'),
          subject: `${int(ingest.perSecond)} st/s`,
          baseline: `${int(raw.perSecond)} st/s`,
          ratio: `${pct(speed.median)} (${pct(speed.min)}–${pct(speed.max)})`,
          target: '>= 50%',
          met: speed.median >= 0.5,
        },
        {
          benchmark: 'statement-ingest',
          measure: measure('HTTP ingest acknowledged / raw INSERT'),
          subject: `${int(acknowledged.perSecond)} st/s`,
          baseline: `${int(raw.perSecond)} st/s`,
          ratio: `${pct(ackSpeed.median)} (${pct(ackSpeed.min)}–${pct(ackSpeed.max)})`,
          target: '>= 50%',
          met: ackSpeed.median >= 0.5,
        },
        {
          benchmark: 'statement-ingest',
          measure: measure('validation cost (off → on)'),
          subject: `on ${int(vOn.perSecond)} st/s`,
          baseline: `off ${int(vOff.perSecond)} st/s`,
          ratio: `${signedPct(cost)} time${noise ? ' (noise)' : ''}; validator alone ${pct(micros / ingestMicros)}`,
          target: '<= 30%',
          met: cost <= 0.3,
        },
      ],
      notes: [
        `${label}: validateStatementBatch alone takes ${micros.toFixed(1)} µs per statement, ${pct(micros / ingestMicros)} of the ${ingestMicros.toFixed(0)} µs each statement costs through HTTP ingest.`,
        `${label}: LrsService.store called in-process reaches ${int(service.perSecond)} statements/s (${pct(ratioOf(service, raw).median)} of raw): HTTP (parsing, auth, Fastify) takes ${signedPct(httpShare)} of ingest time${httpNoise}, the service and its projections the rest.`,
      ],
    };
  } finally {
    await on.close();
    await off.close();
    await setup.server.close();
  }
}

export async function statementIngest(): Promise<BenchOutcome> {
  const rows: SummaryRow[] = [];
  const notes: string[] = [
    `Batches of ${BATCH} over HTTP Basic, ${CONCURRENCY} concurrent senders (and ${CONCURRENCY} raw writers), ${ROUNDS} timed rounds of ${BATCHES_PER_ROUND * BATCH} statements per side after one warm-up round; ingest is timed until progress projections have caught up; after every side, untimed, projections and sync stamping finish before the next side starts.`,
  ];
  const load = new LoadGenerator();
  try {
    const sqlite = await benchEngine('sqlite', load);
    rows.push(...sqlite.rows);
    notes.push(...sqlite.notes);
    const pgState = await postgresAnswers();
    if (pgState.ok) {
      const postgres = await benchEngine('postgres', load);
      rows.push(...postgres.rows);
      notes.push(...postgres.notes);
    } else {
      const note = `PostgreSQL skipped: it does not answer (${pgState.reason}).`;
      log(`[statement-ingest] ${note}`);
      notes.push(note);
    }
  } finally {
    await load.close();
  }
  return { name: 'statement-ingest', rows, notes };
}

runIfMain(import.meta.url, statementIngest);
