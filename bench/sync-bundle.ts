// A records bundle (hub → national by USB) against the plainest way to carry the same
// statements: their stored JSON, gzipped (level 6), written to a file. Measures bytes per
// statement (target: the bundle at most 1.2× the gzipped JSON — the signature, framing
// and sync metadata cost little), export and import time, and peak RSS (the bundle is
// streamed: memory must not grow with it). Two real instances on SQLite, no network.
// Runs from source (tsx): `node --import tsx bench/sync-bundle.ts`.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { uuidv7 } from '@satchel/core';
import { createServices, type Services } from '../packages/server/src/app/services.js';
import { readConfig } from '../packages/server/src/config.js';
import { openSqlite, type DbHandle } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { runIfMain } from './lib/main.js';
import { int, log, mb, type BenchOutcome } from './lib/report.js';

const STATEMENTS = Number(process.env.BENCH_BUNDLE_STATEMENTS ?? 20_000);
const LEARNERS = 200;
const BATCH = 500;
const TARGET = 1.2;

interface Instance {
  dir: string;
  handle: DbHandle;
  services: Services;
}

async function instance(name: string): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), `satchel-bench-${name}-`));
  const config = readConfig({ SATCHEL_DATA: dir, LOG_LEVEL: 'silent' });
  const handle = openSqlite(config.sqliteFile);
  await migrateToLatest(handle.db);
  return { dir, handle, services: createServices({ handle, config, clock: systemClock }) };
}

function statement(userId: string, i: number): Record<string, unknown> {
  const course = `https://satchel.example/courses/${(i % 7) + 1}`;
  return {
    id: uuidv7(),
    actor: { objectType: 'Agent', account: { homePage: 'https://satchel.example', name: userId } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
    object: { objectType: 'Activity', id: `${course}/lessons/${(i % 12) + 1}` },
    result: { completion: true, success: i % 3 !== 0, score: { scaled: (i % 10) / 10 } },
    context: { contextActivities: { parent: [{ id: course }] } },
    timestamp: new Date(Date.parse('2026-09-01T08:00:00Z') + i * 61_000).toISOString(),
  };
}

export async function syncBundle(): Promise<BenchOutcome> {
  const hub = await instance('hub');
  const national = await instance('national');
  try {
    const tenant = await hub.services.tenants.create({
      slug: 'bench',
      name: 'Bench',
      defaultLocale: 'en',
      locales: ['en'],
    });
    const ref = { id: tenant.id, slug: tenant.slug };
    const users: string[] = [];
    for (let i = 0; i < LEARNERS; i++) {
      const u = await hub.services.users.create(tenant.id, {
        username: `learner${i}`,
        displayName: `Learner ${i}`,
        password: 'long enough password',
        roles: ['learner'],
      });
      users.push(u.id);
    }
    // The national server adopts the platform and its users from a first bundle; the one measured then carries
    // only what is new since: the statements.
    const setup = await hub.services.bundles.exportBundle({
      tenant: ref,
      path: join(hub.dir, 'setup.satchel'),
      content: true,
      records: true,
    });
    await national.services.bundles.importBundle({
      path: setup.path,
      adopt: true,
      trustKey: await hub.services.bundles.publicKey(),
    });
    // The hub learns what the national server holds from a bundle the other way.
    const back = await national.services.bundles.exportBundle({
      tenant: ref,
      path: join(national.dir, 'back.satchel'),
      content: false,
      records: true,
    });
    await hub.services.bundles.importBundle({
      path: back.path,
      trustKey: await national.services.bundles.publicKey(),
    });

    const authority = { kind: 'credential' as const, key: 'bench', name: 'bench' };
    for (let i = 0; i < STATEMENTS; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, STATEMENTS - i) }, (_, k) =>
        statement(users[(i + k) % LEARNERS]!, i + k),
      );
      await hub.services.lrs.store(tenant.id, batch, authority);
    }
    await hub.services.progress.flushed();

    // Baseline: the statements as stored, one JSON array, gzipped.
    const rows = await hub.handle.db
      .selectFrom('statements')
      .select('statement')
      .where('tenant_id', '=', tenant.id)
      .execute();
    const baselinePath = join(hub.dir, 'statements.json.gz');
    const began = performance.now();
    writeFileSync(baselinePath, gzipSync(`[${rows.map((r) => r.statement).join(',')}]`, { level: 6 }));
    const baselineMs = performance.now() - began;
    const baselineBytes = statSync(baselinePath).size;

    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const exported = await hub.services.bundles.exportBundle({
      tenant: ref,
      path: join(hub.dir, 'records.satchel'),
      content: false,
      records: true,
      forPeer: await national.services.bundles.instanceId(),
    });
    const exportMs = performance.now() - t0;
    const t1 = performance.now();
    const imported = await national.services.bundles.importBundle({ path: exported.path });
    await national.services.progress.flushed();
    const importMs = performance.now() - t1;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    if (imported.status !== 'imported' || (imported.records?.records ?? 0) < STATEMENTS)
      throw new Error(`the bundle did not carry every statement: ${JSON.stringify(imported)}`);

    const ratio = exported.bytes / baselineBytes;
    const perStatement = (bytes: number) => (bytes / STATEMENTS).toFixed(1);
    log(`sync-bundle: ${int(STATEMENTS)} statements of ${LEARNERS} learners (users already on both sides)`);
    log(
      `  records bundle  ${int(exported.bytes)} bytes (${perStatement(exported.bytes)} B/statement), ${int(exported.records)} records`,
    );
    log(
      `  gzipped JSON    ${int(baselineBytes)} bytes (${perStatement(baselineBytes)} B/statement), written in ${int(baselineMs)} ms`,
    );
    log(
      `  export ${int(exportMs)} ms, import ${int(importMs)} ms (${int(STATEMENTS / (importMs / 1000))} statements/s applied)`,
    );
    log(`  RSS before export ${mb(rssBefore)}, peak ${mb(peakRss)}`);
    return {
      name: 'sync-bundle',
      rows: [
        {
          benchmark: 'sync-bundle',
          measure: `records bundle / gzipped statement JSON, bytes (${int(STATEMENTS)} statements)`,
          subject: `${perStatement(exported.bytes)} B/stmt`,
          baseline: `${perStatement(baselineBytes)} B/stmt`,
          ratio: `${ratio.toFixed(2)}×`,
          target: `≤ ${TARGET}×`,
          met: ratio <= TARGET,
        },
      ],
      notes: [
        `sync-bundle: export ${int(exportMs)} ms, import ${int(importMs)} ms; peak RSS ${mb(peakRss)} (RSS before export ${mb(rssBefore)}).`,
      ],
    };
  } finally {
    await hub.handle.destroy();
    await national.handle.destroy();
    rmSync(hub.dir, { recursive: true, force: true });
    rmSync(national.dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, syncBundle);
