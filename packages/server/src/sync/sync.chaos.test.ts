import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../app/services.js';
import { readConfig } from '../config.js';
import { openSqlite } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock } from '../platform/clock.js';
import { engines } from '../test-support/engines.js';
import { PASSWORD } from '../test-support/identity.js';
import { learnerStatement, satchel, startTree, statementCount, type Tree } from './sync.test-support.js';

// A real `satchel sync` process is killed with SIGKILL in the middle of pushing, then run
// again: the upstream ends with every statement exactly once, and the hub's database is fine.

let tree: Tree | null = null;
let dir: string | null = null;
afterEach(async () => {
  await tree?.close();
  tree = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe.each((await engines()).slice(-1))(
  'sync survives kill -9 (national on %s)',
  { timeout: 600_000 },
  (engine) => {
    it('resumes a killed push and stores every statement once', async () => {
      tree = await startTree(engine, 0);
      const { national, tenant, learnerId } = tree;
      dir = mkdtempSync(join(tmpdir(), 'satchel-chaos-'));
      const env = { SATCHEL_DATA: dir };
      const reg = await satchel(
        [
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
          'chaos',
        ],
        env,
      ).done;
      expect(reg.out).toContain('Registered as hub');
      expect(reg.code).toBe(0);
      expect((await satchel(['sync'], env).done).code).toBe(0);

      // 120 statements recorded on the hub while offline.
      const config = readConfig({ SATCHEL_DATA: dir, LOG_LEVEL: 'silent' });
      const handle = openSqlite(config.sqliteFile);
      await migrateToLatest(handle.db);
      const hub = { services: createServices({ handle, config, clock: systemClock }) };
      for (let i = 0; i < 120; i += 1) {
        await learnerStatement(hub as Parameters<typeof learnerStatement>[0], tenant.id, learnerId);
      }
      await handle.destroy();

      const first = satchel(['sync'], { ...env, SATCHEL_SYNC_BATCH: '2' });
      // Kill it once the upstream has some of the statements, but not all of them.
      for (;;) {
        const n = await statementCount(national, tenant.id);
        if (n >= 10) break;
        const exited = await Promise.race([
          first.done.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 50)),
        ]);
        if (exited) break;
      }
      first.child.kill('SIGKILL');
      const killed = await first.done;
      const partial = await statementCount(national, tenant.id);
      expect(killed.code === null || partial === 120).toBe(true);

      const second = await satchel(['sync'], env).done;
      expect(second.code).toBe(0);
      expect(await statementCount(national, tenant.id)).toBe(120);
      const ids = await national.db.db
        .selectFrom('statements')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .execute();
      expect(new Set(ids.map((r) => r.id)).size).toBe(120);
      // The hub database is intact and agrees.
      const check = openSqlite(config.sqliteFile);
      const integrity = await check.db
        .selectFrom('statements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(integrity.n)).toBe(120);
      const link = await check.db.selectFrom('sync_links').selectAll().executeTakeFirstOrThrow();
      expect([link.push_cursor, link.last_error]).toEqual([null, null]);
      await check.destroy();
    });
  },
);
