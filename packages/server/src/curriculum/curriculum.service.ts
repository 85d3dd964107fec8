import {
  CreateCurriculumItemRequest,
  CreateFrameworkRequest,
  uuidv7,
  type CurriculumFramework,
  type CurriculumFrameworkTree,
  type CurriculumItem,
  type CurriculumItemKind,
  type CurriculumResponse,
  type ReorderCurriculumRequest,
  type UpdateCurriculumItemRequest,
  type UpdateFrameworkRequest,
} from '@satchel/core';
import { conflict, invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { CurriculumItemRow, CurriculumRepo, FrameworkRow } from './curriculum.repo.js';

/** A tenant's curriculum frameworks: subjects, ordered grades, and coded learning outcomes. */
export class CurriculumService {
  constructor(
    private readonly repo: CurriculumRepo,
    private readonly clock: Clock,
  ) {}

  async createFramework(tenantId: string, input: CreateFrameworkRequest): Promise<CurriculumFramework> {
    const req = CreateFrameworkRequest.parse(input);
    if (await this.repo.frameworkByCode(tenantId, req.code)) {
      throw conflict('framework_code_taken', `A framework with the code "${req.code}" already exists`, {
        code: req.code,
      });
    }
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    await this.repo.insertFramework({
      id,
      tenant_id: tenantId,
      code: req.code,
      name: JSON.stringify(req.name),
      description: req.description,
      source_uri: req.sourceUri,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    return toFramework(await this.frameworkRow(tenantId, id));
  }

  async listFrameworks(tenantId: string): Promise<CurriculumFramework[]> {
    return (await this.repo.frameworks(tenantId)).map(toFramework);
  }

  async updateFramework(
    tenantId: string,
    frameworkId: string,
    patch: UpdateFrameworkRequest,
  ): Promise<CurriculumFramework> {
    const row = await this.frameworkRow(tenantId, frameworkId);
    if (
      patch.code !== undefined &&
      patch.code !== row.code &&
      (await this.repo.frameworkByCode(tenantId, patch.code))
    ) {
      throw conflict('framework_code_taken', `A framework with the code "${patch.code}" already exists`, {
        code: patch.code,
      });
    }
    const ok = await this.repo.updateFramework(tenantId, frameworkId, patch.expectedVersion ?? row.version, {
      code: patch.code ?? row.code,
      name: patch.name ? JSON.stringify(patch.name) : row.name,
      description: patch.description ?? row.description,
      source_uri: patch.sourceUri === undefined ? row.source_uri : patch.sourceUri,
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw editConflict();
    return toFramework(await this.frameworkRow(tenantId, frameworkId));
  }

  async deleteFramework(tenantId: string, frameworkId: string): Promise<void> {
    await this.frameworkRow(tenantId, frameworkId);
    const now = this.clock.now().toISOString();
    await this.repo.transaction((tx) => tx.deleteFramework(tenantId, frameworkId, now));
  }

  async frameworkTree(tenantId: string, frameworkId: string): Promise<CurriculumFrameworkTree> {
    const row = await this.frameworkRow(tenantId, frameworkId);
    return toTree(row, await this.repo.items(tenantId, frameworkId));
  }

  /** Every framework with its subjects, grades and outcomes: what catalog filters offer. */
  async tree(tenantId: string): Promise<CurriculumResponse> {
    const [frameworks, items] = await Promise.all([
      this.repo.frameworks(tenantId),
      this.repo.items(tenantId),
    ]);
    const byFramework = new Map<string, CurriculumItemRow[]>();
    for (const item of items) {
      const list = byFramework.get(item.framework_id);
      if (list) list.push(item);
      else byFramework.set(item.framework_id, [item]);
    }
    return { frameworks: frameworks.map((f) => toTree(f, byFramework.get(f.id) ?? [])) };
  }

  /** Adds a subject, grade or outcome. Re-adding a deleted code brings the old entry (and its id) back. */
  async addItem(
    tenantId: string,
    frameworkId: string,
    input: CreateCurriculumItemRequest,
  ): Promise<CurriculumItem> {
    const req = CreateCurriculumItemRequest.parse(input);
    await this.frameworkRow(tenantId, frameworkId);
    const links = await this.checkLinks(
      tenantId,
      frameworkId,
      req.kind,
      req.subjectId ?? null,
      req.gradeId ?? null,
    );
    const existing = await this.repo.itemByCode(tenantId, frameworkId, req.kind, req.code);
    if (existing && existing.deleted_at === null) {
      throw conflict(
        'curriculum_code_taken',
        `This framework already has a ${req.kind} with the code "${req.code}"`,
        {
          kind: req.kind,
          code: req.code,
          itemId: existing.id,
        },
      );
    }
    const now = this.clock.now().toISOString();
    const sort = req.sort ?? (await this.repo.nextSort(tenantId, frameworkId, req.kind));
    const fields = {
      name: JSON.stringify(req.name),
      description: JSON.stringify(req.description),
      subject_id: links.subjectId,
      grade_id: links.gradeId,
      sort,
      updated_at: now,
    };
    if (existing) {
      const ok = await this.repo.updateItem(tenantId, existing.id, existing.version, {
        ...fields,
        deleted_at: null,
      });
      if (!ok) throw editConflict();
      return toItem(await this.itemRow(tenantId, frameworkId, existing.id));
    }
    const id = uuidv7();
    await this.repo.insertItem({
      id,
      tenant_id: tenantId,
      framework_id: frameworkId,
      kind: req.kind,
      code: req.code,
      ...fields,
      created_at: now,
      version: 1,
      deleted_at: null,
    });
    return toItem(await this.itemRow(tenantId, frameworkId, id));
  }

  async updateItem(
    tenantId: string,
    frameworkId: string,
    itemId: string,
    patch: UpdateCurriculumItemRequest,
  ): Promise<CurriculumItem> {
    const row = await this.itemRow(tenantId, frameworkId, itemId);
    const links = await this.checkLinks(
      tenantId,
      frameworkId,
      row.kind,
      patch.subjectId === undefined ? row.subject_id : patch.subjectId,
      patch.gradeId === undefined ? row.grade_id : patch.gradeId,
    );
    if (patch.code !== undefined && patch.code !== row.code) {
      const taken = await this.repo.itemByCode(tenantId, frameworkId, row.kind, patch.code);
      if (taken)
        throw conflict(
          'curriculum_code_taken',
          `This framework already has a ${row.kind} with the code "${patch.code}"`,
          { code: patch.code },
        );
    }
    const ok = await this.repo.updateItem(tenantId, itemId, patch.expectedVersion ?? row.version, {
      code: patch.code ?? row.code,
      name: patch.name ? JSON.stringify(patch.name) : row.name,
      description: patch.description ? JSON.stringify(patch.description) : row.description,
      subject_id: links.subjectId,
      grade_id: links.gradeId,
      sort: patch.sort ?? row.sort,
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw editConflict();
    return toItem(await this.itemRow(tenantId, frameworkId, itemId));
  }

  async deleteItem(tenantId: string, frameworkId: string, itemId: string): Promise<void> {
    const row = await this.itemRow(tenantId, frameworkId, itemId);
    if (row.kind !== 'outcome') {
      const outcomes = await this.repo.outcomesReferencing(tenantId, itemId);
      if (outcomes > 0) {
        throw conflict(
          'curriculum_item_in_use',
          `${outcomes} learning outcome(s) belong to this ${row.kind}; move or delete them first`,
          {
            outcomes,
          },
        );
      }
    }
    await this.repo.deleteItem(tenantId, itemId, this.clock.now().toISOString());
  }

  /** Orders the subjects, grades or outcomes of a framework as listed; unlisted ones follow, in their old order. */
  async reorder(
    tenantId: string,
    frameworkId: string,
    req: ReorderCurriculumRequest,
  ): Promise<CurriculumFrameworkTree> {
    await this.frameworkRow(tenantId, frameworkId);
    const items = (await this.repo.items(tenantId, frameworkId)).filter((i) => i.kind === req.kind);
    const known = new Set(items.map((i) => i.id));
    const unknown = req.itemIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw invalid('curriculum_item_not_found', `Some ids are not ${req.kind} entries of this framework`, {
        itemIds: unknown,
      });
    }
    const listed = new Set(req.itemIds);
    const order = [...new Set(req.itemIds), ...items.filter((i) => !listed.has(i.id)).map((i) => i.id)];
    const now = this.clock.now().toISOString();
    await this.repo.transaction(async (tx) => {
      for (const [index, id] of order.entries()) await tx.setSort(tenantId, id, index, now);
    });
    return this.frameworkTree(tenantId, frameworkId);
  }

  /** Live entries among `ids`, any framework of the tenant (for course tag checks). */
  async itemsByIds(tenantId: string, ids: readonly string[]): Promise<CurriculumItem[]> {
    return (await this.repo.itemsByIds(tenantId, [...new Set(ids)])).map(toItem);
  }

  private async checkLinks(
    tenantId: string,
    frameworkId: string,
    kind: CurriculumItemKind,
    subjectId: string | null,
    gradeId: string | null,
  ): Promise<{ subjectId: string | null; gradeId: string | null }> {
    if (kind !== 'outcome') {
      if (subjectId !== null || gradeId !== null) {
        throw invalid('curriculum_link_invalid', 'Only learning outcomes belong to a subject and a grade');
      }
      return { subjectId: null, gradeId: null };
    }
    if (subjectId === null || gradeId === null) {
      throw invalid('curriculum_link_invalid', 'A learning outcome needs a subject and a grade', {
        subjectId,
        gradeId,
      });
    }
    const [subject, grade] = await Promise.all([
      this.repo.item(tenantId, subjectId),
      this.repo.item(tenantId, gradeId),
    ]);
    if (subject?.framework_id !== frameworkId || subject.kind !== 'subject') {
      throw invalid('curriculum_link_invalid', 'subjectId is not a subject of this framework', { subjectId });
    }
    if (grade?.framework_id !== frameworkId || grade.kind !== 'grade') {
      throw invalid('curriculum_link_invalid', 'gradeId is not a grade of this framework', { gradeId });
    }
    return { subjectId, gradeId };
  }

  private async frameworkRow(tenantId: string, id: string): Promise<FrameworkRow> {
    const row = await this.repo.framework(tenantId, id);
    if (!row)
      throw notFound('framework_not_found', 'There is no such curriculum framework', { frameworkId: id });
    return row;
  }

  private async itemRow(tenantId: string, frameworkId: string, id: string): Promise<CurriculumItemRow> {
    const row = await this.repo.item(tenantId, id);
    if (row?.framework_id !== frameworkId) {
      throw notFound('curriculum_item_not_found', 'There is no such entry in this framework', { itemId: id });
    }
    return row;
  }
}

const editConflict = () =>
  conflict('edit_conflict', 'Someone else changed this in the meantime; reload and try again');

function toFramework(row: FrameworkRow): CurriculumFramework {
  return {
    id: row.id,
    code: row.code,
    name: parseJson<Record<string, string>>(row.name, 'curriculum_frameworks.name'),
    description: row.description,
    sourceUri: row.source_uri,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

function toItem(row: CurriculumItemRow): CurriculumItem {
  return {
    id: row.id,
    frameworkId: row.framework_id,
    kind: row.kind,
    code: row.code,
    name: parseJson<Record<string, string>>(row.name, 'curriculum_items.name'),
    description: parseJson<Record<string, string>>(row.description, 'curriculum_items.description'),
    subjectId: row.subject_id,
    gradeId: row.grade_id,
    sort: row.sort,
    version: row.version,
  };
}

function toTree(framework: FrameworkRow, items: readonly CurriculumItemRow[]): CurriculumFrameworkTree {
  const of = (kind: CurriculumItemKind) => items.filter((i) => i.kind === kind).map(toItem);
  return { ...toFramework(framework), subjects: of('subject'), grades: of('grade'), outcomes: of('outcome') };
}
