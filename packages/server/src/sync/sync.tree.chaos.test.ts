import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareHlc, type RecordFields } from '@satchel/core';
import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import { createServices } from '../app/services.js';
import { readConfig } from '../config.js';
import { openSqlite, type DbHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock } from '../platform/clock.js';
import { engines } from '../test-support/engines.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../test-support/fault-proxy.js';
import { addMember, PASSWORD, signedIn, type Client } from '../test-support/identity.js';
import type { TestServer } from '../test-support/server.js';
import { SyncClient } from './sync.client.js';
import {
  learnerStatement,
  satchel,
  seededRandom,
  startTree,
  statementCount,
  type Tree,
} from './sync.test-support.js';

// Five instances in a tree — the national server (PostgreSQL when available) and four
// SQLite hubs, one of them a hub of a hub:
//
//            national
//           /        \
//       hub A        hub B
//      /     \
//   hub C   hub D (a real `satchel` process, killed with SIGKILL mid-push once)
//
// Every link goes through a fault proxy that drops requests, drops responses after the
// upstream applied them, and sends requests twice. Random writes (statements, renames of the
// same users on several instances between syncs, new users, classes and class places) and
// random syncs (one hub, or two at once) are driven by a seeded generator: the seed is
// printed, and SATCHEL_CHAOS_SEED=<seed> replays the same writes, syncs and per-link fault
// plans (where the kill -9 lands, and so which request of a link meets which fault after
// it, still depends on timing). Then the faults stop and the tree syncs until nothing
// changes; every instance must hold the same records.

const STEPS = 80;
/** Records per pull or push request: small, so faults land in the middle of feeds. */
const PAGE = 15;
const FAULT_RATE = 0.2;
const MAX_QUIET_ROUNDS = 6;

interface Instance {
  name: string;
  handle: DbHandle;
  services: TestServer['services'];
  /** Admin API client (in-process servers); the CLI hub is edited through its services. */
  admin: Client | null;
  /** Users that exist here (may reference them in statements and class places). */
  users: Set<string>;
}

interface Write {
  value: string;
  stamp: string;
  where: string;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => undefined);
  cleanup = [];
});

