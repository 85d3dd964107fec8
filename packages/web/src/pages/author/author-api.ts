import type {
  AuthoringCourse,
  AuthoringCourseList,
  CategoryListResponse,
  CourseVersionList,
  CurriculumResponse,
  DraftCourseContent,
  EnrolmentPolicy,
  LibraryItemDetail,
  LibraryItemResponse,
  LibraryListResponse,
  PublishResponse,
  QuestionImportResponse,
  TenantSettings,
  UpdateLibraryItemRequest,
} from '@satchel/core';
import type { ApiClient, QueryValue, UploadProgress } from '../../api/client.js';

// The author area's calls, typed with core's API schemas (types only: the schemas stay on the server).
// Paths are relative to /api/t/<slug>.

const segment = encodeURIComponent;
const COURSES = '/authoring/courses';

export interface Transfer {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: UploadProgress) => void;
}

export const authorApi = {
  library: (api: ApiClient, query: Record<string, QueryValue>, signal?: AbortSignal) =>
    api.get<LibraryListResponse>('/library', { query, ...(signal ? { signal } : {}) }),

  libraryItem: async (api: ApiClient, itemId: string, signal?: AbortSignal): Promise<LibraryItemDetail> =>
    (await api.get<LibraryItemResponse>(`/library/${segment(itemId)}`, signal ? { signal } : {})).item,

  upload: async (
    api: ApiClient,
    file: File,
    query: Record<string, QueryValue>,
    contentType: string,
    transfer: Transfer = {},
  ): Promise<LibraryItemDetail> =>
    (await api.upload<LibraryItemResponse>('/library/uploads', file, { ...transfer, query, contentType }))
      .item,

  updateItem: async (
    api: ApiClient,
    itemId: string,
    patch: UpdateLibraryItemRequest,
  ): Promise<LibraryItemDetail> =>
    (await api.patch<LibraryItemResponse>(`/library/${segment(itemId)}`, patch)).item,

  deleteItem: (api: ApiClient, itemId: string) => api.delete<void>(`/library/${segment(itemId)}`),

  addCaptions: async (
    api: ApiClient,
    itemId: string,
    file: File,
    lang: string,
    label: string,
    transfer: Transfer = {},
  ) =>
    (
      await api.upload<LibraryItemResponse>(`/library/${segment(itemId)}/captions`, file, {
        ...transfer,
        query: { lang, label },
        contentType: 'text/vtt',
      })
    ).item,

  removeCaptions: async (api: ApiClient, itemId: string, lang: string) =>
    (await api.delete<LibraryItemResponse>(`/library/${segment(itemId)}/captions/${segment(lang)}`)).item,

  /** Storage use and limits; only administrators may read the platform settings. */
  settings: (api: ApiClient, signal?: AbortSignal) =>
    api.get<TenantSettings>('/settings', signal ? { signal } : {}),

  courses: (api: ApiClient, query: { q?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<AuthoringCourseList>(COURSES, { query, ...(signal ? { signal } : {}) }),

  course: (api: ApiClient, courseId: string, signal?: AbortSignal) =>
    api.get<AuthoringCourse>(`${COURSES}/${segment(courseId)}`, signal ? { signal } : {}),

  createCourse: (
    api: ApiClient,
    content: Pick<DraftCourseContent, 'title' | 'language'>,
    enrolmentPolicy: EnrolmentPolicy,
  ) => api.post<AuthoringCourse>(COURSES, { content: { ...content, modules: [] }, enrolmentPolicy }),

  saveCourse: (
    api: ApiClient,
    courseId: string,
    body: { expectedVersion: number; content: DraftCourseContent; enrolmentPolicy: EnrolmentPolicy },
  ) => api.put<AuthoringCourse>(`${COURSES}/${segment(courseId)}`, body, { timeoutMs: 60_000 }),

  publish: (api: ApiClient, courseId: string) =>
    api.post<PublishResponse>(`${COURSES}/${segment(courseId)}/publish`, {}, { timeoutMs: 60_000 }),

  versions: (api: ApiClient, courseId: string, signal?: AbortSignal) =>
    api.get<CourseVersionList>(`${COURSES}/${segment(courseId)}/versions`, signal ? { signal } : {}),

  createVariant: (api: ApiClient, courseId: string, language: string, title?: string) =>
    api.post<AuthoringCourse>(`${COURSES}/${segment(courseId)}/variants`, {
      language,
      ...(title ? { title } : {}),
    }),

  importQuestions: (
    api: ApiClient,
    courseId: string,
    lessonId: string,
    sheet: File,
    options: { mode: 'append' | 'replace'; expectedVersion: number },
  ) =>
    api.upload<QuestionImportResponse>(
      `${COURSES}/${segment(courseId)}/lessons/${segment(lessonId)}/questions/import`,
      sheet,
      { query: { mode: options.mode, expectedVersion: options.expectedVersion }, contentType: 'text/csv' },
    ),

  curriculum: (api: ApiClient, signal?: AbortSignal) =>
    api.get<CurriculumResponse>('/curriculum', signal ? { signal } : {}),

  categories: (api: ApiClient, signal?: AbortSignal) =>
    api.get<CategoryListResponse>('/categories', signal ? { signal } : {}),
};
