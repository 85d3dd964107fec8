import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanDetail } from '@satchel/core';
import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import { readConfig } from '../config.js';
import { openSqlite } from '../db/database.js';
import { satchel, startTree, type Tree } from '../sync/sync.test-support.js';
import { engines } from '../test-support/engines.js';
import { addMember, PASSWORD, signedIn } from '../test-support/identity.js';

// `satchel cinema pack` on a registered hub takes the button's path: a plan written on the national
// server after the laptop's last sync is fetched with the hub credential (for the facilitator named
// by --for), then its film; the sync that follows finds the plan already there, unchanged.

let tree: Tree | null = null;
let dir: string | null = null;
afterEach(async () => {
  await tree?.close();
  tree = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const mp4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x20]),
  Buffer.from('ftypisom\0\0\u0002\0isomiso2avc1mp41', 'latin1'),
  randomBytes(100_000),
]);

// Real processes are slow to start: the national server on one engine (PostgreSQL under CI).
describe.each((await engines()).slice(-1))('satchel cinema pack on a hub (national on %s)', (engine) => {
  it(
    'fetches a facilitator’s plan that has not arrived by sync, then its film',
    { timeout: 240_000 },
    async () => {
      tree = await startTree(engine, 0);
      const { national, tenant } = tree;
      await addMember(national, tenant, 'amal', ['facilitator']);
      await addMember(national, tenant, 'writer', ['author']);
      dir = mkdtempSync(join(tmpdir(), 'satchel-cinema-cli-'));
      const env = { SATCHEL_DATA: dir };
      const outputs: string[] = [];
      onTestFailed(() => void process.stderr.write(`CLI output:\n${outputs.join('\n---\n')}\n`));
      const run = async (args: string[]) => {
        const result = await satchel(args, env).done;
        outputs.push(`$ satchel ${args.join(' ')}\n${result.out}`);
        return result;
      };
      const registered = await run([
        'hub',
        'register',
        '--upstream',
        national.url,
        '--tenant',
        'nation',
        '--username',
        'boss',
        '--password',
        PASSWORD,
        '--name',
        'field laptop',
      ]);
      expect(registered.code).toBe(0);
      expect((await run(['sync'])).code).toBe(0);

      const writer = await signedIn(national, 'nation', 'writer');
      const upload = await writer.call(
        'POST',
        '/api/t/nation/library/uploads?kind=video&title=The%20well&licence=CC-BY-4.0&author=Ama',
        mp4,
        { 'content-type': 'video/mp4' },
      );
      const itemId = (upload.body as { item: { id: string } }).item.id;
      const amal = await signedIn(national, 'nation', 'amal');
      const created = await amal.post('/api/t/nation/cinema/plans', {
        title: 'Safe water',
        ageBand: '6-11',
        durationMinutes: 40,
        language: 'en',
        steps: [{ id: 'film', kind: 'media', itemId, title: 'The well' }],
      });
      const plan = (created.body as { plan: PlanDetail }).plan;

      // Without --for the hub asks for shared plans only: amal's own plan is not one of them.
      const refused = await run(['cinema', 'pack', '--tenant', 'nation', plan.id]);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('neither on this hub nor shared with you');

      const packed = await run(['cinema', 'pack', '--tenant', 'nation', '--for', 'amal', plan.id]);
      expect(packed.code).toBe(0);
      expect(packed.out).toContain(`READY   Safe water (${plan.id}), plan fetched, 1 files copied`);

      expect((await run(['sync'])).code).toBe(0);
      const config = readConfig({ SATCHEL_DATA: dir, LOG_LEVEL: 'silent' });
      const handle = openSqlite(config.sqliteFile);
      try {
        const stamp = (db: typeof handle.db) =>
          db
            .selectFrom('sync_records')
            .select(['instance_id', 'counter', 'fields'])
            .where('kind', '=', 'cinema_plan')
            .where('record_id', '=', plan.id)
            .executeTakeFirstOrThrow()
            .then((row) => ({ ...row, counter: Number(row.counter) }));
        expect(await stamp(handle.db)).toEqual(await stamp(national.db.db));
        const conflicts = await handle.db
          .selectFrom('sync_conflicts')
          .select('id')
          .where('record_id', '=', plan.id)
          .execute();
        expect(conflicts).toEqual([]);
      } finally {
        await handle.destroy();
      }
    },
  );
});