describe.each((await engines()).slice(-1))('a sync tree under chaos (national on %s)', (engine) => {
  it('converges after dropped, duplicated and killed syncs', { timeout: 900_000 }, async () => {
    const seed = Number(process.env.SATCHEL_CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
    // What happened, printed only when the test fails: the seed replays the run.
    const trace = [`sync tree chaos: SATCHEL_CHAOS_SEED=${seed} (national on ${engine})`];
    onTestFailed(() => void process.stderr.write(`${trace.join('\n')}\n`));
    const started = Date.now();
    const elapsed = (): string => `${Math.round((Date.now() - started) / 1000)}s`;
    const random = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    // Each link draws its faults from its own generator: requests on different links
    // interleave by timing, which must not shift the plan of writes and syncs.
    const faults = (link: number): (() => Fault) => {
      const r = seededRandom(seed * 7 + link);
      const kinds = ['drop_request', 'reset_request', 'drop_response', 'duplicate'] as const;
      return () => (r() >= FAULT_RATE ? 'pass' : kinds[Math.floor(r() * kinds.length)]!);
    };

    const tree: Tree = await startTree(engine, 3);
    cleanup.push(() => tree.close());
    const { national, tenant } = tree;
    const [hubA, hubB, hubC] = tree.hubs as [TestServer, TestServer, TestServer];
    const learners = [tree.learnerId];
    for (let i = 0; i < 7; i += 1)
      learners.push(await addMember(national, tenant, `learner${i}`, ['learner']));
    // Renamed at random anywhere; the pair users are renamed exactly twice, concurrently.
    const renamed = learners.slice(0, 4);
    const pairUsers = learners.slice(4);

    const proxies: Record<string, FaultProxy> = {};
    const proxy = async (name: string, upstream: TestServer): Promise<FaultProxy> => {
      const p = await startFaultProxy(upstream.url, faults(Object.keys(proxies).length + 1));
      p.enabled = false;
      cleanup.push(() => p.close());
      proxies[name] = p;
      return p;
    };
    const registerVia = async (hub: TestServer, via: FaultProxy, name: string): Promise<void> => {
      await hub.services.sync.client.register({
        upstream: via.url,
        tenantSlug: 'nation',
        username: 'boss',
        password: PASSWORD,
        name,
      });
    };
    // Small pages: many requests per sync, so faults land in the middle of feeds.
    const clients = new Map<string, SyncClient>();
    const syncIn = async (name: string, hub: TestServer): Promise<string | null> => {
      let c = clients.get(name);
      if (!c) {
        c = new SyncClient(hub.services.sync.service, systemClock, fetch, { pull: PAGE, push: PAGE });
        clients.set(name, c);
      }
      const [r] = await c.syncAll();
      return r ? r.error : 'no link';
    };

    // Hub A and B under national; C under A (a hub of a hub: boss arrives on A by sync).
    await registerVia(hubA, await proxy('A', national), 'hub A');
    expect(await syncIn('A', hubA)).toBeNull();
    await registerVia(hubB, await proxy('B', national), 'hub B');
    expect(await syncIn('B', hubB)).toBeNull();
    await registerVia(hubC, await proxy('C', hubA), 'hub C');
    expect(await syncIn('C', hubC)).toBeNull();

    // Hub D: a `satchel` process on its own data directory, registered with hub A.
    const dDir = mkdtempSync(join(tmpdir(), 'satchel-tree-d-'));
    cleanup.push(async () => rmSync(dDir, { recursive: true, force: true }));
    const pD = await proxy('D', hubA);
    const dEnv = { SATCHEL_DATA: dDir, SATCHEL_SYNC_BATCH: String(PAGE) };
    const reg = await satchel(
      [
        'hub',
        'register',
        '--upstream',
        pD.url,
        '--tenant',
        'nation',
        '--username',
        'boss',
        '--password',
        PASSWORD,
        '--name',
        'hub D',
      ],
      dEnv,
    ).done;
    expect(reg.out).toContain('Registered as hub');
    const dSync = async (): Promise<string | null> => {
      const r = await satchel(['sync'], dEnv).done;
      return r.code === 0 ? null : r.out;
    };
    expect(await dSync()).toBeNull();
    const dConfig = readConfig({ SATCHEL_DATA: dDir, LOG_LEVEL: 'silent' });
    const dHandle = openSqlite(dConfig.sqliteFile);
    cleanup.push(() => dHandle.destroy());
    await migrateToLatest(dHandle.db);
    const dServices = createServices({ handle: dHandle, config: dConfig, clock: systemClock });

    const instances: Instance[] = [];
    for (const [name, s] of [
      ['national', national],
      ['A', hubA],
      ['B', hubB],
      ['C', hubC],
    ] as const) {
      instances.push({
        name,
        handle: s.db,
        services: s.services,
        admin: await signedIn(s, 'nation', 'boss'),
        users: new Set(learners),
      });
    }
    instances.push({
      name: 'D',
      handle: dHandle,
      services: dServices,
      admin: null,
      users: new Set(learners),
    });
    const byName = (name: string): Instance => instances.find((i) => i.name === name)!;
    for (const p of Object.values(proxies)) p.enabled = true;
    const ids = await Promise.all(
      instances.map(async (i) => `${i.name}=${await i.services.sync.service.instanceId()}`),
    );
    trace.push(`tree ready (${elapsed()}): ${ids.join(' ')}`);

    /** Statement id → where it was written. */
    const statements = new Map<string, string>();
    const writes = new Map<string, Write[]>();
    const pairs: { userId: string; a: Write; b: Write }[] = [];
    let names = 0;

    const rename = async (inst: Instance, userId: string): Promise<Write> => {
      names += 1;
      const value = `Name ${names} on ${inst.name}`;
      if (inst.admin) {
        const res = await inst.admin.patch(`/api/t/nation/users/${userId}`, { displayName: value });
        expect(res.status).toBe(200);
      } else {
        await inst.services.users.update(tenant.id, userId, { displayName: value });
      }
      await inst.services.sync.service.tracker.stampPending();
      const rec = await inst.handle.db
        .selectFrom('sync_records')
        .select('fields')
        .where('tenant_id', '=', tenant.id)
        .where('kind', '=', 'user')
        .where('record_id', '=', userId)
        .executeTakeFirstOrThrow();
      const register = (JSON.parse(rec.fields) as RecordFields).display_name!;
      expect(register.w.v).toBe(value);
      const w = { value, stamp: register.w.h, where: inst.name };
      writes.set(userId, [...(writes.get(userId) ?? []), w]);
      return w;
    };

    const hubs: Record<string, () => Promise<string | null>> = {
      A: () => syncIn('A', hubA),
      B: () => syncIn('B', hubB),
      C: () => syncIn('C', hubC),
      D: dSync,
    };
    let killed = false;
    const killStep = Math.floor(STEPS / 2 + random() * (STEPS / 3));
    const log: string[] = [];
    // kill -9 of hub D in the middle of pushing a backlog to hub A, then it syncs again later.
    const killDuringPush = async (): Promise<string> => {
      killed = true;
      const d = byName('D');
      for (let i = 0; i < 60; i += 1) {
        statements.set(await learnerStatement(d as unknown as TestServer, tenant.id, pick(learners)), 'D');
      }
      const before = await statementCount(hubA, tenant.id);
      // No faults on this run: it must still be pushing when it is killed.
      pD.enabled = false;
      const run = satchel(['sync'], { ...dEnv, SATCHEL_SYNC_BATCH: '2' });
      for (;;) {
        if ((await statementCount(hubA, tenant.id)) >= before + 10) break;
        const exited = await Promise.race([
          run.done.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 50)),
        ]);
        if (exited) break;
      }
      run.child.kill('SIGKILL');
      const out = await run.done;
      pD.enabled = true;
      expect(out.code).toBeNull();
      return 'D:kill -9';
    };
    for (let step = 0; step < STEPS; step += 1) {
      const roll = random();
      const inst = pick(instances);
      if (step === killStep) {
        log.push(await killDuringPush());
      } else if (roll < 0.4) {
        const n = 1 + Math.floor(random() * 10);
        const who = [...inst.users];
        for (let i = 0; i < n; i += 1) {
          statements.set(
            await learnerStatement(inst as unknown as TestServer, tenant.id, pick(who)),
            inst.name,
          );
        }
        log.push(`${inst.name}+${n}st`);
      } else if (roll < 0.5) {
        await rename(inst, pick(renamed));
        log.push(`${inst.name}:rename`);
      } else if (roll < 0.55 && pairs.length < pairUsers.length) {
        // The same user renamed on two instances with no sync in between: concurrent edits.
        const other = pick(instances.filter((i) => i !== inst));
        const userId = pairUsers[pairs.length]!;
        pairs.push({ userId, a: await rename(inst, userId), b: await rename(other, userId) });
        log.push(`${inst.name}/${other.name}:pair`);
      } else if (roll < 0.6) {
        names += 1;
        const user = await inst.services.users.create(tenant.id, {
          username: `new${names}`,
          displayName: `New ${names}`,
          password: PASSWORD,
          roles: ['learner'],
        });
        inst.users.add(user.id);
        log.push(`${inst.name}:user`);
      } else if (roll < 0.65) {
        names += 1;
        const cls = await inst.services.classes.create(tenant.id, { name: `Class ${names}` });
        await inst.services.classes.addMember(tenant.id, cls.id, pick([...inst.users]), 'learner');
        log.push(`${inst.name}:class`);
      } else {
        // One hub syncs, or two at once (a push into national while another hub pulls from it).
        // The CLI hub is slower to start: it syncs less often.
        const first = pick(['A', 'B', 'C', 'A', 'B', 'C', 'D']);
        const two = random() < 0.35;
        const second = pick(['A', 'B', 'C'].filter((h) => h !== first));
        const runs = [hubs[first]!()];
        if (two) runs.push(hubs[second]!());
        const errors = await Promise.all(runs);
        log.push(`sync ${two ? `${first}+${second}` : first}${errors.some((e) => e) ? '!' : ''}`);
      }
    }
    trace.push(`chaos steps (${elapsed()}): ${log.join(', ')}`);
    for (const [name, p] of Object.entries(proxies)) trace.push(`proxy ${name}: ${JSON.stringify(p.counts)}`);

    // Quiet: no more faults; every hub syncs bottom-up then top-down until nothing changes.
    for (const p of Object.values(proxies)) p.enabled = false;
    const vectors = async (): Promise<Record<string, number>[]> =>
      Promise.all(instances.map((i) => i.services.sync.service.vector(tenant.id)));
    let previous = '';
    let rounds = 0;
    const same = (vs: Record<string, number>[]): boolean =>
      vs.every((v) => JSON.stringify(v) === JSON.stringify(vs[0]));
    let lastErrors: (string | null)[] = [];
    for (; rounds < MAX_QUIET_ROUNDS; rounds += 1) {
      lastErrors = [];
      for (const h of ['C', 'D', 'A', 'B', 'A', 'B', 'C', 'D']) lastErrors.push(await hubs[h]!());
      // Quiet once a round changed nothing, or left every instance at the same vector
      // (then nobody lacks anything and another round would not change anything).
      const vs = await vectors();
      const now = JSON.stringify(vs);
      if (now === previous || same(vs)) break;
      previous = now;
    }
    trace.push(`quiet after ${rounds + 1} rounds (${elapsed()}); ${statements.size} statements`);
    expect(lastErrors).toEqual(lastErrors.map(() => null));

    // Every statement everywhere, exactly once.
    const expected = [...statements.keys()].sort();
    for (const inst of instances) {
      const ids = (
        await inst.handle.db
          .selectFrom('statements')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .execute()
      ).map((r) => r.id);
      const have = new Set(ids);
      const missing = expected.filter((id) => !have.has(id)).map((id) => statements.get(id));
      expect({ at: inst.name, missingWrittenOn: missing }).toEqual({ at: inst.name, missingWrittenOn: [] });
      expect({ at: inst.name, count: ids.length }).toEqual({ at: inst.name, count: expected.length });
      expect({ at: inst.name, ids: [...new Set(ids)].sort() }).toEqual({ at: inst.name, ids: expected });
    }

    // Users, classes and class places: the same rows everywhere; names as written last by HLC.
    const snapshot = async (inst: Instance): Promise<unknown> => {
      const db = inst.handle.db;
      const users = await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('id')
        .execute();
      const classes = await db
        .selectFrom('classes')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('id')
        .execute();
      const places = await db
        .selectFrom('class_members')
        .select(['class_id', 'user_id'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('class_id')
        .orderBy('user_id')
        .execute();
      const conflicts = await db
        .selectFrom('sync_conflicts')
        .select(['id', 'record_id', 'field', 'loser_value', 'winner_value'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('id')
        .execute();
      const staged = await inst.services.sync.service.repo.stagedCount(tenant.id);
      return { users, classes, places, conflicts, staged };
    };
    const snapshots = await Promise.all(instances.map(snapshot));
    for (let i = 1; i < instances.length; i += 1) {
      expect({ at: instances[i]!.name, ...(snapshots[i] as object) }).toEqual({
        at: instances[i]!.name,
        ...(snapshots[0] as object),
      });
    }
    const national0 = snapshots[0] as {
      users: { id: string; display_name: string }[];
      conflicts: { record_id: string; field: string; loser_value: string; winner_value: string }[];
      staged: number;
    };
    expect(national0.staged).toBe(0);
    for (const [userId, ws] of writes) {
      const last = [...ws].sort((x, y) => compareHlc(x.stamp, y.stamp)).at(-1)!;
      expect({ userId, name: national0.users.find((u) => u.id === userId)?.display_name }).toEqual({
        userId,
        name: last.value,
      });
    }
    for (const { userId, a, b } of pairs) {
      const [loser, winner] = compareHlc(a.stamp, b.stamp) < 0 ? [a, b] : [b, a];
      expect(national0.conflicts).toContainEqual({
        id: expect.any(String),
        record_id: userId,
        field: 'display_name',
        loser_value: JSON.stringify(loser.value),
        winner_value: JSON.stringify(winner.value),
      });
    }

    // The same version vector everywhere: every record at the same (instance, counter).
    const stamps = async (inst: Instance): Promise<Map<string, string>> =>
      new Map(
        (
          await inst.handle.db
            .selectFrom('sync_records')
            .select(['kind', 'record_id', 'instance_id', 'counter', 'row_version'])
            .where('tenant_id', '=', tenant.id)
            .execute()
        ).map((r) => [`${r.kind}/${r.record_id}`, `${r.instance_id}:${r.counter}`]),
      );
    const final = await vectors();
    const stamps0 = await stamps(instances[0]!);
    for (let i = 1; i < instances.length; i += 1) {
      const here = await stamps(instances[i]!);
      const differ = [...new Set([...stamps0.keys(), ...here.keys()])]
        .filter((k) => stamps0.get(k) !== here.get(k))
        .map((k) => `${k} national=${stamps0.get(k)} ${instances[i]!.name}=${here.get(k)}`);
      expect({ at: instances[i]!.name, vector: final[i], differ }).toEqual({
        at: instances[i]!.name,
        vector: final[0],
        differ: [],
      });
    }
    expect(killed).toBe(true);
  });
});
