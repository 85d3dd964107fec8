import { z } from 'zod';
import { Page, SlugParam } from './common.api.js';
import { QueryFlag } from './users.api.js';

// Classes: a group of learners with their educators (a school class, a cohort,
// a Learning Cinema group). Codes identify classes in CSV rosters.

export const ClassMemberRole = z.enum(['educator', 'learner']);
export type ClassMemberRole = z.infer<typeof ClassMemberRole>;

export const ClassCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, 'no control characters');

export const ClassSummary = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  name: z.string(),
  code: z.string().nullable(),
  /** A grade of the tenant's curriculum, when the class is for one grade. */
  gradeId: z.string().nullable(),
  description: z.string(),
  educatorCount: z.number().int(),
  learnerCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ClassSummary = z.infer<typeof ClassSummary>;

export const ClassMember = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: ClassMemberRole,
});
export type ClassMember = z.infer<typeof ClassMember>;

export const ClassDetail = ClassSummary.extend({ members: z.array(ClassMember) });
export type ClassDetail = z.infer<typeof ClassDetail>;

export const ClassParams = SlugParam.extend({ classId: z.uuid() });

export const ClassListQuery = z.object({
  /** Only classes the caller teaches. Educators who are not admins always get only these. */
  mine: QueryFlag.default(false),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ClassListQuery = z.infer<typeof ClassListQuery>;

export const CreateClassRequest = z
  .object({
    name: z.string().trim().min(1).max(120),
    code: ClassCode.nullable().optional(),
    gradeId: z.string().min(1).max(64).nullable().optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .strict();
export type CreateClassRequest = z.input<typeof CreateClassRequest>;

export const UpdateClassRequest = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    code: ClassCode.nullable().optional(),
    gradeId: z.string().min(1).max(64).nullable().optional(),
    description: z.string().trim().max(2000).optional(),
    /** The version the editor saw; a stale version is refused with 409 edit_conflict. */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateClassRequest = z.infer<typeof UpdateClassRequest>;

export const AddClassMemberRequest = z.object({ userId: z.uuid(), role: ClassMemberRole }).strict();
export type AddClassMemberRequest = z.infer<typeof AddClassMemberRequest>;
export const RemoveClassMemberRequest = z.object({ userId: z.uuid() }).strict();
export type RemoveClassMemberRequest = z.infer<typeof RemoveClassMemberRequest>;

export const ClassResponse = z.object({ class: ClassDetail });
export const ClassListResponse = Page(ClassSummary);
export type ClassListResponse = z.infer<typeof ClassListResponse>;
