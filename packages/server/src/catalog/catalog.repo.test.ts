import { uuidv7 } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoursesRepo } from '../courses/courses.repo.js';
import { systemClock } from '../platform/clock.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { CatalogRepo, type CatalogFilter } from './catalog.repo.js';

const G1 = uuidv7();
const G2 = uuidv7();
const MATH = uuidv7();
const SCI = uuidv7();
const O1 = uuidv7();
const GROUP = uuidv7();

interface Spec {
  title: string;
  language: string;
  publishedAt: string;
  grades?: string[];
  subjects?: string[];
  outcomes?: string[];
  audiences?: string[];
  searchText?: string;
  group?: string;
}

describe.each(await engines())('CatalogRepo on %s', (engine) => {
  let db: TestDb;
  let tenantId: string;
  let otherTenantId: string;
  let repo: CatalogRepo;
  const ids = new Map<string, string>();

  beforeEach(async () => {
    db = await openTestDb(engine);
    const tenants = new TenantService(new TenantsRepo(db.db), systemClock);
    tenantId = (await tenants.create({ slug: 'cat', name: 'Cat' })).id;
    otherTenantId = (await tenants.create({ slug: 'other', name: 'Other' })).id;
    repo = new CatalogRepo(db.db);
    await entry(tenantId, {
      title: 'Algebra basics',
      language: 'en',
      publishedAt: '2026-01-01T00:00:00.000Z',
      grades: [G1],
      subjects: [MATH],
      outcomes: [O1],
      audiences: ['youth'],
      group: GROUP,
    });
    await entry(tenantId, {
      title: 'Biology',
      language: 'fr',
      publishedAt: '2026-01-03T00:00:00.000Z',
      grades: [G1, G2],
      subjects: [SCI],
      group: GROUP,
    });
    await entry(tenantId, {
      title: 'Calculus',
      language: 'en',
      publishedAt: '2026-01-02T00:00:00.000Z',
      grades: [G2],
      subjects: [MATH],
      audiences: ['educators'],
      searchText: 'calculus 100% rigour',
    });
    await entry(otherTenantId, {
      title: 'Astronomy',
      language: 'en',
      publishedAt: '2026-01-04T00:00:00.000Z',
      grades: [G1],
    });
  });
  afterEach(async () => db.cleanup());

  async function entry(tenant: string, s: Spec): Promise<void> {
    const courseId = uuidv7();
    ids.set(s.title, courseId);
    const now = s.publishedAt;
    await new CoursesRepo(db.db).insert({
      id: courseId,
      tenant_id: tenant,
      title: s.title,
      language: s.language,
      variant_group_id: s.group ?? null,
      enrolment_policy: 'open',
      draft: '{}',
      published_version_id: null,
      published_version: null,
      archived: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    const tag = (kind: 'grade' | 'subject' | 'outcome') => (item: string) => ({
      tenant_id: tenant,
      course_id: courseId,
      kind,
      item_id: item,
    });
    await repo.replace(
      {
        tenant_id: tenant,
        course_id: courseId,
        version_id: uuidv7(),
        version: 1,
        title: s.title,
        description: '',
        language: s.language,
        category_id: null,
        variant_group_id: s.group ?? null,
        enrolment_policy: 'open',
        audiences: JSON.stringify(s.audiences ?? []),
        lesson_count: 1,
        duration_minutes: 5,
        cover_sha256: null,
        search_text: s.searchText ?? s.title.toLowerCase(),
        published_at: s.publishedAt,
      },
      [
        ...(s.grades ?? []).map(tag('grade')),
        ...(s.subjects ?? []).map(tag('subject')),
        ...(s.outcomes ?? []).map(tag('outcome')),
      ],
    );
  }

  const none: CatalogFilter = {
    terms: [],
    grade: [],
    subject: [],
    outcome: [],
    category: [],
    language: [],
    audience: [],
    sort: 'title',
    limit: 50,
    offset: 0,
  };
  const titles = async (f: Partial<CatalogFilter>) =>
    (await repo.search(tenantId, { ...none, ...f })).rows.map((r) => r.title);

  it('lists only the tenant’s own courses, by title or newest first', async () => {
    expect(await titles({})).toEqual(['Algebra basics', 'Biology', 'Calculus']);
    expect(await titles({ sort: 'newest' })).toEqual(['Biology', 'Calculus', 'Algebra basics']);
  });

  it('combines filter kinds with AND and repeated values with OR', async () => {
    expect(await titles({ grade: [G1] })).toEqual(['Algebra basics', 'Biology']);
    expect(await titles({ grade: [G1], subject: [MATH] })).toEqual(['Algebra basics']);
    expect(await titles({ grade: [G1, G2], subject: [MATH] })).toEqual(['Algebra basics', 'Calculus']);
    expect(await titles({ subject: [MATH, SCI], outcome: [O1] })).toEqual(['Algebra basics']);
    expect(await titles({ grade: [G2], language: ['fr'] })).toEqual(['Biology']);
    expect(await titles({ language: ['en', 'fr'] })).toHaveLength(3);
  });

  it('treats a course without audiences as for everyone', async () => {
    expect(await titles({ audience: ['youth'] })).toEqual(['Algebra basics', 'Biology']);
    expect(await titles({ audience: ['youth', 'educators'] })).toEqual([
      'Algebra basics',
      'Biology',
      'Calculus',
    ]);
  });

  it('finds every word of the query literally in the search text', async () => {
    expect(await titles({ terms: ['calc'] })).toEqual(['Calculus']);
    expect(await titles({ terms: ['algebra', 'basics'] })).toEqual(['Algebra basics']);
    expect(await titles({ terms: ['algebra', 'calculus'] })).toEqual([]);
    expect(await titles({ terms: ['0%'] })).toEqual(['Calculus']);
    expect(await titles({ terms: ['_'] })).toEqual([]);
  });

  it('pages with a total over all matches', async () => {
    const page = await repo.search(tenantId, { ...none, limit: 2, offset: 2 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.title)).toEqual(['Calculus']);
  });

  it('reads tags and published variants for a page of results', async () => {
    const algebra = ids.get('Algebra basics')!;
    const tags = await repo.tags(tenantId, [algebra]);
    expect(tags.map((t) => [t.kind, t.item_id])).toEqual([
      ['grade', G1],
      ['outcome', O1],
      ['subject', MATH],
    ]);
    expect((await repo.variants(tenantId, [GROUP])).map((v) => v.title)).toEqual([
      'Algebra basics',
      'Biology',
    ]);
    await repo.remove(tenantId, algebra);
    expect(await repo.tags(tenantId, [algebra])).toEqual([]);
    expect(await titles({})).toEqual(['Biology', 'Calculus']);
  });
});
