// What full xAPI validation costs inside statement ingest: the same POST
// /xapi/statements batches against two LRS apps on the same database and services,
// one validating every statement (as the server always does) and one with
// validation switched off (LrsServiceOptions.validate, an internal option that
// HTTP never exposes). Two statement mixes: what Satchel's player and quiz grader
// write, and a "rich" mix where every statement also carries what conformance-heavy
// tools send (verb displays in two languages, an interaction definition with
// choices, a score, a duration, context activities of every kind, extensions).
import cookie from '@fastify/cookie';
import { validateStatementBatch, type Statement } from '@satchel/core';
import Fastify from 'fastify';
import type { Engine } from '../packages/server/dist/db/database.js';
import { Router } from '../packages/server/dist/http/route.js';
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
const BATCHES_PER_ROUND = 20;
const ROUNDS = 6;
const CONCURRENCY = 4;
const LEARNERS = 100;
const COURSES = 3;
const SIDE_LIMIT_MS = 120_000;
/** The goal: validation adds at most this much to ingest time. */
const TARGET = 0.3;

type Mix = 'player' | 'rich';

interface Setup {
  server: BenchServer;
  authorization: string;
  queues: DeviceQueues;
}

const signedPct = (fraction: number): string => `${fraction < 0 ? '−' : '+'}${pct(Math.abs(fraction))}`;

/** A statement as a conformance-heavy tool would send it: valid, and with every part filled in. */
function enrich(s: Statement, i: number): Statement {
  const choices = ['a', 'b', 'c', 'd'].map((id) => ({
    id,
    description: { 'en-US': `Choice ${id}`, fr: `Choix ${id}` },
  }));
  const base = 'https://example.org/bench';
  return {
    ...s,
    verb: { id: s.verb.id, display: { 'en-US': 'answered', 'fr-FR': 'a répondu' } },
    object: {
      objectType: 'Activity',
      id: s.object.objectType === 'Activity' || s.object.objectType === undefined ? s.object.id : `${base}/q`,
      definition: {
        name: { 'en-US': 'Question', fr: 'Question' },
        description: { 'en-US': 'Pick one', fr: 'Choisissez' },
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        interactionType: 'choice',
        correctResponsesPattern: ['b'],
        choices,
        extensions: { [`${base}/ext/difficulty`]: 2 },
      },
    },
    result: {
      score: { scaled: 0.5, raw: 5, min: 0, max: 10 },
      success: i % 2 === 0,
      completion: true,
      response: 'b',
      duration: 'PT1M30.5S',
      extensions: { [`${base}/ext/attempt`]: i },
    },
    context: {
      ...s.context,
      registration: '01900000-0000-7000-8000-00000000000a',
      platform: 'Satchel bench',
      language: 'en-US',
      contextActivities: {
        ...s.context?.contextActivities,
        category: [
          { id: `${base}/profile`, definition: { type: 'http://adlnet.gov/expapi/activities/profile' } },
        ],
        other: [{ id: `${base}/other` }],
      },
      extensions: { ...s.context?.extensions, [`${base}/ext/device`]: 'phone' },
    },
  };
}

