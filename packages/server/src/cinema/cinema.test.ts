import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  emptyAttendance,
  parseCsv,
  uuidv7,
  type PlanDetail,
  type PlanListResponse,
  type PlanReadiness,
  type ReachResponse,
  type RecordSessionRequest,
  type SessionResponse,
} from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn, type Client, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x20]),
  Buffer.from('ftypisom\0\0\u0002\0isomiso2avc1mp41', 'latin1'),
  randomBytes(4096),
]);

describe.each(await engines())('Learning Cinema over HTTP on %s', (engine) => {
  let server: TestServer;
  let field: Platform;
  let other: Platform;
  let admin: Client;
  let author: Client;
  let amal: Client;
  let karim: Client;
  let learner: Client;
  let stranger: Client;
  let amalId: string;
  let karimId: string;
  let filmId: string;
  let filmSha: string;

  const api = (path: string, tenant = field) => `/api/t/${tenant.slug}/cinema${path}`;

  const planBody = (overrides: Record<string, unknown> = {}) => ({
    title: 'Safe water',
    description: 'A film and a talk about clean water',
    ageBand: '6-11',
    durationMinutes: 60,
    language: 'ar',
    tags: ['wash', 'health'],
    steps: [
      { id: 'film', kind: 'media', itemId: filmId, title: 'The well', notes: 'Lights off' },
      { id: 'talk', kind: 'discussion', prompt: 'Where does your water come from?', seconds: 300 },
      {
        id: 'quiz',
        kind: 'groupQuiz',
        question: 'Which water is safe?',
        options: ['Boiled', 'River'],
        correctOption: 0,
      },
      { id: 'mood', kind: 'checkIn', prompt: 'How do you feel now?' },
      { id: 'breathe', kind: 'break', style: 'breathing', seconds: 60, instructions: ['In', 'Out'] },
    ],
    ...overrides,
  });

  const sessionBody = (
    planId: string,
    overrides: Partial<RecordSessionRequest> = {},
  ): RecordSessionRequest => {
    const attendance = emptyAttendance();
    attendance.female['6-11'] = 14;
    attendance.male['6-11'] = 11;
    attendance.male['12-17'] = 3;
    return {
      id: uuidv7(),
      planId,
      date: '2026-11-20',
      place: 'Community tent, block C',
      region: 'Idlib',
      facilitatorIds: [amalId],
      team: 'Mobile team 2',
      startedAt: '2026-11-20T09:00:00Z',
      endedAt: '2026-11-20T10:05:00Z',
      attendance,
      withDisability: 2,
      activities: [{ stepId: 'quiz', counts: [20, 6] }],
      checkIns: [{ stepId: 'mood', counts: { very_sad: 1, sad: 3, okay: 6, happy: 10, very_happy: 8 } }],
      notes: 'Generator stopped for ten minutes',
      referral: true,
      stepsCompleted: 5,
      ...overrides,
    };
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    field = await platform(server, 'cinema-field');
    other = await platform(server, 'cinema-other');
    await addMember(server, field, 'boss', ['admin']);
    await addMember(server, field, 'writer', ['author']);
    amalId = await addMember(server, field, 'amal', ['facilitator']);
    karimId = await addMember(server, field, 'karim', ['facilitator']);
    await addMember(server, field, 'pupil', ['learner']);
    await addMember(server, other, 'outsider', ['admin']);
    admin = await signedIn(server, field.slug, 'boss');
    author = await signedIn(server, field.slug, 'writer');
    amal = await signedIn(server, field.slug, 'amal');
    karim = await signedIn(server, field.slug, 'karim');
    learner = await signedIn(server, field.slug, 'pupil');
    stranger = await signedIn(server, other.slug, 'outsider');
    const upload = await author.call(
      'POST',
      `/api/t/${field.slug}/library/uploads?kind=video&title=The%20well&licence=CC0-1.0`,
      MP4,
      { 'content-type': 'video/mp4' },
    );
    expect(upload.status).toBe(201);
    const item = (upload.body as { item: { id: string; file: { sha256: string } } }).item;
    filmId = item.id;
    filmSha = item.file.sha256;
  });
  afterAll(async () => server.close());

  it('builds a plan from library media and activities, shares it, and guards edits', async () => {
    const created = await amal.post(api('/plans'), planBody());
    expect(created.status).toBe(201);
    const plan = (created.body as { plan: PlanDetail }).plan;
    expect(plan).toMatchObject({
      title: 'Safe water',
      stepCount: 5,
      shared: false,
      editable: true,
      version: 1,
    });
    expect(plan.media).toEqual([
      expect.objectContaining({ itemId: filmId, kind: 'video', sha256: filmSha, mediaType: 'video/mp4' }),
    ]);

    // Private until shared: Karim cannot see it, the admin can.
    expect((await karim.get(api(`/plans/${plan.id}`))).code).toBe('plan_not_found');
    expect((await admin.get(api(`/plans/${plan.id}`))).status).toBe(200);
    const shared = await amal.call('PUT', api(`/plans/${plan.id}`), {
      plan: planBody({ shared: true }),
      version: 1,
    });
    expect((shared.body as { plan: PlanDetail }).plan).toMatchObject({ shared: true, version: 2 });
    const seen = await karim.get(api('/plans?tag=wash'));
    expect((seen.body as PlanListResponse).items.map((p) => [p.id, p.editable])).toEqual([[plan.id, false]]);
    expect((await karim.call('PUT', api(`/plans/${plan.id}`), { plan: planBody(), version: 2 })).code).toBe(
      'forbidden',
    );
    expect((await amal.call('PUT', api(`/plans/${plan.id}`), { plan: planBody(), version: 1 })).code).toBe(
      'edit_conflict',
    );
    // Learners do not plan sessions; another tenant does not see this one at all.
    expect((await learner.get(api('/plans'))).status).toBe(403);
    expect((await stranger.get(api(`/plans/${plan.id}`, other))).code).toBe('plan_not_found');
  });

  it('refuses a plan whose media are not in the library, naming them', async () => {
    const missing = uuidv7();
    const res = await amal.post(
      api('/plans'),
      planBody({ steps: [{ id: 'x', kind: 'media', itemId: missing, title: 'Gone' }] }),
    );
    expect([res.status, res.code]).toEqual([400, 'plan_media_not_found']);
    expect((res.body as { error: { details: { itemIds: string[] } } }).error.details.itemIds).toEqual([
      missing,
    ]);
    const bad = await amal.post(api('/plans'), planBody({ steps: [] }));
    expect(bad.status).toBe(400);
  });

  it('checks that every media item is present, intact and playable before the team leaves', async () => {
    const plan = (await amal.post(api('/plans'), planBody())).body as { plan: PlanDetail };
    const ready = (await amal.get(api(`/plans/${plan.plan.id}/readiness`))).body as PlanReadiness;
    expect(ready).toMatchObject({ ready: true, items: [{ itemId: filmId, status: 'ok' }] });

    // The copy on this disk rots: the check says which item and why.
    const path = server.services.blobs.filePath(filmSha);
    writeFileSync(path, Buffer.concat([MP4.subarray(0, 100), Buffer.from('damaged')]));
    const damaged = (await amal.get(api(`/plans/${plan.plan.id}/readiness`))).body as PlanReadiness;
    expect(damaged).toMatchObject({ ready: false, items: [{ itemId: filmId, status: 'corrupt' }] });
    // Bytes flipped in place keep the size: only the full check, which hashes the file, sees them.
    const flipped = Buffer.from(MP4);
    flipped[MP4.length - 1] = (flipped[MP4.length - 1] ?? 0) ^ 0xff;
    writeFileSync(path, flipped);
    const quick = (await amal.get(api(`/plans/${plan.plan.id}/readiness`))).body as PlanReadiness;
    const full = (await amal.get(api(`/plans/${plan.plan.id}/readiness?verify=true`))).body as PlanReadiness;
    expect([quick.ready, full.items[0]?.status]).toEqual([true, 'corrupt']);
    writeFileSync(path, MP4);
  });

  it('records a session log once, however often it is sent, and refuses a different log under its id', async () => {
    const plan = ((await amal.post(api('/plans'), planBody())).body as { plan: PlanDetail }).plan;
    const body = sessionBody(plan.id);
    const first = await amal.call('PUT', api(`/sessions/${body.id}`), body);
    expect(first.status).toBe(200);
    const stored = first.body as SessionResponse;
    expect(stored).toMatchObject({
      created: true,
      session: { reached: 28, planTitle: 'Safe water', referral: true },
    });
    expect(stored.session.facilitatorNames).toEqual(['Name of amal']);
    const again = await amal.call('PUT', api(`/sessions/${body.id}`), body);
    expect((again.body as SessionResponse).created).toBe(false);
    const changed = await amal.call('PUT', api(`/sessions/${body.id}`), { ...body, notes: 'different' });
    expect([changed.status, changed.code]).toEqual([409, 'session_conflict']);
    // The same id cannot be claimed in another tenant either.
    const foreign = await stranger.call('PUT', api(`/sessions/${body.id}`, other), body);
    expect(foreign.status).toBe(400); // its plan does not exist there
    const list = (await admin.get(api('/sessions'))).body as { items: { id: string }[] };
    expect(list.items.filter((s) => s.id === body.id)).toHaveLength(1);
  });

  it('validates counts: no negatives, nothing absurd, and totals that add up', async () => {
    const plan = ((await amal.post(api('/plans'), planBody())).body as { plan: PlanDetail }).plan;
    const put = (body: RecordSessionRequest) => amal.call('PUT', api(`/sessions/${body.id}`), body);
    const negative = sessionBody(plan.id);
    negative.attendance.female['0-5'] = -3;
    expect((await put(negative)).status).toBe(400);
    const absurd = sessionBody(plan.id);
    absurd.attendance.male['18+'] = 100000;
    expect((await put(absurd)).status).toBe(400);
    const tooMany = await put(sessionBody(plan.id, { activities: [{ stepId: 'quiz', counts: [40, 9] }] }));
    expect(tooMany.code).toBe('invalid_session');
    expect(
      (tooMany.body as { error: { details: { problems: { path: string; code: string }[] } } }).error.details
        .problems,
    ).toEqual([expect.objectContaining({ path: 'activities.0', code: 'more_than_attendance' })]);
    const disability = await put(sessionBody(plan.id, { withDisability: 29 }));
    expect(disability.code).toBe('invalid_session');
    const notMine = await put(sessionBody(plan.id, { facilitatorIds: [karimId] }));
    expect(notMine.status).toBe(403);
    const mismatch = sessionBody(plan.id);
    expect((await amal.call('PUT', api(`/sessions/${uuidv7()}`), mismatch)).code).toBe('id_mismatch');
  });

  it('keeps a session whose plan was deleted after it ran', async () => {
    const plan = ((await amal.post(api('/plans'), planBody())).body as { plan: PlanDetail }).plan;
    expect((await amal.del(api(`/plans/${plan.id}`))).status).toBe(204);
    const body = sessionBody(plan.id, { date: '2026-11-19' });
    expect((await amal.call('PUT', api(`/sessions/${body.id}`), body)).status).toBe(200);
  });

  it('reports reach by sex, age band, disability, region, period, plan and facilitator, with CSV', async () => {
    const reach = (query = '') => admin.get(api(`/reach${query}`));
    const plan = (
      (await karim.post(api('/plans'), planBody({ title: 'Breathing together' }))).body as {
        plan: PlanDetail;
      }
    ).plan;
    const before = (await reach()).body as ReachResponse;
    const attendance = emptyAttendance();
    attendance.female['0-5'] = 4;
    attendance.other['18+'] = 1;
    const log = sessionBody(plan.id, {
      facilitatorIds: [karimId, amalId],
      region: 'Aleppo',
      date: '2026-10-02',
      startedAt: '2026-10-02T15:00:00Z',
      endedAt: '2026-10-02T15:40:00Z',
      attendance,
      withDisability: 1,
      activities: [],
      checkIns: [{ stepId: 'mood', counts: { very_sad: 0, sad: 0, okay: 1, happy: 2, very_happy: 2 } }],
      referral: false,
    });
    expect((await karim.call('PUT', api(`/sessions/${log.id}`), log)).status).toBe(200);

    const after = (await reach()).body as ReachResponse;
    expect(after.sessions).toBe(before.sessions + 1);
    expect(after.reached).toBe(before.reached + 5);
    expect(after.bySex.female).toBe((before.bySex.female ?? 0) + 4);
    expect(after.byAgeBand['18+']).toBe((before.byAgeBand['18+'] ?? 0) + 1);
    expect(after.withDisability).toBe(before.withDisability + 1);
    expect(after.byRegion.find((g) => g.key === 'Aleppo')).toMatchObject({ sessions: 1, reached: 5 });
    expect(after.byPeriod.find((g) => g.key === '2026-10')).toMatchObject({ sessions: 1, reached: 5 });
    expect(after.byPlan.find((g) => g.key === plan.id)).toMatchObject({
      label: 'Breathing together',
      reached: 5,
    });
    expect(after.byFacilitator.find((g) => g.key === karimId)).toMatchObject({
      label: 'Name of karim',
      sessions: 1,
    });
    expect(after.wellbeing.find((w) => w.period === '2026-10')?.mean).toBe(4.2);

    const aleppo = (await reach('?region=Aleppo&period=year')).body as ReachResponse;
    expect([aleppo.sessions, aleppo.byPeriod.map((g) => g.key)]).toEqual([1, ['2026']]);

    // Karim sees only the sessions he facilitated; Amal co-facilitated this one, so it counts for her too.
    const karimReach = (await karim.get(api('/reach'))).body as ReachResponse;
    expect(karimReach.sessions).toBe(1);
    expect((await karim.get(api(`/reach?facilitatorId=${amalId}`))).status).toBe(403);

    const csv = await fetch(`${server.url}${api('/reach?format=csv&region=Aleppo')}`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const [header = [], ...rows] = parseCsv((await csv.text()).replace(/^\uFEFF/, '')).rows;
    expect(header).toEqual(expect.arrayContaining(['female_0-5', 'other_18+', 'total', 'with_disability']));
    expect(rows).toHaveLength(1);
    const column = (name: string) => rows[0]?.[header.indexOf(name)];
    expect([column('female_0-5'), column('other_18+'), column('total'), column('region')]).toEqual([
      '4',
      '1',
      '5',
      'Aleppo',
    ]);

    // Another tenant's reach is its own.
    expect(((await stranger.get(api('/reach', other))).body as ReachResponse).sessions).toBe(0);
  });

  it('offers facilitators the library media and the names of fellow facilitators', async () => {
    const media = (await amal.get(api('/library'))).body as {
      items: { itemId: string; kind: string; licence: string }[];
    };
    expect(media.items).toEqual([
      expect.objectContaining({ itemId: filmId, kind: 'video', licence: 'CC0-1.0' }),
    ]);
    const people = (await karim.get(api('/facilitators'))).body as {
      items: { id: string; displayName: string }[];
    };
    expect(people.items.map((p) => p.id).sort()).toEqual([amalId, karimId].sort());
    expect((await learner.get(api('/facilitators'))).status).toBe(403);
  });

  it('relays a phone remote’s key presses to the console of an open run, and to no other tenant', async () => {
    const opened = await amal.post(api('/live'));
    expect(opened.status).toBe(201);
    const { runId } = opened.body as { runId: string };
    const waiting = amal.get(api(`/live/${runId}/commands?after=0&wait=10`));
    expect((await karim.post(api(`/live/${runId}/commands`), { key: 'next' })).status).toBe(200);
    expect((await waiting).body).toEqual({ commands: [{ seq: 1, key: 'next' }], latest: 1 });
    expect((await amal.post(api(`/live/${runId}/commands`), { key: 'explode' })).status).toBe(400);
    const foreign = await stranger.post(api(`/live/${runId}/commands`, other), { key: 'next' });
    expect([foreign.status, foreign.code]).toEqual([404, 'live_run_not_found']);
    expect((await amal.get(api(`/live/${uuidv7()}/commands?wait=0`))).code).toBe('live_run_not_found');
  });
});
