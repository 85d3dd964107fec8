// Response shapes the web app reads. Shared schemas live in @satchel/core; only their types are imported
// here, because the zod schemas themselves are too heavy for the first-load bundle.
import type { Me, PublicTenant } from '@satchel/core';

export type { Me, PublicTenant, Role } from '@satchel/core';

export interface MeResponse {
  readonly user: Me;
}

export interface PublicTenantResponse {
  readonly tenant: PublicTenant;
}

export interface TenantSummary {
  readonly slug: string;
  readonly name: string;
}

export interface TenantListResponse {
  readonly items: readonly TenantSummary[];
}

export type CourseStatus = 'not_started' | 'in_progress' | 'completed';

/** One course the signed-in user is enrolled in, from `GET /api/t/:slug/me/courses`. */
export interface MyCourse {
  readonly courseId: string;
  readonly title: string;
  readonly language: string;
  readonly coverUrl: string | null;
  /** 0 to 100. */
  readonly percent: number;
  readonly status: CourseStatus;
  readonly lastActivityAt: string | null;
  readonly nextLessonId: string | null;
}

export interface MyCoursesResponse {
  readonly items: readonly MyCourse[];
}
