import type { CartridgeImportResponse, CourseImportReport } from '@satchel/core';
import type { ApiClient, UploadProgress } from '../../../api/client.js';

// The Common Cartridge import's calls (paths relative to /api/t/<slug>).

export const cartridgeApi = {
  importCartridge: (api: ApiClient, file: File, onProgress?: (progress: UploadProgress) => void) =>
    api.upload<CartridgeImportResponse>('/course-imports/common-cartridge', file, {
      query: { filename: file.name },
      contentType: 'application/zip',
      ...(onProgress ? { onProgress } : {}),
    }),

  report: async (api: ApiClient, courseId: string, signal?: AbortSignal): Promise<CourseImportReport> =>
    (
      await api.get<{ courseId: string; report: CourseImportReport }>(
        `/courses/${encodeURIComponent(courseId)}/import-report`,
        signal ? { signal } : {},
      )
    ).report,
};

/** Where an author reads an imported course's report again. */
export function importReportPath(courseId: string): string {
  return `/author/courses/${encodeURIComponent(courseId)}/import-report`;
}

export const IMPORT_CARTRIDGE_PATH = '/author/import-cartridge';
