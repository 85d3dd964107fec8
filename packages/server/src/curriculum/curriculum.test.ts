import type {
  CategoryListResponse,
  CurriculumFramework,
  CurriculumItem,
  CurriculumResponse,
} from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { client, createTenant, member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('curriculum and categories on %s', (engine) => {
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => server.close());

  async function setup(): Promise<{
    tenant: TenantRef;
    author: ReturnType<typeof client>;
    learner: ReturnType<typeof client>;
  }> {
    const tenant = await createTenant(server, `cur-${++n}`);
    const author = await member(server, tenant, 'author', ['author']);
    const learner = await member(server, tenant, 'learner', ['learner']);
    return { tenant, author: client(server, author.cookie), learner: client(server, learner.cookie) };
  }

  it('builds a framework of subjects, ordered grades and coded outcomes that everyone can read', async () => {
    const { tenant, author, learner } = await setup();
    const base = `/api/t/${tenant.slug}/curriculum/frameworks`;
    const created = await author.post(base, {
      code: 'NC-2024',
      name: { en: 'National curriculum', fr: 'Programme national' },
    });
    expect(created.status).toBe(201);
    const fw = created.json as CurriculumFramework;
    const add = async (body: Record<string, unknown>) =>
      (await author.post(`${base}/${fw.id}/items`, body)).json as CurriculumItem;
    const maths = await add({ kind: 'subject', code: 'MATH', name: { en: 'Mathematics', ar: 'الرياضيات' } });
    const g2 = await add({ kind: 'grade', code: 'G2', name: { en: 'Grade 2' } });
    const g1 = await add({ kind: 'grade', code: 'G1', name: { en: 'Grade 1' } });
    const outcome = await add({
      kind: 'outcome',
      code: 'MATH.1.1',
      name: { en: 'Counts to 100' },
      subjectId: maths.id,
      gradeId: g1.id,
    });
    expect(outcome).toMatchObject({ kind: 'outcome', subjectId: maths.id, gradeId: g1.id });

    const reordered = await author.put(`${base}/${fw.id}/order`, { kind: 'grade', itemIds: [g1.id, g2.id] });
    expect(reordered.status).toBe(200);

    const read = await learner.get(`/api/t/${tenant.slug}/curriculum`);
    expect(read.status).toBe(200);
    const tree = (read.json as CurriculumResponse).frameworks[0]!;
    expect(tree.name).toEqual({ en: 'National curriculum', fr: 'Programme national' });
    expect(tree.subjects.map((s) => s.name.ar)).toEqual(['الرياضيات']);
    expect(tree.grades.map((g) => g.code)).toEqual(['G1', 'G2']);
    expect(tree.outcomes.map((o) => o.code)).toEqual(['MATH.1.1']);
  });

  it('refuses outcomes without a subject and grade of the same framework, and duplicate codes', async () => {
    const { tenant, author } = await setup();
    const base = `/api/t/${tenant.slug}/curriculum/frameworks`;
    const fw = (await author.post(base, { code: 'A', name: { en: 'A' } })).json as CurriculumFramework;
    const other = (await author.post(base, { code: 'B', name: { en: 'B' } })).json as CurriculumFramework;
    const subject = (
      await author.post(`${base}/${fw.id}/items`, { kind: 'subject', code: 'S', name: { en: 'S' } })
    ).json as CurriculumItem;
    const foreignGrade = (
      await author.post(`${base}/${other.id}/items`, { kind: 'grade', code: 'G', name: { en: 'G' } })
    ).json as CurriculumItem;

    const noGrade = await author.post(`${base}/${fw.id}/items`, {
      kind: 'outcome',
      code: 'O',
      name: { en: 'O' },
      subjectId: subject.id,
    });
    expect(noGrade.status).toBe(400);
    expect(noGrade.json).toMatchObject({ error: { code: 'curriculum_link_invalid' } });
    const crossed = await author.post(`${base}/${fw.id}/items`, {
      kind: 'outcome',
      code: 'O',
      name: { en: 'O' },
      subjectId: subject.id,
      gradeId: foreignGrade.id,
    });
    expect(crossed.status).toBe(400);
    const dup = await author.post(`${base}/${fw.id}/items`, {
      kind: 'subject',
      code: 'S',
      name: { en: 'Again' },
    });
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ error: { code: 'curriculum_code_taken' } });
    const dupFramework = await author.post(base, { code: 'A', name: { en: 'A again' } });
    expect(dupFramework.status).toBe(409);
    const emptyName = await author.post(base, { code: 'C', name: {} });
    expect(emptyName.status).toBe(400);
  });

  it('keeps a subject that outcomes use, and brings a deleted entry back with its id', async () => {
    const { tenant } = await setup();
    const svc = server.services.curriculum;
    const fw = await svc.createFramework(tenant.id, { code: 'K', name: { en: 'K' } });
    const subject = await svc.addItem(tenant.id, fw.id, { kind: 'subject', code: 'S', name: { en: 'S' } });
    const grade = await svc.addItem(tenant.id, fw.id, { kind: 'grade', code: 'G', name: { en: 'G' } });
    const outcome = await svc.addItem(tenant.id, fw.id, {
      kind: 'outcome',
      code: 'O',
      name: { en: 'O' },
      subjectId: subject.id,
      gradeId: grade.id,
    });
    await expect(svc.deleteItem(tenant.id, fw.id, subject.id)).rejects.toMatchObject({
      status: 409,
      code: 'curriculum_item_in_use',
    });
    await svc.deleteItem(tenant.id, fw.id, outcome.id);
    await svc.deleteItem(tenant.id, fw.id, subject.id);
    expect((await svc.frameworkTree(tenant.id, fw.id)).subjects).toEqual([]);
    const again = await svc.addItem(tenant.id, fw.id, {
      kind: 'subject',
      code: 'S',
      name: { en: 'Science' },
    });
    expect(again.id).toBe(subject.id);
    expect(again.name).toEqual({ en: 'Science' });
  });

  it('refuses a stale framework edit with edit_conflict', async () => {
    const { tenant, author } = await setup();
    const base = `/api/t/${tenant.slug}/curriculum/frameworks`;
    const fw = (await author.post(base, { code: 'E', name: { en: 'E' } })).json as CurriculumFramework;
    expect(
      (await author.patch(`${base}/${fw.id}`, { name: { en: 'E2' }, expectedVersion: fw.version })).status,
    ).toBe(200);
    const stale = await author.patch(`${base}/${fw.id}`, { name: { en: 'E3' }, expectedVersion: fw.version });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: { code: 'edit_conflict' } });
  });

  it('lets only admins and authors edit, and keeps each platform’s curriculum to itself', async () => {
    const { tenant, author, learner } = await setup();
    const other = await setup();
    const base = `/api/t/${tenant.slug}/curriculum/frameworks`;
    expect((await learner.post(base, { code: 'X', name: { en: 'X' } })).status).toBe(403);
    expect((await learner.get(base)).status).toBe(403);
    const fw = (await author.post(base, { code: 'X', name: { en: 'X' } })).json as CurriculumFramework;
    // The other platform's author, on their own platform, cannot reach this framework by id.
    const foreign = await other.author.get(`/api/t/${other.tenant.slug}/curriculum/frameworks/${fw.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toMatchObject({ error: { code: 'framework_not_found' } });
    expect(
      ((await other.learner.get(`/api/t/${other.tenant.slug}/curriculum`)).json as CurriculumResponse)
        .frameworks,
    ).toEqual([]);
  });

  it('shows the curriculum to strangers only on platforms anyone may join', async () => {
    const open = await setup();
    const closed = await server.services.tenants.create({
      slug: `closed-${++n}`,
      name: 'Closed',
      signupPolicy: 'admin',
    });
    const anonymous = client(server);
    expect((await anonymous.get(`/api/t/${open.tenant.slug}/curriculum`)).status).toBe(200);
    expect((await anonymous.get(`/api/t/${closed.slug}/categories`)).status).toBe(401);
    expect((await anonymous.get(`/api/t/${closed.slug}/curriculum`)).status).toBe(401);
  });

  it('nests categories, lists parents before children, and refuses cycles and non-empty deletes', async () => {
    const { tenant, author, learner } = await setup();
    const base = `/api/t/${tenant.slug}/categories`;
    const health = (await author.post(base, { name: { en: 'Health' }, sort: 2 })).json as {
      id: string;
      version: number;
    };
    const skills = (await author.post(base, { name: { en: 'Life skills' }, sort: 1 })).json as { id: string };
    const hygiene = (await author.post(base, { name: { en: 'Hygiene', fr: 'Hygiène' }, parentId: health.id }))
      .json as { id: string };
    const list = (await learner.get(base)).json as CategoryListResponse;
    expect(list.items.map((c) => c.name.en)).toEqual(['Life skills', 'Health', 'Hygiene']);
    expect(list.items[2]!.parentId).toBe(health.id);

    const cycle = await author.patch(`${base}/${health.id}`, { parentId: hygiene.id });
    expect(cycle.status).toBe(400);
    expect(cycle.json).toMatchObject({ error: { code: 'category_cycle' } });
    const notEmpty = await author.del(`${base}/${health.id}`);
    expect(notEmpty.status).toBe(409);
    expect((await author.patch(`${base}/${hygiene.id}`, { parentId: skills.id })).status).toBe(200);
    expect((await author.del(`${base}/${health.id}`)).status).toBe(204);
    expect((await learner.post(base, { name: { en: 'Nope' } })).status).toBe(403);
    expect(await server.services.categories.withDescendants(tenant.id, [skills.id])).toEqual(
      expect.arrayContaining([skills.id, hygiene.id]),
    );
  });
});
