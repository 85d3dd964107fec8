import type { ClassDetail, ClassListResponse } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn, type Client, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('classes over HTTP on %s', (engine) => {
  let server: TestServer;
  let school: Platform;
  let admin: Client;
  let teacherId: string;
  let learnerId: string;
  const base = () => `/api/t/${school.slug}/classes`;
  const make = async (body: Record<string, unknown>): Promise<ClassDetail> => {
    const res = await admin.post(base(), body);
    expect(res.status).toBe(201);
    return (res.body as { class: ClassDetail }).class;
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    school = await platform(server, 'class-school');
    await addMember(server, school, 'principal', ['admin']);
    teacherId = await addMember(server, school, 'teacher', ['educator']);
    learnerId = await addMember(server, school, 'learner', ['learner']);
    admin = await signedIn(server, school.slug, 'principal');
  });
  afterAll(async () => server.close());

  it('creates, renames and deletes a class, with unique codes', async () => {
    const c = await make({ name: 'Grade 6 Blue', code: '6B', description: 'Morning shift' });
    expect(c).toMatchObject({
      name: 'Grade 6 Blue',
      code: '6B',
      gradeId: null,
      educatorCount: 0,
      learnerCount: 0,
      members: [],
      version: 1,
    });
    const dup = await admin.post(base(), { name: 'Other', code: '6B' });
    expect([dup.status, dup.code]).toEqual([409, 'class_code_taken']);
    const renamed = await admin.patch(`${base()}/${c.id}`, { name: 'Grade 6 Indigo', version: 1 });
    expect((renamed.body as { class: ClassDetail }).class).toMatchObject({
      name: 'Grade 6 Indigo',
      version: 2,
    });
    expect((await admin.patch(`${base()}/${c.id}`, { name: 'Stale', version: 1 })).code).toBe(
      'edit_conflict',
    );
    const badGrade = await admin.patch(`${base()}/${c.id}`, { gradeId: 'no-such-grade' });
    expect(badGrade.code).toBe('grade_not_found');
    expect((await admin.del(`${base()}/${c.id}`)).status).toBe(204);
    expect((await admin.get(`${base()}/${c.id}`)).code).toBe('class_not_found');
    await make({ name: 'Reuses the code', code: '6B' });
  });

  it('adds, re-roles and removes members', async () => {
    const c = await make({ name: 'Science club' });
    const path = `${base()}/${c.id}/members`;
    expect((await admin.post(path, { userId: teacherId, role: 'educator' })).status).toBe(200);
    const added = await admin.post(path, { userId: learnerId, role: 'learner' });
    expect((added.body as { class: ClassDetail }).class).toMatchObject({ educatorCount: 1, learnerCount: 1 });
    expect((added.body as { class: ClassDetail }).class.members).toEqual([
      { userId: teacherId, username: 'teacher', displayName: 'Name of teacher', role: 'educator' },
      { userId: learnerId, username: 'learner', displayName: 'Name of learner', role: 'learner' },
    ]);
    const removed = await admin.del(path, { userId: learnerId });
    expect((removed.body as { class: ClassDetail }).class.learnerCount).toBe(0);
    expect((await admin.del(path, { userId: learnerId })).code).toBe('class_member_not_found');
    const back = await admin.post(path, { userId: learnerId, role: 'educator' });
    expect((back.body as { class: ClassDetail }).class).toMatchObject({ educatorCount: 2, learnerCount: 0 });
    const places = await server.db.db
      .selectFrom('class_members')
      .selectAll()
      .where('class_id', '=', c.id)
      .execute();
    expect(places).toHaveLength(2);
    expect(places.find((p) => p.user_id === learnerId)).toMatchObject({
      role: 'educator',
      deleted_at: null,
      version: 3,
    });
    expect((await admin.post(path, { userId: learnerId, role: 'principal' })).code).toBe('validation_failed');
  });

  it('shows an educator only the classes they teach', async () => {
    const theirs = await make({ name: 'Teacher’s own' });
    const other = await make({ name: 'Someone else’s' });
    await server.services.classes.addMember(school.id, theirs.id, teacherId, 'educator');
    await server.services.classes.addMember(school.id, other.id, learnerId, 'educator');
    const teacher = await signedIn(server, school.slug, 'teacher');
    const all = (await teacher.get(base())).body as ClassListResponse;
    expect(all.items.map((c) => c.name)).toContain('Teacher’s own');
    expect(all.items.map((c) => c.name)).not.toContain('Someone else’s');
    const mine = (await teacher.get(`${base()}?mine=true`)).body as ClassListResponse;
    expect(mine.items.map((c) => c.id).sort()).toEqual(all.items.map((c) => c.id).sort());
    expect((await teacher.get(`${base()}/${theirs.id}`)).status).toBe(200);
    expect((await teacher.get(`${base()}/${other.id}`)).code).toBe('class_not_found');
    expect((await teacher.post(base(), { name: 'Not allowed' })).status).toBe(403);
    expect((await teacher.patch(`${base()}/${theirs.id}`, { name: 'Not allowed' })).status).toBe(403);

    const adminMine = (await admin.get(`${base()}?mine=true`)).body as ClassListResponse;
    expect(adminMine.total).toBe(0);
    const adminAll = (await admin.get(`${base()}?q=someone`)).body as ClassListResponse;
    expect(adminAll.items.map((c) => c.name)).toEqual(['Someone else’s']);
  });

  it('keeps learners out of class management', async () => {
    const learner = await signedIn(server, school.slug, 'learner');
    expect((await learner.get(base())).status).toBe(403);
  });
});
