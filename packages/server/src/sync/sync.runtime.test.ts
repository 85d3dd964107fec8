import { ACTOR_HOMEPAGE, lessonActivityId, PROTOCOL_VERSION, uuidv7 } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { client, PASSWORD, signedIn } from '../test-support/identity.js';
import { LrsDocumentsRepo } from '../lrs-documents/lrs-documents.repo.js';
import { lessonOf } from '../test-support/learning-fixtures.js';
import { PAGE_BYTES } from './sync.feed.js';
import { bestScore, publishEverywhere, quizAttemptIds, stateClient } from './sync.kinds.test-support.js';
import { register, startTree, type Tree } from './sync.test-support.js';

// Learners' run-time records travel between a hub and the national server (protocol 2):
// quiz attempts (union by id), SCORM / cmi5 run-time data and xAPI documents (last writer
// by HLC, the loser in the conflict log).

let tree: Tree | null = null;
afterEach(async () => {
  await tree?.close();
  tree = null;
});

const QUESTIONS = [
  { id: 'sum', type: 'numeric', prompt: '2 + 2?', answer: 4 },
  { id: 'sky', type: 'truefalse', prompt: 'The sky is green.', correct: false },
];

const snapshot = (location: string, suspendData: string) => ({
  completion: 'incomplete',
  success: 'unknown',
  scoreScaled: null,
  scoreRaw: null,
  scoreMin: null,
  scoreMax: null,
  location,
  suspendData,
  exit: 'suspend',
  sessionSeconds: 40,
  progressMeasure: 0.5,
});

async function synced(...servers: Tree['national'][]): Promise<void> {
  for (const s of servers) {
    const [r] = await s.services.sync.client.syncAll();
    expect(r?.error).toBeNull();
  }
}

