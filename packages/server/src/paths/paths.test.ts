import type { LearningPath, PathListResponse, PathView } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import {
  client,
  createTenant,
  draft,
  member,
  publishedCourse,
  setCourseProgress,
  type Member,
} from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('learning paths on %s', (engine) => {
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => server.close());

  async function platform(): Promise<{
    tenant: TenantRef;
    author: Member;
    learner: Member;
    url: (p: string) => string;
  }> {
    const tenant = await createTenant(server, `paths-${++n}`);
    return {
      tenant,
      author: await member(server, tenant, 'author', ['author']),
      learner: await member(server, tenant, 'learner', ['learner']),
      url: (p) => `/api/t/${tenant.slug}${p}`,
    };
  }

  it('locks each course of an ordered path until the one before is complete', async () => {
    const p = await platform();
    const ids = [];
    for (const title of ['One', 'Two', 'Three'])
      ids.push((await publishedCourse(server, p.tenant.id, draft(title))).courseId);
    const unpublished = await server.services.courses.create(p.tenant.id, null, draft('Draft in between'));
    const courseIds = [ids[0]!, unpublished.id, ids[1]!, ids[2]!];
    const author = client(server, p.author.cookie);
    const created = await author.post(p.url('/authoring/paths'), {
      title: 'Foundations',
      language: 'en',
      courseIds,
      enforceOrder: true,
      published: true,
    });
    expect(created.status).toBe(201);
    const path = created.json as LearningPath;
    expect(path).toMatchObject({ courseIds, enforceOrder: true, published: true, version: 1 });

    const learner = client(server, p.learner.cookie);
    const view = async () => (await learner.get(p.url(`/paths/${path.id}`))).json as PathView;
    const locks = (v: PathView) => v.courses.map((c) => [c.title, c.locked]);
    expect(locks(await view())).toEqual([
      ['One', false],
      ['Two', true],
      ['Three', true],
    ]);

    await setCourseProgress(server.db.db, p.tenant.id, p.learner.userId, ids[0]!, {
      status: 'completed',
      percent: 100,
    });
    await setCourseProgress(server.db.db, p.tenant.id, p.learner.userId, ids[1]!, {
      status: 'in_progress',
      percent: 50,
    });
    const progressed = await view();
    expect(locks(progressed)).toEqual([
      ['One', false],
      ['Two', false],
      ['Three', true],
    ]);
    expect(progressed.courses[1]).toMatchObject({ status: 'in_progress', percent: 50 });
    expect(progressed).toMatchObject({ courseCount: 3, completedCount: 1, enrolled: false });

    const listed = (await learner.get(p.url('/paths'))).json as PathListResponse;
    expect(listed.items).toEqual([
      expect.objectContaining({ id: path.id, courseCount: 3, completedCount: 1 }),
    ]);

    await author.patch(p.url(`/authoring/paths/${path.id}`), { enforceOrder: false });
    expect(locks(await view()).every(([, locked]) => locked === false)).toBe(true);
  });

  it('hides unpublished paths from learners and keeps authoring to authors', async () => {
    const p = await platform();
    const author = client(server, p.author.cookie);
    const learner = client(server, p.learner.cookie);
    const path = (await author.post(p.url('/authoring/paths'), { title: 'Hidden', language: 'en' }))
      .json as LearningPath;
    expect((await learner.get(p.url(`/paths/${path.id}`))).status).toBe(404);
    expect(((await learner.get(p.url('/paths'))).json as PathListResponse).items).toEqual([]);
    expect((await learner.post(p.url('/authoring/paths'), { title: 'Mine', language: 'en' })).status).toBe(
      403,
    );
    expect((await learner.get(p.url('/authoring/paths'))).status).toBe(403);
    expect((await author.get(p.url('/authoring/paths'))).json).toMatchObject({
      items: [{ id: path.id, published: false }],
    });

    const stale = await author.patch(p.url(`/authoring/paths/${path.id}`), {
      title: 'Renamed',
      expectedVersion: 7,
    });
    expect(stale.status).toBe(409);
    const unknown = await author.patch(p.url(`/authoring/paths/${path.id}`), {
      courseIds: ['0190f5d2-7c4e-7a00-8000-0000000000aa'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ error: { code: 'course_not_found' } });
    expect((await author.del(p.url(`/authoring/paths/${path.id}`))).status).toBe(204);
    expect((await author.get(p.url(`/authoring/paths/${path.id}`))).status).toBe(404);
  });

  it('shows a path enrolment, and never another platform’s paths', async () => {
    const a = await platform();
    const b = await platform();
    const course = await publishedCourse(server, a.tenant.id, draft('Path course'), {
      enrolmentPolicy: 'assigned',
    });
    const path = await server.services.paths.create(a.tenant.id, {
      title: 'Assigned path',
      language: 'en',
      courseIds: [course.courseId],
      published: true,
    });
    await server.services.enrolments.enrol(a.tenant.id, {
      pathId: path.id,
      userId: a.learner.userId,
      source: 'assigned',
    });
    const view = (await client(server, a.learner.cookie).get(a.url(`/paths/${path.id}`))).json as PathView;
    expect(view.enrolled).toBe(true);
    // A path enrolment enrols in each of its courses.
    expect(await server.services.enrolments.canLearn(a.tenant.id, a.learner.userId, course.courseId)).toBe(
      true,
    );

    const foreign = client(server, b.learner.cookie);
    expect((await foreign.get(b.url(`/paths/${path.id}`))).status).toBe(404);
    expect(((await foreign.get(b.url('/paths'))).json as PathListResponse).items).toEqual([]);
    expect(
      (await client(server, b.author.cookie).patch(b.url(`/authoring/paths/${path.id}`), { title: 'Taken' }))
        .status,
    ).toBe(404);
    const crossCourse = await client(server, b.author.cookie).post(b.url('/authoring/paths'), {
      title: 'X',
      language: 'en',
      courseIds: [course.courseId],
    });
    expect(crossCourse.status).toBe(400);
  });
});
