import { emptyAttendance, uuidv7, type PlanDetail, type ReachResponse } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { register, startTree, type Tree } from '../sync/sync.test-support.js';
import { engines } from '../test-support/engines.js';
import { addMember, signedIn } from '../test-support/identity.js';

let tree: Tree | null = null;
afterEach(async () => {
  await tree?.close();
  tree = null;
});

// A facilitator laptop is a hub: plans come down with the hub sync, session logs written on the
// laptop with no network go up with it, and each arrives at the national server exactly once.
describe.each(await engines())(
  'Learning Cinema over hub sync, national on %s',
  { timeout: 180_000 },
  (engine) => {
    it('brings shared plans down and takes session logs up, once, into the national reach report', async () => {
      tree = await startTree(engine, 1);
      const { national, tenant } = tree;
      const laptop = tree.hubs[0]!;
      const amalId = await addMember(national, tenant, 'amal', ['facilitator']);
      const amalNational = await signedIn(national, 'nation', 'amal');
      const created = await amalNational.post('/api/t/nation/cinema/plans', {
        title: 'Breathing together',
        ageBand: '6-11',
        durationMinutes: 30,
        language: 'ar',
        shared: true,
        steps: [
          { id: 'mood', kind: 'checkIn', prompt: 'How do you feel?' },
          { id: 'breathe', kind: 'break', style: 'breathing', seconds: 60, instructions: ['In', 'Out'] },
        ],
      });
      const plan = (created.body as { plan: PlanDetail }).plan;

      await register(laptop, national, 'Mobile team 2');
      const [down] = await laptop.services.sync.client.syncAll();
      expect(down?.error).toBeNull();
      const amalLaptop = await signedIn(laptop, 'nation', 'amal');
      const onLaptop = await amalLaptop.get(`/api/t/nation/cinema/plans/${plan.id}`);
      expect((onLaptop.body as { plan: PlanDetail }).plan).toMatchObject({
        title: 'Breathing together',
        stepCount: 2,
      });

      // The session runs on the laptop, cut off from the national server.
      const attendance = emptyAttendance();
      attendance.female['6-11'] = 9;
      attendance.male['12-17'] = 4;
      const sessionId = uuidv7();
      const recorded = await amalLaptop.call('PUT', `/api/t/nation/cinema/sessions/${sessionId}`, {
        id: sessionId,
        planId: plan.id,
        date: '2026-11-20',
        region: 'Idlib',
        facilitatorIds: [amalId],
        startedAt: '2026-11-20T09:00:00Z',
        endedAt: '2026-11-20T09:40:00Z',
        attendance,
        withDisability: 1,
        checkIns: [{ stepId: 'mood', counts: { very_sad: 0, sad: 1, okay: 3, happy: 5, very_happy: 4 } }],
      });
      expect(recorded.status).toBe(200);

      const [up] = await laptop.services.sync.client.syncAll();
      expect(up?.error).toBeNull();
      const [again] = await laptop.services.sync.client.syncAll();
      expect(again?.error).toBeNull();

      const admin = await signedIn(national, 'nation', 'boss');
      const reach = (await admin.get('/api/t/nation/cinema/reach')).body as ReachResponse;
      expect(reach).toMatchObject({ sessions: 1, reached: 13, withDisability: 1 });
      expect(reach.byRegion).toEqual([expect.objectContaining({ key: 'Idlib', sessions: 1, reached: 13 })]);
      const rows = await national.db.db
        .selectFrom('cinema_sessions')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .execute();
      expect(rows.map((r) => r.id)).toEqual([sessionId]);
    });
  },
);
