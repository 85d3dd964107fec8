import type {
  AuthoringCourse,
  AuthoringCourseList,
  CourseManifest,
  PublishResponse,
  QuestionImportResponse,
} from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { client, createTenant, draft, member, quizLesson } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

type Client = ReturnType<typeof client>;

describe.each(await engines())('course authoring over HTTP on %s', (engine) => {
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => server.close());

  async function platform(): Promise<{ tenant: TenantRef; author: Client; learner: Client; base: string }> {
    const tenant = await createTenant(server, `auth-${++n}`);
    const author = await member(server, tenant, 'author', ['author']);
    const learner = await member(server, tenant, 'learner', ['learner']);
    return {
      tenant,
      author: client(server, author.cookie),
      learner: client(server, learner.cookie),
      base: `/api/t/${tenant.slug}/authoring/courses`,
    };
  }

  it('takes a draft from creation to publication', async () => {
    const { author, base } = await platform();
    const created = await author.post(base, { content: draft('Nutrition'), enrolmentPolicy: 'self' });
    expect(created.status).toBe(201);
    const course = created.json as AuthoringCourse;
    expect(course).toMatchObject({ title: 'Nutrition', enrolmentPolicy: 'self', version: 1 });

    const saved = await author.put(`${base}/${course.id}`, {
      expectedVersion: 1,
      content: { ...course.content, title: 'Nutrition basics' },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ title: 'Nutrition basics', version: 2 });

    const stale = await author.put(`${base}/${course.id}`, { expectedVersion: 1, content: course.content });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: { code: 'edit_conflict', details: { currentVersion: 2 } } });

    const invalidDraft = await author.put(`${base}/${course.id}`, {
      expectedVersion: 2,
      content: { ...course.content, language: 'English' },
    });
    expect(invalidDraft.status).toBe(400);
    expect(invalidDraft.json).toMatchObject({
      error: {
        code: 'validation_failed',
        details: { issues: [expect.objectContaining({ path: 'content.language' })] },
      },
    });

    const published = await author.post(`${base}/${course.id}/publish`);
    expect(published.status).toBe(200);
    const body = published.json as PublishResponse;
    expect(body.manifest).toMatchObject({ version: 1, title: 'Nutrition basics' });
    expect(body.course).toMatchObject({
      publishedVersion: 1,
      publishedVersionId: body.manifest.versionId,
      hasUnpublishedChanges: false,
    });

    const list = (await author.get(`${base}?q=nutri`)).json as AuthoringCourseList;
    expect(list.items.map((c) => c.id)).toEqual([course.id]);
    expect((await author.get(`${base}/${course.id}/versions`)).json).toMatchObject({
      items: [{ version: 1 }],
    });
  });

  it('keeps learners out of authoring routes', async () => {
    const { author, learner, base } = await platform();
    const course = (await author.post(base, { content: draft('Secret') })).json as AuthoringCourse;
    for (const res of [
      await learner.get(base),
      await learner.post(base, { content: draft('Mine') }),
      await learner.get(`${base}/${course.id}`),
      await learner.put(`${base}/${course.id}`, { expectedVersion: 1, content: draft('Mine') }),
      await learner.post(`${base}/${course.id}/publish`),
      await learner.del(`${base}/${course.id}`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await client(server).get(base)).status).toBe(401);
  });

  it('imports quiz questions from text/csv only, reporting every bad row', async () => {
    const { author, base } = await platform();
    const course = (await author.post(base, { content: draft('Quiz', {}, [quizLesson('Check', 1)]) }))
      .json as AuthoringCourse;
    const lessonId = course.content.modules[0]!.lessons[0]!.id;
    const url = `${base}/${course.id}/lessons/${lessonId}/questions/import`;
    const sheet = 'type,prompt,correct\ntruefalse,Fish swim.,true\ntruefalse,Stones float.,false\n';

    const asJson = await author.post(url, { csv: sheet });
    expect(asJson.status).toBe(415);
    const asText = await author.post(url, sheet, { 'content-type': 'text/plain' });
    expect(asText.status).toBe(415);

    const bad = await author.post(
      url,
      'type,prompt,correct\ntruefalse,Fine.,true\nsingle,No options,1\nwhat,Unknown type,\n',
      { 'content-type': 'text/csv' },
    );
    expect(bad.status).toBe(400);
    const errors = (bad.json as { error: { code: string; details: { errors: { row: number }[] } } }).error;
    expect(errors.code).toBe('invalid_question_csv');
    expect(new Set(errors.details.errors.map((e) => e.row))).toEqual(new Set([3, 4]));

    const ok = await author.post(`${url}?mode=replace&expectedVersion=1`, sheet, {
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(ok.status).toBe(200);
    const imported = ok.json as QuestionImportResponse;
    expect(imported.imported).toBe(2);
    expect(imported.course.version).toBe(2);
    const stale = await author.post(`${url}?expectedVersion=1`, sheet, { 'content-type': 'text/csv' });
    expect(stale.status).toBe(409);
  });

  it('serves a published version with a strong ETag and immutable caching', async () => {
    const { tenant, author, learner, base } = await platform();
    const course = (await author.post(base, { content: draft('Offline') })).json as AuthoringCourse;
    const { manifest } = (await author.post(`${base}/${course.id}/publish`)).json as PublishResponse;
    const url = `/api/t/${tenant.slug}/course-versions/${manifest.versionId}`;
    const res = await learner.get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${manifest.versionId}"`);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.text).toBe(await server.services.courses.versionManifestJson(tenant.id, manifest.versionId));
    expect((res.json as CourseManifest).title).toBe('Offline');
    const again = await learner.get(url, { 'if-none-match': `"other", "${manifest.versionId}"` });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('answers 404 for another platform’s drafts and versions', async () => {
    const a = await platform();
    const b = await platform();
    const course = (await a.author.post(a.base, { content: draft('Only in A') })).json as AuthoringCourse;
    const { manifest } = (await a.author.post(`${a.base}/${course.id}/publish`)).json as PublishResponse;

    for (const res of [
      await b.author.get(`${b.base}/${course.id}`),
      await b.author.put(`${b.base}/${course.id}`, { expectedVersion: 1, content: draft('Hijack') }),
      await b.author.post(`${b.base}/${course.id}/publish`),
      await b.author.del(`${b.base}/${course.id}`),
      await b.learner.get(`/api/t/${b.tenant.slug}/courses/${course.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ error: { code: 'course_not_found' } });
    }
    const version = await b.learner.get(`/api/t/${b.tenant.slug}/course-versions/${manifest.versionId}`);
    expect(version.status).toBe(404);
    expect(version.json).toMatchObject({ error: { code: 'course_version_not_found' } });
    // A's session cookie means nothing on B's platform.
    expect((await a.author.get(`${b.base}/${course.id}`)).status).toBe(401);
    expect(((await b.author.get(b.base)).json as AuthoringCourseList).total).toBe(0);
  });

  it('creates a language variant over HTTP', async () => {
    const { author, base } = await platform();
    const course = (await author.post(base, { content: draft('Reading') })).json as AuthoringCourse;
    const res = await author.post(`${base}/${course.id}/variants`, { language: 'ar', title: 'القراءة' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      language: 'ar',
      title: 'القراءة',
      variants: [{ courseId: course.id, language: 'en' }],
    });
  });
});