async function setUp(engine: Engine): Promise<Setup> {
  const server = await startServer(engine);
  const { services } = server;
  const tenantId = await createTenant(services, 'validation');
  const learners = await createLearners(services, tenantId, LEARNERS);
  const courses: SeededCourse[] = [];
  for (let i = 0; i < COURSES; i++)
    courses.push(await publishCourse(services, tenantId, { title: `Course ${i + 1}` }));
  const credential = await services.lrsCredentials.create(tenantId, 'validation bench');
  return {
    server,
    authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`,
    queues: new DeviceQueues(learners, courses, 20_261_128),
  };
}

/** Only the LRS routes over an LrsService with validation on or off: the two apps differ in the switch alone. */
async function lrsApp(
  setup: Setup,
  validate: boolean,
): Promise<{ port: number; close: () => Promise<void> }> {
  const { services, db } = setup.server;
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  await app.register(cookie);
  const lrs = new LrsService(new LrsRepo(db.db), services.progress, systemClock, { validate });
  lrsRoutes(new Router(app, { tenants: services.tenants, actors: services.actors }), lrs, services.lrsAuth);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: portOf(app.server), close: () => app.close() };
}

function side(name: string, setup: Setup, load: LoadGenerator, port: number, mix: Mix): Side {
  return {
    name,
    run: async (): Promise<Timed> => {
      const requests: LoadRequest[] = Array.from({ length: BATCHES_PER_ROUND }, () => {
        const batch = setup.queues.batch(BATCH);
        const body = mix === 'rich' ? batch.map(enrich) : batch;
        if (!validateStatementBatch(body).ok) throw new Error(`the ${mix} mix made an invalid statement`);
        return {
          method: 'POST',
          path: '/xapi/statements',
          headers: {
            authorization: setup.authorization,
            'content-type': 'application/json',
            'x-experience-api-version': '1.0.3',
          },
          body: JSON.stringify(body),
        };
      });
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
        return result.completed * BATCH;
      });
      // Projections run outside the timing, so one side's leftovers never slow the next.
      await setup.server.services.progress.flushed();
      return timing;
    },
  };
}

/**
 * The validator alone, in this thread, on batches of the mix: microseconds per statement.
 * Steadier than the on/off ratio on a loaded machine, where one round's noise can exceed
 * everything validation costs.
 */
function validatorMicros(setup: Setup, mix: Mix): number {
  const sample = Array.from({ length: 20 }, () => {
    const batch = setup.queues.batch(BATCH);
    return JSON.parse(JSON.stringify(mix === 'rich' ? batch.map(enrich) : batch)) as unknown;
  });
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const started = performance.now();
    for (const b of sample) if (!validateStatementBatch(b).ok) throw new Error('invalid benchmark statement');
    runs.push(((performance.now() - started) * 1000) / (sample.length * BATCH));
  }
  return median(runs.slice(2));
}

async function benchEngine(engine: Engine, load: LoadGenerator): Promise<SummaryRow[]> {
  const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  log(`\n[statement-validation] ${label}: seeding…`);
  const setup = await setUp(engine);
  const on = await lrsApp(setup, true);
  const off = await lrsApp(setup, false);
  try {
    const totals = await interleave(
      [
        side('player-on', setup, load, on.port, 'player'),
        side('player-off', setup, load, off.port, 'player'),
        side('rich-on', setup, load, on.port, 'rich'),
        side('rich-off', setup, load, off.port, 'rich'),
      ],
      ROUNDS,
    );
    const rows: SummaryRow[] = [];
    for (const mix of ['player', 'rich'] as const) {
      const vOn = totals.get(`${mix}-on`)!;
      const vOff = totals.get(`${mix}-off`)!;
      const ratio = ratioOf(vOn, vOff);
      const cost = 1 / ratio.median - 1;
      const noise = ratio.min <= 1 && ratio.max >= 1 ? ', within the noise of this run' : '';
      const micros = validatorMicros(setup, mix);
      const share = micros / (1e6 / vOn.perSecond);
      log(
        `[statement-validation] ${label} ${mix}: on ${int(vOn.perSecond)}/s, off ${int(vOff.perSecond)}/s: validation adds ${signedPct(cost)} to ingest time${noise} (rounds on/off ${pct(ratio.min)}–${pct(ratio.max)}; target <= ${pct(TARGET)}); the validator alone takes ${micros.toFixed(1)} µs/statement = ${pct(share)} of ingest time per statement`,
      );
      rows.push({
        benchmark: 'statement-validation',
        measure: `validation cost, ${mix} statements (${label})`,
        subject: `on ${int(vOn.perSecond)} st/s`,
        baseline: `off ${int(vOff.perSecond)} st/s`,
        ratio: `${signedPct(cost)} time (on/off ${pct(ratio.min)}–${pct(ratio.max)}); validator alone ${micros.toFixed(1)} µs/st = ${pct(share)}`,
        target: `<= ${pct(TARGET)}`,
        met: cost <= TARGET,
      });
    }
    return rows;
  } finally {
    await on.close();
    await off.close();
    await setup.server.close();
  }
}

export async function statementValidation(): Promise<BenchOutcome> {
  const rows: SummaryRow[] = [];
  const notes: string[] = [
    `statement-validation: batches of ${BATCH}, ${CONCURRENCY} senders, ${ROUNDS} timed rounds of ${BATCHES_PER_ROUND * BATCH} statements per side after one warm-up; validation on and off run against the same database in alternating rounds.`,
  ];
  const load = new LoadGenerator();
  try {
    rows.push(...(await benchEngine('sqlite', load)));
    const pgState = await postgresAnswers();
    if (pgState.ok) rows.push(...(await benchEngine('postgres', load)));
    else notes.push(`statement-validation: PostgreSQL skipped (${pgState.reason}).`);
  } finally {
    await load.close();
  }
  return { name: 'statement-validation', rows, notes };
}

runIfMain(import.meta.url, statementValidation);
