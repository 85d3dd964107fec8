import { uuidv7, type CatalogResponse, type CoursePage } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { ManualClock } from '../platform/clock.js';
import {
  addBlob,
  client,
  createTenant,
  draft,
  member,
  publishedCourse,
  setCourseProgress,
} from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { CatalogRepo } from './catalog.repo.js';

describe.each(await engines())('the catalog on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-03-01T08:00:00.000Z'));
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
  });
  afterAll(async () => server.close());

  const tenant = (): Promise<TenantRef> => createTenant(server, `catalog-${++n}`);
  const catalogOf = async (t: TenantRef, query = '', cookie?: string) => {
    const res = await client(server, cookie).get(`/api/t/${t.slug}/catalog${query}`);
    expect(res.status).toBe(200);
    return res.json as CatalogResponse;
  };

  async function curriculum(t: TenantRef) {
    const c = server.services.curriculum;
    const fw = await c.createFramework(t.id, { code: 'NC', name: { en: 'NC' } });
    const maths = await c.addItem(t.id, fw.id, { kind: 'subject', code: 'MATH', name: { en: 'Maths' } });
    const science = await c.addItem(t.id, fw.id, { kind: 'subject', code: 'SCI', name: { en: 'Science' } });
    const g1 = await c.addItem(t.id, fw.id, { kind: 'grade', code: 'G1', name: { en: 'Grade 1' } });
    const g2 = await c.addItem(t.id, fw.id, { kind: 'grade', code: 'G2', name: { en: 'Grade 2' } });
    const counting = await c.addItem(t.id, fw.id, {
      kind: 'outcome',
      code: 'MA.1.7',
      name: { en: 'Counting' },
      subjectId: maths.id,
      gradeId: g1.id,
    });
    return { maths: maths.id, science: science.id, g1: g1.id, g2: g2.id, counting: counting.id };
  }

  it('lists published courses with their tags, filtered by grade, subject and outcome', async () => {
    const t = await tenant();
    const cur = await curriculum(t);
    const cover = await addBlob(server.db.db, t.id, `cover-${n}`, 'image/png');
    const count = await publishedCourse(
      server,
      t.id,
      draft('Counting', {
        tags: { gradeIds: [cur.g1], subjectIds: [cur.maths], outcomeIds: [cur.counting] },
        coverImage: cover,
      }),
    );
    await publishedCourse(
      server,
      t.id,
      draft('Plants', { tags: { gradeIds: [cur.g1, cur.g2], subjectIds: [cur.science] } }),
    );
    await publishedCourse(
      server,
      t.id,
      draft('Fractions', { tags: { gradeIds: [cur.g2], subjectIds: [cur.maths] } }),
    );
    await server.services.courses.create(t.id, null, draft('Unpublished draft'));

    const all = await catalogOf(t);
    expect(all.items.map((i) => i.title)).toEqual(['Counting', 'Fractions', 'Plants']);
    expect(all.items[0]).toMatchObject({
      courseId: count.courseId,
      versionId: count.versionId,
      gradeIds: [cur.g1],
      subjectIds: [cur.maths],
      outcomeIds: [cur.counting],
      coverUrl: `/api/t/${t.slug}/blobs/${cover.sha256}`,
      lessonCount: 1,
      enrolmentPolicy: 'open',
    });
    const titles = async (q: string) => (await catalogOf(t, q)).items.map((i) => i.title);
    expect(await titles(`?grade=${cur.g1}`)).toEqual(['Counting', 'Plants']);
    expect(await titles(`?grade=${cur.g1}&subject=${cur.maths}`)).toEqual(['Counting']);
    expect(await titles(`?grade=${cur.g1}&grade=${cur.g2}&subject=${cur.maths}`)).toEqual([
      'Counting',
      'Fractions',
    ]);
    expect(await titles(`?outcome=${cur.counting}`)).toEqual(['Counting']);
    expect(await titles(`?subject=${cur.science}&sort=newest&pageSize=1`)).toEqual(['Plants']);
    const paged = await catalogOf(t, '?pageSize=2&page=2');
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items.map((i) => i.title)).toEqual(['Plants']);
  });

  it('searches titles, descriptions and outcome codes in any case and Unicode form', async () => {
    const t = await tenant();
    const cur = await curriculum(t);
    await publishedCourse(
      server,
      t.id,
      draft('Éducation civique', { language: 'fr', description: 'Droits et DEVOIRS' }),
    );
    await publishedCourse(
      server,
      t.id,
      draft('Numbers', { tags: { gradeIds: [], subjectIds: [], outcomeIds: [cur.counting] } }),
    );
    const found = async (q: string) =>
      (await catalogOf(t, `?q=${encodeURIComponent(q)}`)).items.map((i) => i.title);
    expect(await found('E\u0301DUCATION')).toEqual(['Éducation civique']);
    expect(await found('devoirs droits')).toEqual(['Éducation civique']);
    expect(await found('ma.1.7')).toEqual(['Numbers']);
    expect(await found('numbers civique')).toEqual([]);
    expect((await catalogOf(t, '?language=fr')).items.map((i) => i.title)).toEqual(['Éducation civique']);
  });

  it('filters by a category and its subcategories', async () => {
    const t = await tenant();
    const health = await server.services.categories.create(t.id, { name: { en: 'Health' } });
    const hygiene = await server.services.categories.create(t.id, {
      name: { en: 'Hygiene' },
      parentId: health.id,
    });
    await publishedCourse(server, t.id, draft('Hand washing', { categoryId: hygiene.id }));
    await publishedCourse(server, t.id, draft('Football', {}));
    expect((await catalogOf(t, `?category=${health.id}`)).items.map((i) => i.title)).toEqual([
      'Hand washing',
    ]);
    expect((await catalogOf(t, `?category=${hygiene.id}`)).total).toBe(1);
  });

  it('shows a new publication at once, and another replica’s within the cache lifetime', async () => {
    const t = await tenant();
    await publishedCourse(server, t.id, draft('First'));
    expect((await catalogOf(t)).total).toBe(1);
    await publishedCourse(server, t.id, draft('Second'));
    expect((await catalogOf(t)).items.map((i) => i.title)).toEqual(['First', 'Second']);

    // Another replica publishes: this process's cache is not told, so it expires instead.
    const third = await server.services.courses.create(t.id, null, draft('Third'));
    const row = (
      await new CatalogRepo(server.db.db).entries(t.id, [(await catalogOf(t)).items[0]!.courseId])
    )[0]!;
    await new CatalogRepo(server.db.db).replace(
      { ...row, course_id: third.id, title: 'Third', search_text: 'third' },
      [],
    );
    expect((await catalogOf(t)).total).toBe(2);
    clock.advance(5_000);
    expect((await catalogOf(t)).total).toBe(3);
  });

  it('lists language variants on catalog items', async () => {
    const t = await tenant();
    const en = await publishedCourse(server, t.id, draft('Hygiene'));
    const fr = await server.services.courses.createVariant(t.id, en.courseId, null, {
      language: 'fr',
      title: 'Hygiène',
    });
    expect((await catalogOf(t)).items[0]!.variants).toEqual([]);
    await server.services.courses.publish(t.id, fr.id, null);
    const items = (await catalogOf(t)).items;
    expect(items.find((i) => i.courseId === en.courseId)!.variants).toEqual([
      { courseId: fr.id, language: 'fr', title: 'Hygiène' },
    ]);
    expect(items.find((i) => i.courseId === fr.id)!.variants).toEqual([
      { courseId: en.courseId, language: 'en', title: 'Hygiene' },
    ]);
  });

  it('is public on open platforms, members-only on closed ones, and never mixes platforms', async () => {
    const open = await tenant();
    const closed = await server.services.tenants.create({
      slug: `closed-catalog-${++n}`,
      name: 'Closed',
      signupPolicy: 'invite',
      inviteCode: 'secret-code',
    });
    await publishedCourse(server, open.id, draft('Open course'));
    await publishedCourse(server, closed.id, draft('Closed course'));
    expect((await catalogOf(open)).items.map((i) => i.title)).toEqual(['Open course']);
    const anonymous = await client(server).get(`/api/t/${closed.slug}/catalog`);
    expect(anonymous.status).toBe(401);
    const insider = await member(server, { id: closed.id, slug: closed.slug }, 'insider', ['learner']);
    expect(
      (await catalogOf({ id: closed.id, slug: closed.slug }, '', insider.cookie)).items.map((i) => i.title),
    ).toEqual(['Closed course']);
    const bad = await client(server).get(`/api/t/${open.slug}/catalog?grade=not-a-uuid`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('builds the course page with variants, prerequisites and the caller’s standing', async () => {
    const t = await tenant();
    const learner = await member(server, t, 'pupil', ['learner']);
    const basics = await publishedCourse(server, t.id, draft('Basics'));
    const advanced = await publishedCourse(
      server,
      t.id,
      draft('Advanced', { prerequisiteCourseIds: [basics.courseId] }),
      { enrolmentPolicy: 'self' },
    );
    const variant = await server.services.courses.createVariant(t.id, advanced.courseId, null, {
      language: 'fr',
      title: 'Avancé',
    });
    await server.services.courses.publish(t.id, variant.id, null);
    const page = async () => {
      const res = await client(server, learner.cookie).get(`/api/t/${t.slug}/courses/${advanced.courseId}`);
      expect(res.status).toBe(200);
      return res.json as CoursePage;
    };
    const before = await page();
    expect(before.course).toMatchObject({ courseId: advanced.courseId, title: 'Advanced', version: 1 });
    expect(before.variants).toEqual([{ courseId: variant.id, language: 'fr', title: 'Avancé' }]);
    expect(before.prerequisites).toEqual([{ courseId: basics.courseId, title: 'Basics', complete: false }]);
    expect(before).toMatchObject({ prerequisitesComplete: false, enrolmentPolicy: 'self', progress: null });
    expect(before.enrolment).toEqual({
      enrolled: false,
      through: [],
      canEnrol: false,
      canUnenrol: false,
      canStart: false,
    });

    await setCourseProgress(server.db.db, t.id, learner.userId, basics.courseId, {
      status: 'completed',
      percent: 100,
    });
    const after = await page();
    expect(after.prerequisitesComplete).toBe(true);
    expect(after.enrolment.canEnrol).toBe(true);

    const draftOnly = await server.services.courses.create(t.id, null, draft('Not yet'));
    const missing = await client(server, learner.cookie).get(`/api/t/${t.slug}/courses/${draftOnly.id}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'course_not_found' } });
    expect((await client(server, learner.cookie).get(`/api/t/${t.slug}/courses/${uuidv7()}`)).status).toBe(
      404,
    );
  });
});
