import { CreateCategoryRequest, uuidv7, type Category, type UpdateCategoryRequest } from '@satchel/core';
import { conflict, invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { CategoriesRepo, CategoryRow } from './categories.repo.js';

/** A tenant's tree of course categories. */
export class CategoryService {
  constructor(
    private readonly repo: CategoriesRepo,
    private readonly clock: Clock,
    /** Called after any change, so catalog answers that filter by category are recomputed. */
    private readonly onChange: (tenantId: string) => void,
  ) {}

  /** Parents before their children, siblings by sort: a depth-first walk of the tree. */
  async list(tenantId: string): Promise<Category[]> {
    const rows = await this.repo.list(tenantId);
    const ids = new Set(rows.map((r) => r.id));
    const children = new Map<string | null, CategoryRow[]>();
    for (const row of rows) {
      // A child whose parent was deleted is shown at the top level rather than lost.
      const parent = row.parent_id !== null && ids.has(row.parent_id) ? row.parent_id : null;
      const list = children.get(parent);
      if (list) list.push(row);
      else children.set(parent, [row]);
    }
    const out: Category[] = [];
    const walk = (parent: string | null): void => {
      for (const row of children.get(parent) ?? []) {
        out.push(toCategory(row, parent));
        walk(row.id);
      }
    };
    walk(null);
    return out;
  }

  async create(tenantId: string, input: CreateCategoryRequest): Promise<Category> {
    const req = CreateCategoryRequest.parse(input);
    if (req.parentId !== null) await this.row(tenantId, req.parentId);
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    await this.repo.insert({
      id,
      tenant_id: tenantId,
      name: JSON.stringify(req.name),
      parent_id: req.parentId,
      sort: req.sort ?? 0,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    this.onChange(tenantId);
    return toCategory(await this.row(tenantId, id));
  }

  async update(tenantId: string, categoryId: string, patch: UpdateCategoryRequest): Promise<Category> {
    const row = await this.row(tenantId, categoryId);
    const parentId = patch.parentId === undefined ? row.parent_id : patch.parentId;
    if (parentId !== null && parentId !== row.parent_id)
      await this.assertNoCycle(tenantId, categoryId, parentId);
    const ok = await this.repo.update(tenantId, categoryId, patch.expectedVersion ?? row.version, {
      name: patch.name ? JSON.stringify(patch.name) : row.name,
      parent_id: parentId,
      sort: patch.sort ?? row.sort,
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw conflict('edit_conflict', 'Someone else changed this category; reload and try again');
    this.onChange(tenantId);
    return toCategory(await this.row(tenantId, categoryId));
  }

  async delete(tenantId: string, categoryId: string): Promise<void> {
    await this.row(tenantId, categoryId);
    const children = await this.repo.countChildren(tenantId, categoryId);
    if (children > 0) {
      throw conflict('category_not_empty', 'Move or delete the subcategories of this category first', {
        children,
      });
    }
    await this.repo.tombstone(tenantId, categoryId, this.clock.now().toISOString());
    this.onChange(tenantId);
  }

  /** The categories and every category below them, for catalog filters. */
  async withDescendants(tenantId: string, ids: readonly string[]): Promise<string[]> {
    const rows = await this.repo.list(tenantId);
    const children = new Map<string, string[]>();
    for (const row of rows) {
      if (row.parent_id === null) continue;
      const list = children.get(row.parent_id);
      if (list) list.push(row.id);
      else children.set(row.parent_id, [row.id]);
    }
    const out = new Set<string>();
    const stack = [...ids];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return [...out];
  }

  async exists(tenantId: string, categoryId: string): Promise<boolean> {
    return (await this.repo.byId(tenantId, categoryId)) !== undefined;
  }

  private async assertNoCycle(tenantId: string, categoryId: string, newParentId: string): Promise<void> {
    const rows = new Map((await this.repo.list(tenantId)).map((r) => [r.id, r]));
    if (!rows.has(newParentId))
      throw notFound('category_not_found', 'There is no such parent category', { categoryId: newParentId });
    for (let at: string | null = newParentId; at !== null; at = rows.get(at)?.parent_id ?? null) {
      if (at === categoryId)
        throw invalid('category_cycle', 'A category cannot be placed inside itself or its own subcategory');
    }
  }

  private async row(tenantId: string, id: string): Promise<CategoryRow> {
    const row = await this.repo.byId(tenantId, id);
    if (!row) throw notFound('category_not_found', 'There is no such category', { categoryId: id });
    return row;
  }
}

function toCategory(row: CategoryRow, parentId: string | null = row.parent_id): Category {
  return {
    id: row.id,
    name: parseJson<Record<string, string>>(row.name, 'categories.name'),
    parentId,
    sort: row.sort,
    version: row.version,
  };
}
