import { uuidv7 } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { systemClock } from '../platform/clock.js';
import { CategoriesRepo } from './categories.repo.js';
import { CurriculumRepo } from './curriculum.repo.js';

const NOW = '2026-02-01T00:00:00.000Z';

describe.each(await engines())('curriculum repositories on %s', (engine) => {
  let db: TestDb;
  let tenantId: string;
  let repo: CurriculumRepo;

  beforeEach(async () => {
    db = await openTestDb(engine);
    tenantId = (
      await new TenantService(new TenantsRepo(db.db), systemClock).create({ slug: 'cur', name: 'Cur' })
    ).id;
    repo = new CurriculumRepo(db.db);
  });
  afterEach(async () => db.cleanup());

  async function framework(code: string): Promise<string> {
    const id = uuidv7();
    await repo.insertFramework({
      id,
      tenant_id: tenantId,
      code,
      name: '{"en":"F"}',
      description: '',
      source_uri: null,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    });
    return id;
  }

  async function item(
    frameworkId: string,
    kind: 'subject' | 'grade' | 'outcome',
    code: string,
    sort: number,
    links: { subject?: string; grade?: string } = {},
  ): Promise<string> {
    const id = uuidv7();
    await repo.insertItem({
      id,
      tenant_id: tenantId,
      framework_id: frameworkId,
      kind,
      code,
      name: `{"en":"${code}"}`,
      description: '{}',
      subject_id: links.subject ?? null,
      grade_id: links.grade ?? null,
      sort,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    });
    return id;
  }

  it('lists entries in their sort order and hides deleted ones', async () => {
    const f = await framework('NC');
    const g2 = await item(f, 'grade', 'G2', 1);
    const g1 = await item(f, 'grade', 'G1', 0);
    const g3 = await item(f, 'grade', 'G3', 2);
    await repo.deleteItem(tenantId, g3, NOW);
    expect((await repo.items(tenantId, f)).map((i) => i.id)).toEqual([g1, g2]);
    expect(await repo.nextSort(tenantId, f, 'grade')).toBe(2);
    expect(await repo.nextSort(tenantId, f, 'subject')).toBe(0);
  });

  it('finds a deleted code so it can be brought back, and counts outcomes that use a subject', async () => {
    const f = await framework('NC');
    const maths = await item(f, 'subject', 'MATH', 0);
    const g1 = await item(f, 'grade', 'G1', 0);
    await item(f, 'outcome', 'MATH.1', 0, { subject: maths, grade: g1 });
    expect(await repo.outcomesReferencing(tenantId, maths)).toBe(1);
    await repo.deleteItem(tenantId, maths, NOW);
    const found = await repo.itemByCode(tenantId, f, 'subject', 'MATH');
    expect(found?.deleted_at).toBe(NOW);
    expect(await repo.updateItem(tenantId, maths, found!.version, { deleted_at: null })).toBe(true);
    expect((await repo.item(tenantId, maths))?.version).toBe(3);
  });

  it('refuses an update made from a stale version', async () => {
    const f = await framework('NC');
    expect(await repo.updateFramework(tenantId, f, 1, { code: 'NC2' })).toBe(true);
    expect(await repo.updateFramework(tenantId, f, 1, { code: 'NC3' })).toBe(false);
    expect((await repo.framework(tenantId, f))?.code).toBe('NC2');
  });

  it('deleting a framework tombstones its entries', async () => {
    const f = await framework('NC');
    await item(f, 'subject', 'SCI', 0);
    await repo.deleteFramework(tenantId, f, NOW);
    expect(await repo.frameworks(tenantId)).toEqual([]);
    expect(await repo.items(tenantId)).toEqual([]);
  });

  it('counts live subcategories only', async () => {
    const categories = new CategoriesRepo(db.db);
    const parent = uuidv7();
    const child = uuidv7();
    const base = {
      tenant_id: tenantId,
      sort: 0,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    };
    await categories.insert({ ...base, id: parent, name: '{"en":"P"}', parent_id: null });
    await categories.insert({ ...base, id: child, name: '{"en":"C"}', parent_id: parent });
    expect(await categories.countChildren(tenantId, parent)).toBe(1);
    await categories.tombstone(tenantId, child, NOW);
    expect(await categories.countChildren(tenantId, parent)).toBe(0);
    expect((await categories.list(tenantId)).map((c) => c.id)).toEqual([parent]);
  });
});