describe.each(await engines())(
  'run-time records between a hub and the national server on %s',
  { timeout: 180_000 },
  (engine) => {
    it('a quiz attempt taken on a hub arrives upstream once, with the right best score', async () => {
      tree = await startTree(engine, 1);
      const { national, tenant, learnerId } = tree;
      const hub = tree.hubs[0]!;
      await register(hub, national, 'School A');
      await synced(hub);
      const course = await publishEverywhere(national, [hub], tenant.id, {
        quiz: lessonOf('quiz', { questions: QUESTIONS }),
      });
      const url = `/api/t/nation/courses/${course.courseId}/lessons/${course.lessons.quiz!}/attempts`;
      const attempt = (sum: number) => ({
        attemptId: uuidv7(),
        versionId: course.versionId,
        responses: { sum, sky: false },
        startedAt: '2026-05-01T10:00:00.000Z',
        submittedAt: '2026-05-01T10:03:30.000Z',
      });
      const learner = await signedIn(hub, 'nation', 'amina', PASSWORD);
      const weak = attempt(5);
      const strong = attempt(4);
      expect((await learner.post(url, weak)).status).toBe(200);
      expect((await learner.post(url, strong)).status).toBe(200);
      // The device also sent the strong attempt straight to the national server (a retry elsewhere).
      const direct = await signedIn(national, 'nation', 'amina', PASSWORD);
      expect((await direct.post(url, strong)).status).toBe(200);

      await synced(hub, hub);
      const both = [weak.attemptId, strong.attemptId].sort();
      expect(await quizAttemptIds(national, tenant.id, learnerId)).toEqual(both);
      expect(await quizAttemptIds(hub, tenant.id, learnerId)).toEqual(both);
      const listed = await direct.get(url);
      expect((listed.body as { attemptsUsed: number }).attemptsUsed).toBe(2);
      const hubBest = await bestScore(hub, tenant.id, learnerId, course.lessons.quiz!);
      expect(hubBest).toBe(1);
      expect(await bestScore(national, tenant.id, learnerId, course.lessons.quiz!)).toBe(hubBest);
    });

    it('SCORM data written on a hub resumes on the national server, cmi5 registrations and state travel', async () => {
      tree = await startTree(engine, 1);
      const { national, tenant, learnerId } = tree;
      const hub = tree.hubs[0]!;
      await register(hub, national, 'School A');
      await synced(hub);
      const course = await publishEverywhere(national, [hub], tenant.id, {
        scorm: lessonOf('scorm'),
        au: lessonOf('cmi5'),
      });
      const learner = await signedIn(hub, 'nation', 'amina', PASSWORD);
      const base = `/api/t/nation/courses/${course.courseId}/lessons/${course.lessons.scorm!}/scorm`;
      const attemptId = uuidv7();
      const commit = await learner.post(`${base}/commits`, {
        attemptId,
        versionId: course.versionId,
        itemId: 'sco',
        sessionId: uuidv7(),
        seq: 1,
        event: 'commit',
        // A commit relayed late: its own time is old, it still travels.
        at: '2026-05-01T10:00:00.000Z',
        snapshot: snapshot('page-7', 'chapter=2;answers=abc'),
      });
      expect(commit.status).toBe(200);
      const launched = await learner.post('/api/t/nation/cmi5/launches', {
        versionId: course.versionId,
        lessonId: course.lessons.au!,
      });
      expect(launched.status).toBe(201);
      const registration = (launched.body as { registration: string }).registration;
      const activityId = lessonActivityId(course.lessons.au!);
      const onHub = await stateClient(hub, tenant.id);
      const bookmark = { activityId, userId: learnerId, stateId: 'bookmark', registration };
      expect((await onHub('PUT', bookmark, { slide: 12 })).status).toBe(204);

      await synced(hub);
      const upstream = await signedIn(national, 'nation', 'amina', PASSWORD);
      const resumed = await upstream.get(`${base}?versionId=${course.versionId}`);
      expect(resumed.body).toMatchObject({
        attemptId,
        lastItemId: 'sco',
        states: { sco: { location: 'page-7', suspendData: 'chapter=2;answers=abc', totalSeconds: 40 } },
      });
      // Launching upstream goes on in the same registration, where the AU finds its state.
      const again = await upstream.post('/api/t/nation/cmi5/launches', {
        versionId: course.versionId,
        lessonId: course.lessons.au!,
      });
      expect((again.body as { registration: string }).registration).toBe(registration);
      const onNational = await stateClient(national, tenant.id);
      const read = await onNational('GET', bookmark);
      expect([read.status, JSON.parse(read.text)]).toEqual([200, { slide: 12 }]);
      expect(read.etag).toBe((await onHub('GET', bookmark)).etag);
    });

    it('converges concurrent edits of one state document on both sides, the loser in the conflict log', async () => {
      tree = await startTree(engine, 1);
      const { national, tenant, learnerId } = tree;
      const hub = tree.hubs[0]!;
      await register(hub, national, 'School A');
      await synced(hub);
      const doc = { activityId: 'https://example.org/game', userId: learnerId, stateId: 'progress' };
      const onHub = await stateClient(hub, tenant.id);
      const onNational = await stateClient(national, tenant.id);
      expect((await onHub('PUT', doc, { level: 1 })).status).toBe(204);
      await synced(hub);
      // Both sides edit it while apart; the national edit is the later one.
      expect((await onHub('PUT', doc, { level: 3, side: 'hub' })).status).toBe(204);
      await new Promise((r) => setTimeout(r, 5));
      expect((await onNational('PUT', doc, { level: 2, side: 'national' })).status).toBe(204);
      await synced(hub, hub);
      for (const read of [onHub, onNational]) {
        const got = await read('GET', doc);
        expect(JSON.parse(got.text)).toEqual({ level: 2, side: 'national' });
      }
      for (const server of [hub, national]) {
        const log = await server.services.sync.service.conflicts(tenant.id, 10, 0);
        expect(log.items).toHaveLength(1);
        const entry = log.items[0]!;
        expect([entry.kind, entry.field]).toEqual(['xapi_document', 'document']);
        const loser = JSON.parse(String(entry.loserValue)) as { content: string };
        expect(JSON.parse(Buffer.from(loser.content, 'base64').toString('utf8'))).toEqual({
          level: 3,
          side: 'hub',
        });
      }
      // A deletion travels too (a tombstone), and writing the document again revives it.
      expect((await onHub('DELETE', doc)).status).toBe(204);
      await synced(hub);
      expect((await onNational('GET', doc)).status).toBe(404);
      expect((await onNational('PUT', doc, { level: 1 })).status).toBe(204);
      await synced(hub);
      expect(JSON.parse((await onHub('GET', doc)).text)).toEqual({ level: 1 });
    });

    it('converges SCORM data and cmi5 registrations made on both sides, the losers in the conflict log', async () => {
      tree = await startTree(engine, 1);
      const { national, tenant } = tree;
      const hub = tree.hubs[0]!;
      await register(hub, national, 'School A');
      await synced(hub);
      const course = await publishEverywhere(national, [hub], tenant.id, {
        scorm: lessonOf('scorm'),
        au: lessonOf('cmi5'),
      });
      const launch = async (learner: Awaited<ReturnType<typeof signedIn>>) => {
        const res = await learner.post('/api/t/nation/cmi5/launches', {
          versionId: course.versionId,
          lessonId: course.lessons.au!,
        });
        return (res.body as { registration: string }).registration;
      };
      const base = `/api/t/nation/courses/${course.courseId}/lessons/${course.lessons.scorm!}/scorm`;
      const attemptId = uuidv7();
      const commit = (learner: Awaited<ReturnType<typeof signedIn>>, location: string) =>
        learner.post(`${base}/commits`, {
          attemptId,
          versionId: course.versionId,
          itemId: 'sco',
          sessionId: uuidv7(),
          seq: 1,
          event: 'commit',
          at: new Date().toISOString(),
          snapshot: snapshot(location, `at ${location}`),
        });
      const onHub = await signedIn(hub, 'nation', 'amina', PASSWORD);
      const onNational = await signedIn(national, 'nation', 'amina', PASSWORD);
      expect((await commit(onHub, 'page-1')).status).toBe(200);
      await synced(hub);
      // The learner goes on on both sides while they are apart; the national commit is later.
      expect((await commit(onHub, 'page-4')).status).toBe(200);
      const hubRegistration = await launch(onHub);
      await new Promise((r) => setTimeout(r, 5));
      expect((await commit(onNational, 'page-6')).status).toBe(200);
      const nationalRegistration = await launch(onNational);
      await synced(hub, hub);
      // Each side made the learner's first registration; the later one is kept on both.
      expect(await launch(onHub)).toBe(nationalRegistration);
      expect(await launch(onNational)).toBe(nationalRegistration);
      for (const learner of [onHub, onNational]) {
        const resumed = await learner.get(`${base}?versionId=${course.versionId}`);
        expect(resumed.body).toMatchObject({
          attemptId,
          states: { sco: { location: 'page-6', suspendData: 'at page-6' } },
        });
      }
      for (const server of [hub, national]) {
        const log = await server.services.sync.service.conflicts(tenant.id, 100, 0);
        const states = log.items.filter((c) => c.kind === 'scorm_item_state');
        expect(states.map((c) => c.field)).toEqual(['state']);
        expect(JSON.parse(String(states[0]!.loserValue))).toMatchObject({ location: 'page-4' });
        const registrations = log.items.filter(
          (c) => c.kind === 'cmi5_registration' && c.field === 'registration',
        );
        expect(registrations.map((c) => [c.loserValue, c.winnerValue])).toEqual([
          [hubRegistration, nationalRegistration],
        ]);
      }
    });

    it('brings a learner’s run-time records to a hub that did not have them, at sign-in', async () => {
      tree = await startTree(engine, 1);
      const { national, tenant, learnerId } = tree;
      const hub = tree.hubs[0]!;
      // A hub scoped to another class never got amina's records through its feed.
      const cls = await national.services.classes.create(tenant.id, { name: 'Elsewhere' });
      await register(hub, national, 'Other class', [cls.id]);
      const course = await publishEverywhere(national, [hub], tenant.id, {
        quiz: lessonOf('quiz', { questions: QUESTIONS }),
        scorm: lessonOf('scorm'),
      });
      const upstream = await signedIn(national, 'nation', 'amina', PASSWORD);
      const quizUrl = `/api/t/nation/courses/${course.courseId}/lessons/${course.lessons.quiz!}/attempts`;
      const attemptId = uuidv7();
      const submitted = await upstream.post(quizUrl, {
        attemptId,
        versionId: course.versionId,
        responses: { sum: 4, sky: false },
        startedAt: '2026-05-01T10:00:00.000Z',
        submittedAt: '2026-05-01T10:03:30.000Z',
      });
      expect(submitted.status).toBe(200);
      const base = `/api/t/nation/courses/${course.courseId}/lessons/${course.lessons.scorm!}/scorm`;
      const scormAttempt = uuidv7();
      await upstream.post(`${base}/commits`, {
        attemptId: scormAttempt,
        versionId: course.versionId,
        itemId: 'sco',
        sessionId: uuidv7(),
        seq: 1,
        event: 'commit',
        at: new Date().toISOString(),
        snapshot: snapshot('p3', 'saved'),
      });
      const doc = { activityId: 'https://example.org/game', userId: learnerId, stateId: 'progress' };
      expect((await (await stateClient(national, tenant.id))('PUT', doc, { level: 9 })).status).toBe(204);

      await synced(hub);
      expect(await quizAttemptIds(hub, tenant.id, learnerId)).toEqual([]);
      const learner = await signedIn(hub, 'nation', 'amina', PASSWORD);
      expect(await quizAttemptIds(hub, tenant.id, learnerId)).toEqual([attemptId]);
      const resumed = await learner.get(`${base}?versionId=${course.versionId}`);
      expect(resumed.body).toMatchObject({ attemptId: scormAttempt, states: { sco: { location: 'p3' } } });
      const read = await (await stateClient(hub, tenant.id))('GET', doc);
      expect(JSON.parse(read.text)).toEqual({ level: 9 });
    });

    it('cuts a feed of large documents into pages that fit a sync request', async () => {
      tree = await startTree(engine, 0);
      const { national, tenant, learnerId } = tree;
      const repo = new LrsDocumentsRepo(national.db.db);
      const big = Buffer.alloc(4 * 1024 * 1024, 'x');
      for (const stateId of ['a', 'b', 'c']) {
        const key = {
          tenantId: tenant.id,
          kind: 'state' as const,
          activityId: 'https://example.org/big',
          agentKey: `account:${ACTOR_HOMEPAGE}|${learnerId}`,
          registration: '',
          documentId: stateId,
        };
        const doc = {
          contentType: 'text/plain',
          content: big,
          etag: stateId,
          updated: new Date().toISOString(),
        };
        expect(await repo.write(key, doc, { kind: 'any' })).toBe(true);
      }
      const documents: string[] = [];
      for await (const page of national.services.sync.service.exportChanges(tenant.id, {})) {
        const bytes = page.records.reduce((n, r) => n + JSON.stringify(r.fields ?? {}).length, 0);
        if (page.records.length > 1) expect(bytes).toBeLessThanOrEqual(PAGE_BYTES);
        documents.push(...page.records.filter((r) => r.kind === 'xapi_document').map((r) => r.id));
      }
      expect(documents).toHaveLength(3);
    });

    it('refuses a hub speaking the protocol before these kinds with protocol_unsupported', async () => {
      tree = await startTree(engine, 1);
      const { national } = tree;
      const hub = tree.hubs[0]!;
      await register(hub, national, 'Old hub');
      const link = (await hub.services.sync.service.repo.links())[0]!;
      const instance = await hub.services.sync.service.instanceId();
      const headers = { 'x-satchel-hub': `${link.hub_id}.${link.secret}` };
      const old = PROTOCOL_VERSION - 1;
      const pull = await client(national).call(
        'POST',
        '/api/t/nation/sync/pull',
        { protocol: old, instance, since: {}, cursor: null },
        headers,
      );
      expect([pull.status, pull.code]).toEqual([400, 'protocol_unsupported']);
      const push = await client(national).call(
        'POST',
        '/api/t/nation/sync/push',
        { protocol: old, instance, records: [] },
        headers,
      );
      expect([push.status, push.code]).toEqual([400, 'protocol_unsupported']);
      const current = await client(national).call(
        'POST',
        '/api/t/nation/sync/pull',
        { protocol: PROTOCOL_VERSION, instance, since: {}, cursor: null },
        headers,
      );
      expect(current.status).toBe(200);
    });
  },
);
