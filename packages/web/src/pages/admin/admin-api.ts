import type {
  AssignEnrolmentRequest,
  CatalogResponse,
  ClassDetail,
  ClassListResponse,
  ClassMemberRole,
  ClassReportResponse,
  CoursesReportResponse,
  CreateClassRequest,
  CreatedLrsCredential,
  CreateUserRequest,
  CurriculumResponse,
  Enrolment,
  EnrolmentListResponse,
  ImportReport,
  LibraryItemResponse,
  LibraryListResponse,
  LrsCredential,
  PathListResponse,
  Role,
  TenantSettings,
  UpdateClassRequest,
  UpdateTenantRequest,
  UpdateUserRequest,
  User,
  UserListResponse,
  UserStatus,
} from '@satchel/core';
import type { ApiClient, UploadProgress } from '../../api/client.js';
import { ApiError, errorFromResponse } from '../../api/errors.js';

// The admin, educator and reports pages' calls, typed with core's API schemas (types only: the zod
// schemas stay on the server). Paths are relative to /api/t/<slug>.

const segment = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface UserQuery {
  readonly q?: string;
  readonly role?: Role;
  readonly status?: UserStatus;
  readonly limit: number;
  readonly offset: number;
}

export interface EnrolmentQuery {
  readonly courseId?: string;
  readonly pathId?: string;
  readonly classId?: string;
  readonly userId?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

/**
 * A DELETE that carries a JSON body (removing a class member names the user in the body). The shared
 * client sends an empty object with every DELETE, so this one call goes through fetch directly.
 */
async function deleteWithBody<T>(api: ApiClient, path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(api.url(path), {
      method: 'DELETE',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
  }
  const text = await response.text();
  if (!response.ok) throw errorFromResponse(response.status, text, response.headers.get('Retry-After'));
  return JSON.parse(text) as T;
}

export const adminApi = {
  // Platform settings
  settings: (api: ApiClient, signal?: AbortSignal) =>
    api.get<TenantSettings>('/settings', withSignal(signal)),
  saveSettings: (api: ApiClient, patch: UpdateTenantRequest) => api.patch<TenantSettings>('/settings', patch),
  images: (api: ApiClient, signal?: AbortSignal) =>
    api.get<LibraryListResponse>('/library', { query: { kind: 'image', limit: 200 }, ...withSignal(signal) }),
  uploadImage: async (
    api: ApiClient,
    file: File,
    meta: { readonly title: string; readonly licence: string },
    onProgress?: (progress: UploadProgress) => void,
  ) =>
    (
      await api.upload<LibraryItemResponse>('/library/uploads', file, {
        query: { kind: 'image', title: meta.title, licence: meta.licence },
        contentType: file.type.startsWith('image/') ? file.type : 'application/octet-stream',
        ...(onProgress ? { onProgress } : {}),
      })
    ).item,

  // Users
  users: (api: ApiClient, query: UserQuery, signal?: AbortSignal) =>
    api.get<UserListResponse>('/users', { query: { ...query }, ...withSignal(signal) }),
  createUser: async (api: ApiClient, body: CreateUserRequest) =>
    (await api.post<{ user: User }>('/users', body)).user,
  updateUser: async (api: ApiClient, userId: string, patch: UpdateUserRequest) =>
    (await api.patch<{ user: User }>(`/users/${segment(userId)}`, patch)).user,
  deleteUser: (api: ApiClient, userId: string) => api.delete<void>(`/users/${segment(userId)}`),
  setPassword: (api: ApiClient, userId: string, password: string) =>
    api.post<void>(`/users/${segment(userId)}/password`, { password }),
  importUsers: (
    api: ApiClient,
    file: Blob,
    dryRun: boolean,
    onProgress?: (progress: UploadProgress) => void,
    signal?: AbortSignal,
  ) =>
    api.upload<ImportReport>('/users/import', file, {
      query: { dryRun },
      contentType: 'text/csv',
      ...(onProgress ? { onProgress } : {}),
      ...withSignal(signal),
    }),

  // Classes
  classes: (
    api: ApiClient,
    query: { readonly q?: string; readonly mine?: boolean; readonly limit: number; readonly offset: number },
    signal?: AbortSignal,
  ) => api.get<ClassListResponse>('/classes', { query: { ...query }, ...withSignal(signal) }),
  classDetail: async (api: ApiClient, classId: string, signal?: AbortSignal) =>
    (await api.get<{ class: ClassDetail }>(`/classes/${segment(classId)}`, withSignal(signal))).class,
  createClass: async (api: ApiClient, body: CreateClassRequest) =>
    (await api.post<{ class: ClassDetail }>('/classes', body)).class,
  updateClass: async (api: ApiClient, classId: string, patch: UpdateClassRequest) =>
    (await api.patch<{ class: ClassDetail }>(`/classes/${segment(classId)}`, patch)).class,
  deleteClass: (api: ApiClient, classId: string) => api.delete<void>(`/classes/${segment(classId)}`),
  addMember: async (api: ApiClient, classId: string, userId: string, role: ClassMemberRole) =>
    (await api.post<{ class: ClassDetail }>(`/classes/${segment(classId)}/members`, { userId, role })).class,
  removeMember: async (api: ApiClient, classId: string, userId: string) =>
    (await deleteWithBody<{ class: ClassDetail }>(api, `/classes/${segment(classId)}/members`, { userId }))
      .class,
  curriculum: (api: ApiClient, signal?: AbortSignal) =>
    api.get<CurriculumResponse>('/curriculum', withSignal(signal)),

  // Enrolments
  enrolments: (api: ApiClient, query: EnrolmentQuery, signal?: AbortSignal) =>
    api.get<EnrolmentListResponse>('/enrolments', { query: { ...query }, ...withSignal(signal) }),
  assign: (api: ApiClient, body: AssignEnrolmentRequest) => api.post<Enrolment>('/enrolments', body),
  unassign: (api: ApiClient, enrolmentId: string) => api.delete<void>(`/enrolments/${segment(enrolmentId)}`),
  publishedCourses: (api: ApiClient, q: string, signal?: AbortSignal) =>
    api.get<CatalogResponse>('/catalog', {
      query: { q: q || undefined, pageSize: 100 },
      ...withSignal(signal),
    }),
  paths: (api: ApiClient, signal?: AbortSignal) => api.get<PathListResponse>('/paths', withSignal(signal)),

  // LRS credentials
  lrsCredentials: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: LrsCredential[] }>('/lrs-credentials', withSignal(signal)),
  createLrsCredential: (api: ApiClient, name: string) =>
    api.post<CreatedLrsCredential>('/lrs-credentials', { name }),
  revokeLrsCredential: (api: ApiClient, credentialId: string) =>
    api.delete<void>(`/lrs-credentials/${segment(credentialId)}`),

  // Reports
  coursesReport: (api: ApiClient, signal?: AbortSignal) =>
    api.get<CoursesReportResponse>('/reports/courses', withSignal(signal)),
  classReport: (api: ApiClient, classId: string, signal?: AbortSignal) =>
    api.get<ClassReportResponse>(`/reports/classes/${segment(classId)}`, withSignal(signal)),
  coursesCsvUrl: (api: ApiClient) => api.url('/reports/courses', { format: 'csv' }),
  courseCsvUrl: (api: ApiClient, courseId: string) =>
    api.url(`/reports/courses/${segment(courseId)}`, { format: 'csv' }),
  classCsvUrl: (api: ApiClient, classId: string) =>
    api.url(`/reports/classes/${segment(classId)}`, { format: 'csv' }),
};
