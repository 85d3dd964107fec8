import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyAttendance, ReachQuery, uuidv7, type Role } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../http/context.js';
import { addMember } from '../test-support/identity.js';
import { engines } from '../test-support/engines.js';
import type { TestServer } from '../test-support/server.js';
import { register, startTree, type Tree } from '../sync/sync.test-support.js';

// A session logged on a hub (SQLite, at the school) reaches the national reach report by sync
// and, where no network reaches, by a USB bundle.

const actor = (tenantId: string, userId: string, roles: Role[]): Actor => ({
  userId,
  tenantId,
  username: 'x',
  displayName: 'x',
  roles,
  isOperator: false,
  via: 'session',
  sessionId: null,
});

describe.each(await engines())(
  'a Learning Cinema session travelling to a national server on %s',
  (engine) => {
    let tree: Tree;
    afterEach(async () => {
      await tree?.close();
    });

    /** A facilitator and a shared plan on the national server. */
    async function planOnNational(): Promise<{ sam: Actor; samId: string; planId: string }> {
      const { national, tenant } = tree;
      const samId = await addMember(national, tenant, 'sam', ['facilitator']);
      const sam = actor(tenant.id, samId, ['facilitator']);
      const plan = await national.services.cinema.createPlan(tenant.id, sam, {
        title: 'Clean water',
        ageBand: '6-11',
        durationMinutes: 45,
        language: 'en',
        shared: true,
        steps: [
          { id: 'q', kind: 'groupQuiz', question: 'Boil water?', options: ['Yes', 'No'] },
          { id: 'c', kind: 'checkIn', prompt: 'How do you feel?' },
        ],
      });
      return { sam, samId, planId: plan.id };
    }

    /** The facilitator logs a session at the school, on the hub only. */
    async function sessionOnHub(hub: TestServer, sam: Actor, samId: string, planId: string): Promise<void> {
      const attendance = emptyAttendance();
      attendance.female['6-11'] = 7;
      attendance.male['6-11'] = 5;
      const date = new Date().toISOString().slice(0, 10);
      await hub.services.cinema.recordSession(tree.tenant.id, sam, {
        id: uuidv7(),
        planId,
        date,
        place: 'Hope school',
        region: 'Turkana',
        facilitatorIds: [samId],
        startedAt: `${date}T00:00:00.000Z`,
        endedAt: `${date}T00:50:00.000Z`,
        attendance,
        withDisability: 1,
        activities: [{ stepId: 'q', counts: [9, 3] }],
        checkIns: [{ stepId: 'c', counts: { very_sad: 0, sad: 1, okay: 3, happy: 5, very_happy: 3 } }],
        stepsCompleted: 2,
      });
    }

    async function nationalReach() {
      const admin = actor(tree.tenant.id, tree.adminId, ['admin']);
      return tree.national.services.cinema.reach(tree.tenant.id, admin, ReachQuery.parse({}));
    }

    const ARRIVED = { sessions: 1, reached: 12, withDisability: 1, bySex: { female: 7, male: 5 } };

    it('arrives in the national reach report after a sync, once', async () => {
      tree = await startTree(engine, 1);
      const hub = tree.hubs[0]!;
      const { sam, samId, planId } = await planOnNational();
      await register(hub, tree.national, 'school 1');
      await hub.services.sync.client.syncAll();
      await sessionOnHub(hub, sam, samId, planId);
      expect(await nationalReach()).toMatchObject({ sessions: 0 });

      await hub.services.sync.client.syncAll();
      await hub.services.sync.client.syncAll();
      const reach = await nationalReach();
      expect(reach).toMatchObject(ARRIVED);
      expect(reach.byRegion.map((group) => group.key)).toEqual(['Turkana']);
    }, 120_000);

    it('arrives in the national reach report from a USB bundle, once', async () => {
      tree = await startTree(engine, 1);
      const { national, tenant } = tree;
      const hub = tree.hubs[0]!;
      const dir = mkdtempSync(join(tmpdir(), 'satchel-cinema-bundle-'));
      try {
        const { sam, samId, planId } = await planOnNational();
        // Down: the platform, its people and the plan reach a hub that never saw a network.
        const down = await national.services.bundles.exportBundle({
          tenant,
          path: join(dir, 'down.satchel'),
          content: true,
          records: true,
        });
        await hub.services.bundles.importBundle({
          path: down.path,
          adopt: true,
          trustKey: await national.services.bundles.publicKey(),
        });
        await sessionOnHub(hub, sam, samId, planId);

        // Up: the hub's records on a stick, imported at national (twice: stored once).
        const up = await hub.services.bundles.exportBundle({
          tenant,
          path: join(dir, 'up.satchel'),
          content: false,
          records: true,
          forPeer: await national.services.bundles.instanceId(),
        });
        await national.services.bundles.trustPeer(
          tenant.id,
          'school 1',
          await hub.services.bundles.publicKey(),
        );
        expect(await nationalReach()).toMatchObject({ sessions: 0 });
        expect(await national.services.bundles.importBundle({ path: up.path })).toMatchObject({
          status: 'imported',
        });
        expect(await nationalReach()).toMatchObject(ARRIVED);
        expect(await national.services.bundles.importBundle({ path: up.path })).toMatchObject({
          status: 'already_imported',
        });
        expect(await nationalReach()).toMatchObject(ARRIVED);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  },
);
