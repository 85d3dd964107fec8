import { uuidv7 } from '@satchel/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock.js';
import { TenantsRepo } from '../tenants/tenants.repo.js';
import { TenantService } from '../tenants/tenants.service.js';
import { addBlob } from '../test-support/courses-fixtures.js';
import { engines, openTestDb, type TestDb } from '../test-support/engines.js';
import { CoursesRepo } from './courses.repo.js';

const NOW = '2026-02-01T00:00:00.000Z';

describe.each(await engines())('CoursesRepo on %s', (engine) => {
  let db: TestDb;
  let tenantId: string;
  let repo: CoursesRepo;

  beforeEach(async () => {
    db = await openTestDb(engine);
    tenantId = (
      await new TenantService(new TenantsRepo(db.db), systemClock).create({ slug: 'crs', name: 'Crs' })
    ).id;
    repo = new CoursesRepo(db.db);
  });
  afterEach(async () => db.cleanup());

  async function course(
    title: string,
    extra: { variant_group_id?: string; archived?: number } = {},
  ): Promise<string> {
    const id = uuidv7();
    await repo.insert({
      id,
      tenant_id: tenantId,
      title,
      language: 'en',
      variant_group_id: extra.variant_group_id ?? null,
      enrolment_policy: 'open',
      draft: JSON.stringify({ title, language: 'en', modules: [] }),
      published_version_id: null,
      published_version: null,
      archived: extra.archived ?? 0,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
      deleted_at: null,
    });
    return id;
  }

  it('applies a draft update only at the expected version', async () => {
    const id = await course('Hygiene');
    expect(await repo.update(tenantId, id, 1, { title: 'Hygiene 2' })).toBe(true);
    expect(await repo.update(tenantId, id, 1, { title: 'Lost edit' })).toBe(false);
    const row = await repo.byId(tenantId, id);
    expect(row).toMatchObject({ title: 'Hygiene 2', version: 2 });
  });

  it('lets only one of two publishers claim the next version', async () => {
    const id = await course('Maths');
    const v1 = uuidv7();
    expect(await repo.markPublished(tenantId, id, null, v1, 1)).toBe(true);
    expect(await repo.markPublished(tenantId, id, null, uuidv7(), 1)).toBe(false);
    expect(await repo.markPublished(tenantId, id, 1, uuidv7(), 2)).toBe(true);
    expect((await repo.byId(tenantId, id))?.published_version).toBe(2);
  });

  it('reports which blobs the tenant holds', async () => {
    const held = await addBlob(db.db, tenantId, 'video-1');
    const present = await repo.presentBlobs(tenantId, [held.sha256, 'f'.repeat(64), held.sha256]);
    expect([...present]).toEqual([held.sha256]);
  });

  it('searches titles literally, so % and _ are not wildcards', async () => {
    await course('100% fun');
    await course('1000 fun');
    await course('snake_case');
    await course('snakeXcase');
    const titles = async (q: string) =>
      (await repo.list(tenantId, { q, includeArchived: false, limit: 10, offset: 0 })).rows.map(
        (r) => r.title,
      );
    expect(await titles('0%')).toEqual(['100% fun']);
    expect(await titles('e_c')).toEqual(['snake_case']);
    expect(await titles('FUN')).toHaveLength(2);
  });

  it('lists archived courses only when asked and counts the total', async () => {
    await course('Live');
    await course('Old', { archived: 1 });
    const live = await repo.list(tenantId, { includeArchived: false, limit: 1, offset: 0 });
    expect(live.total).toBe(1);
    const all = await repo.list(tenantId, { includeArchived: true, limit: 1, offset: 0 });
    expect(all.total).toBe(2);
    expect(all.rows).toHaveLength(1);
  });

  it('lists the other live variants of a group', async () => {
    const group = uuidv7();
    const en = await course('English', { variant_group_id: group });
    const fr = await course('Français', { variant_group_id: group });
    await course('Archived', { variant_group_id: group, archived: 1 });
    expect((await repo.variants(tenantId, group, en)).map((v) => v.id)).toEqual([fr]);
    const lone = await course('Alone');
    await repo.setVariantGroup(tenantId, lone, group);
    await repo.setVariantGroup(tenantId, lone, uuidv7()); // already grouped: unchanged
    expect((await repo.byId(tenantId, lone))?.variant_group_id).toBe(group);
  });
});
