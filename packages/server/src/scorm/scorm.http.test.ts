import { lessonActivityId, uuidv7, VERBS, type ScormSnapshot } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { client, createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { scorm12Files, scorm12Zip, scorm2004Zip, zipOf } from './fixtures/scorm-fixtures.js';

const SUSPENDED = 'http://adlnet.gov/expapi/verbs/suspended';

function snapshot(extra: Partial<ScormSnapshot> = {}): ScormSnapshot {
  return {
    completion: 'incomplete',
    success: 'unknown',
    scoreScaled: null,
    scoreRaw: null,
    scoreMin: null,
    scoreMax: null,
    location: '',
    suspendData: '',
    exit: '',
    sessionSeconds: 0,
    progressMeasure: null,
    ...extra,
  };
}

describe.each(await engines())('SCORM over HTTP on %s', (engine) => {
  let server: TestServer;
  let tenant: TenantRef;
  let author: Member;
  let ana: Member;
  let bea: Member;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    tenant = await createTenant(server, 'scorm-a');
    await createTenant(server, 'scorm-b');
    author = await member(server, tenant, 'author', ['author']);
    ana = await member(server, tenant, 'ana', ['learner']);
    const other = await server.services.tenants.bySlug('scorm-b');
    bea = await member(server, other!, 'bea', ['learner']);
  });
  afterAll(async () => {
    await server.services.progress.flushed();
    await server.close();
  });

  const upload = (zip: Uint8Array, query = '', cookie = author.cookie) =>
    fetch(`${server.url}/api/t/scorm-a/scorm/imports${query}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/zip' },
      body: zip,
    }).then(async (res) => ({ status: res.status, json: (await res.json()) as Record<string, unknown> }));

  const count = async (table: 'courses' | 'scorm_attempts') =>
    (await server.db.db.selectFrom(table).select('id').where('tenant_id', '=', tenant.id).execute()).length;

  async function publish(courseId: string): Promise<string> {
    const res = await client(server, author.cookie).post(
      `/api/t/scorm-a/authoring/courses/${courseId}/publish`,
    );
    expect(res.status).toBe(200);
    return (res.json as { manifest: { versionId: string } }).manifest.versionId;
  }

  it('refuses bad packages with the file and the rule, creating nothing', async () => {
    const before = await count('courses');
    const { 'sco/index.html': _, ...missing } = scorm12Files();
    const cases: [Uint8Array, string, string][] = [
      [zipOf(missing), 'sco/index.html', 'missing_file'],
      [zipOf({ ...scorm12Files(), 'h5p.json': '{}' }), 'h5p.json', 'other_standard'],
      [zipOf({ 'index.html': '<p>hi</p>' }), 'imsmanifest.xml', 'missing_manifest'],
      [new TextEncoder().encode('not a zip at all'), '', 'not_a_zip'],
    ];
    for (const [zip, file, rule] of cases) {
      const res = await upload(zip);
      expect(res.status).toBe(400);
      const error = res.json.error as { details: { file?: string; entry?: string | null; rule: string } };
      expect(error.details.rule).toBe(rule);
      if (file) expect(error.details.file).toBe(file);
    }
    expect(await count('courses')).toBe(before);
    expect((await upload(scorm12Zip(), '', ana.cookie)).status).toBe(403);
  });

  it('imports a SCORM 1.2 package as a course, serves its SCO with the run-time, and resumes a learner', async () => {
    const res = await upload(scorm12Zip(), '?language=en');
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      version: '1.2',
      title: 'The water cycle & rain',
      launchable: 1,
      files: 3,
    });
    const { courseId, lessonId } = res.json as { courseId: string; lessonId: string };
    const versionId = await publish(courseId);

    const page = await fetch(`${server.url}/api/t/scorm-a/scorm/${versionId}/${lessonId}/sco/index.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(
      'sandbox allow-scripts allow-forms allow-popups',
    );
    expect(await page.text()).toContain('<head><script src="/api/scorm-runtime/1.2.js"></script>');
    const asset = await fetch(
      `${server.url}/api/t/scorm-a/scorm/${versionId}/${lessonId}/sco/scripts/apiwrapper.js`,
    );
    expect(await asset.text()).toContain('function findAPI');
    const runtime = await fetch(`${server.url}/api/scorm-runtime/1.2.js`);
    expect(await runtime.text()).toContain('satchel-scorm');
    // Another tenant cannot reach these files, whatever ids it knows.
    expect(
      (await fetch(`${server.url}/api/t/scorm-b/scorm/${versionId}/${lessonId}/sco/index.html`)).status,
    ).toBe(404);

    const learner = client(server, ana.cookie);
    const base = `/api/t/scorm-a/courses/${courseId}/lessons/${lessonId}/scorm`;
    expect((await learner.get(`${base}?versionId=${versionId}`)).json).toMatchObject({
      attemptId: null,
      states: {},
      learner: { id: ana.userId },
    });

    const attemptId = uuidv7();
    const sessionId = uuidv7();
    let minute = 0;
    const commit = (seq: number, event: string, snap: ScormSnapshot, session = sessionId) =>
      learner.post(`${base}/commits`, {
        attemptId,
        versionId,
        itemId: 'item-1',
        sessionId: session,
        seq,
        event,
        at: new Date(Date.UTC(2026, 4, 1, 10, minute, seq)).toISOString(),
        snapshot: snap,
      });
    expect((await commit(1, 'initialize', snapshot())).json).toMatchObject({ applied: true });
    const suspended = snapshot({ location: '3', suspendData: '2', exit: 'suspend', sessionSeconds: 95 });
    expect((await commit(2, 'terminate', suspended)).json).toMatchObject({ applied: true });
    // Replays (an offline queue sending twice) change nothing.
    expect((await commit(2, 'terminate', suspended)).json).toMatchObject({ applied: false });
    expect((await commit(1, 'initialize', snapshot())).json).toMatchObject({ applied: false });

    const resumed = (await learner.get(`${base}?versionId=${versionId}`)).json as {
      attemptId: string;
      lastItemId: string;
      states: Record<string, { location: string; suspendData: string; exit: string; totalSeconds: number }>;
    };
    expect(resumed).toMatchObject({ attemptId, lastItemId: 'item-1' });
    expect(resumed.states['item-1']).toMatchObject({
      location: '3',
      suspendData: '2',
      exit: 'suspend',
      totalSeconds: 95,
    });

    // A second session adds its time and finishes: passed, 90.
    const second = uuidv7();
    minute = 5;
    await commit(1, 'initialize', snapshot({ location: '3', suspendData: '2' }), second);
    const passed = snapshot({
      completion: 'completed',
      success: 'passed',
      scoreRaw: 90,
      scoreMin: 0,
      scoreMax: 100,
      scoreScaled: 0.9,
      location: '3',
      sessionSeconds: 30,
    });
    expect((await commit(2, 'terminate', passed, second)).json).toMatchObject({
      applied: true,
      lesson: { completed: true, success: 'passed', scaled: 0.9, progress: 1 },
    });
    const state = (await learner.get(`${base}?versionId=${versionId}`)).json as {
      states: Record<string, { totalSeconds: number }>;
    };
    expect(state.states['item-1']?.totalSeconds).toBe(125);

    const rows = await server.db.db
      .selectFrom('statements')
      .select(['verb_id', 'object_id'])
      .where('tenant_id', '=', tenant.id)
      .where('user_id', '=', ana.userId)
      .execute();
    const lessonIri = lessonActivityId(lessonId);
    const onLesson = rows.filter((r) => r.object_id === lessonIri).map((r) => r.verb_id);
    expect(onLesson.filter((v) => v === VERBS.initialized)).toHaveLength(2);
    expect(onLesson).toEqual(
      expect.arrayContaining([SUSPENDED, VERBS.terminated, VERBS.completed, VERBS.passed]),
    );
    expect(onLesson.filter((v) => v === VERBS.completed)).toHaveLength(1);

    await server.services.progress.flushed();
    const progress = await server.db.db
      .selectFrom('lesson_progress')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('user_id', '=', ana.userId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
    expect(progress).toMatchObject({ status: 'completed', best_score: 0.9, attempts: 1 });

    // The attempt id is Ana's: nobody else (nor another tenant) can write to it.
    const other = client(server, bea.cookie);
    const foreign = await other.post(`/api/t/scorm-b/courses/${courseId}/lessons/${lessonId}/scorm/commits`, {
      attemptId,
      versionId,
      itemId: 'item-1',
      sessionId: uuidv7(),
      seq: 1,
      event: 'commit',
      at: new Date().toISOString(),
      snapshot: snapshot(),
    });
    expect(foreign.status).toBe(404);
  });

  it('adds a SCORM 2004 package to an existing draft as a lesson with its table of contents', async () => {
    const first = await upload(scorm12Zip());
    const courseId = (first.json as { courseId: string }).courseId;
    const res = await upload(scorm2004Zip('3rd'), `?courseId=${courseId}&title=Plants`);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ courseId, version: '2004-3', title: 'Plants', launchable: 3 });
    const draft = await client(server, author.cookie).get(`/api/t/scorm-a/authoring/courses/${courseId}`);
    const lessons = (
      draft.json as { content: { modules: { lessons: { kind: string; title: string }[] }[] } }
    ).content.modules.flatMap((m) => m.lessons);
    expect(lessons.map((l) => [l.kind, l.title])).toEqual([
      ['scorm', 'The water cycle & rain'],
      ['scorm', 'Plants'],
    ]);
    const missing = await upload(scorm2004Zip(), `?courseId=${uuidv7()}`);
    expect(missing.status).toBe(404);
  });
});
