import type { Readable } from 'node:stream';
import type { CourseImportReport } from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import { openFileSource } from '../content/zip-source.js';
import { notFound } from '../http/errors.js';
import { importCartridge, type CartridgeImportResult, type CartridgeImportServices } from './cc-import.js';
import type { CourseImportReportsRepo } from './common-cartridge.repo.js';

/** Common Cartridge imports for authors (an uploaded .imscc) and the CLI (a file on disk). */
export class CommonCartridgeService {
  constructor(
    private readonly services: CartridgeImportServices & { blobs: Pick<BlobStore, 'stage'> },
    private readonly reports: CourseImportReportsRepo,
  ) {}

  /** An uploaded cartridge: staged to a temporary file (within the upload limit), imported, removed. */
  async importUpload(
    tenantId: string,
    actorId: string,
    body: Readable,
    declaredBytes: number | undefined,
    filename: string | undefined,
  ): Promise<CartridgeImportResult> {
    const staged = await this.services.blobs.stage(tenantId, body, { declaredBytes });
    try {
      return await this.importFile(tenantId, actorId, staged.path, filename ?? 'cartridge.imscc');
    } finally {
      await this.services.blobs.discard([staged]);
    }
  }

  async importFile(
    tenantId: string,
    actorId: string | null,
    path: string,
    sourceName: string,
  ): Promise<CartridgeImportResult> {
    const source = await openFileSource(path);
    try {
      return await importCartridge(this.services, tenantId, source, { actorId, sourceName });
    } finally {
      await source.close();
    }
  }

  async report(tenantId: string, courseId: string): Promise<CourseImportReport> {
    const report = await this.reports.find(tenantId, courseId);
    if (!report)
      throw notFound('import_report_not_found', 'This course was not imported from a cartridge', {
        courseId,
      });
    return report;
  }
}
