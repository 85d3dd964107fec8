import {
  ClassListQuery,
  CreateClassRequest,
  UpdateClassRequest,
  uuidv7,
  type ClassDetail,
  type ClassListResponse,
  type ClassMemberRole,
  type ClassSummary,
} from '@satchel/core';
import type { Updateable } from 'kysely';
import type { ClassesTable } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { ClassesRepo, ClassWithCounts } from './classes.repo.js';

/** Who is looking: admins see every class; other viewers only the classes they teach. null is the system. */
export type ClassViewer = Pick<Actor, 'userId' | 'roles' | 'isOperator'> | null;

const classNotFound = (classId: string) =>
  notFound('class_not_found', 'There is no such class on this platform', { classId });
const editConflict = () => conflict('edit_conflict', 'Someone else changed this class; reload and try again');

export class ClassService {
  constructor(
    private readonly repo: ClassesRepo,
    private readonly users: UsersRepo,
    private readonly clock: Clock,
  ) {}

  async create(tenantId: string, input: CreateClassRequest): Promise<ClassDetail> {
    const req = CreateClassRequest.parse(input);
    if (req.code) await this.assertCodeFree(tenantId, req.code, null);
    if (req.gradeId) await this.assertGrade(tenantId, req.gradeId);
    const now = this.clock.now().toISOString();
    const id = uuidv7(this.clock.now().getTime());
    await this.repo.insert({
      id,
      tenant_id: tenantId,
      name: req.name,
      code: req.code ?? null,
      grade_id: req.gradeId ?? null,
      description: req.description ?? '',
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    return this.get(tenantId, id);
  }

  async get(tenantId: string, classId: string, viewer: ClassViewer = null): Promise<ClassDetail> {
    const row = await this.repo.byId(tenantId, classId);
    if (!row) throw classNotFound(classId);
    const members = await this.repo.members(tenantId, classId);
    // A class the viewer does not teach answers as if it did not exist: no data, no hint.
    if (
      !this.seesAll(viewer) &&
      !members.some((m) => m.user_id === viewer!.userId && m.role === 'educator')
    ) {
      throw classNotFound(classId);
    }
    return {
      ...summary(row),
      members: members.map((m) => ({
        userId: m.user_id,
        username: m.username,
        displayName: m.display_name,
        role: m.role,
      })),
    };
  }

  async list(
    tenantId: string,
    query: Partial<ClassListQuery>,
    viewer: ClassViewer = null,
  ): Promise<ClassListResponse> {
    const q = ClassListQuery.parse(query);
    const onlyMine = viewer !== null && (q.mine || !this.seesAll(viewer));
    const { rows, total } = await this.repo.list(tenantId, {
      q: q.q,
      educatorId: onlyMine ? viewer.userId : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: rows.map(summary), total };
  }

  async update(tenantId: string, classId: string, input: UpdateClassRequest): Promise<ClassDetail> {
    const patch = UpdateClassRequest.parse(input);
    const row = await this.repo.byId(tenantId, classId);
    if (!row) throw classNotFound(classId);
    if (patch.version !== undefined && patch.version !== row.version) throw editConflict();
    if (patch.code) await this.assertCodeFree(tenantId, patch.code, row.id);
    if (patch.gradeId) await this.assertGrade(tenantId, patch.gradeId);
    const set: Updateable<ClassesTable> = { updated_at: this.clock.now().toISOString() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.code !== undefined) set.code = patch.code;
    if (patch.gradeId !== undefined) set.grade_id = patch.gradeId;
    if (patch.description !== undefined) set.description = patch.description;
    if (!(await this.repo.update(tenantId, row.id, row.version, set))) throw editConflict();
    return this.get(tenantId, row.id);
  }

  async remove(tenantId: string, classId: string): Promise<void> {
    const row = await this.repo.byId(tenantId, classId);
    if (!row) throw classNotFound(classId);
    if (!(await this.repo.softDelete(tenantId, row.id, row.version, this.clock.now().toISOString())))
      throw editConflict();
  }

  /** Puts a user of the tenant in the class with the role, or changes their role there. */
  async addMember(tenantId: string, classId: string, userId: string, role: ClassMemberRole): Promise<void> {
    if (!(await this.repo.byId(tenantId, classId))) throw classNotFound(classId);
    if (!(await this.users.byId(tenantId, userId)))
      throw notFound('user_not_found', 'There is no such user on this platform', { userId });
    const now = this.clock.now().toISOString();
    const place = await this.repo.member(tenantId, classId, userId);
    if (!place) {
      await this.repo.insertMember({
        id: uuidv7(this.clock.now().getTime()),
        tenant_id: tenantId,
        class_id: classId,
        user_id: userId,
        role,
        created_at: now,
        updated_at: now,
        version: 1,
        deleted_at: null,
      });
      return;
    }
    if (place.deleted_at === null && place.role === role) return;
    if (!(await this.repo.updateMember(place.id, place.version, { role, deleted_at: null, updated_at: now })))
      throw editConflict();
  }

  async removeMember(tenantId: string, classId: string, userId: string): Promise<void> {
    if (!(await this.repo.byId(tenantId, classId))) throw classNotFound(classId);
    const place = await this.repo.member(tenantId, classId, userId);
    if (!place || place.deleted_at !== null) {
      throw notFound('class_member_not_found', 'That user is not in this class', { classId, userId });
    }
    const now = this.clock.now().toISOString();
    if (!(await this.repo.updateMember(place.id, place.version, { deleted_at: now, updated_at: now })))
      throw editConflict();
  }

  private seesAll(viewer: ClassViewer): boolean {
    return viewer === null || viewer.isOperator || viewer.roles.includes('admin');
  }

  private async assertCodeFree(tenantId: string, code: string, exceptId: string | null): Promise<void> {
    const holder = await this.repo.byCode(tenantId, code);
    if (holder && holder.id !== exceptId)
      throw conflict('class_code_taken', `Another class already has the code "${code}"`, { code });
  }

  private async assertGrade(tenantId: string, gradeId: string): Promise<void> {
    if (!(await this.repo.isGrade(tenantId, gradeId))) {
      throw invalid('grade_not_found', 'That grade is not in this platform’s curriculum', { gradeId });
    }
  }
}

function summary(row: ClassWithCounts): ClassSummary {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    code: row.code,
    gradeId: row.grade_id,
    description: row.description,
    educatorCount: Number(row.educator_count),
    learnerCount: Number(row.learner_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
