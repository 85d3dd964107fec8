import type { Readable } from 'node:stream';
import {
  LibraryUploadQuery,
  uuidv7,
  type BlobRef,
  type Captions,
  type CaptionsUploadQuery,
  type Html5Package,
  type LibraryItem,
  type LibraryItemDetail,
  type LibraryKind,
  type LibraryListQuery,
  type UpdateLibraryItemRequest,
} from '@satchel/core';
import type { TenantRef } from '../http/context.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { BlobStore } from './blob-store.js';
import { importHtml5Package } from './html5-package.js';
import { presentDetail, presentItem } from './library.presenter.js';
import type { LibraryItemRow, LibraryRepo } from './library.repo.js';
import { receiveCaptions, receiveUpload, withStagedZip, type ReceivedContent } from './library.uploads.js';
import type { ZipLimits } from './zip-safety.js';
import { bufferSource } from './zip-source.js';

/** What other domains (demo seed, course import) give to make a library item from stored blobs. */
export interface CreateLibraryItemInput {
  kind: LibraryKind;
  title: string;
  licence: string;
  /** The stored file; for html5 and h5p, `package` instead. */
  file?: BlobRef;
  package?: Html5Package;
  author?: string;
  provider?: string;
  sourceUrl?: string;
  language?: string;
  description?: string;
}

const Metadata = LibraryUploadQuery.omit({ kind: true });

const editConflict = () => conflict('edit_conflict', 'Someone else changed this item; reload and try again');

export class LibraryService {
  constructor(
    private readonly repo: LibraryRepo,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
  ) {}

  /** An uploaded body (a stream, never buffered) becomes a checked, attributed library item. */
  async upload(
    tenant: TenantRef,
    actorId: string | null,
    body: Readable,
    meta: LibraryUploadQuery,
    declaredBytes?: number,
  ): Promise<LibraryItemDetail> {
    const received = await receiveUpload(this.blobs, tenant.id, meta.kind, body, declaredBytes);
    return presentDetail(await this.insert(tenant.id, actorId, meta, received), tenant.slug);
  }

  /** Makes an item of blobs the tenant already stores. `tenant` is a ref or a tenant id. */
  async create(
    tenantOrId: TenantRef | string,
    actorId: string | null,
    input: CreateLibraryItemInput,
  ): Promise<LibraryItemDetail> {
    const tenant = typeof tenantOrId === 'string' ? await this.tenantRef(tenantOrId) : tenantOrId;
    const meta = Metadata.parse(input);
    let received: ReceivedContent;
    if (input.kind === 'html5' || input.kind === 'h5p') {
      if (!input.package)
        throw invalid('package_required', `An ${input.kind} item needs its unpacked package`);
      const files = Object.values(input.package.files);
      await this.requireBlobs(
        tenant.id,
        files.map((f) => f.sha256),
      );
      received = {
        file: null,
        package: input.package,
        size: files.reduce((s, f) => s + f.size, 0),
        mediaType: 'application/zip',
      };
    } else {
      if (!input.file) throw invalid('file_required', 'A library item needs its stored file');
      await this.requireBlobs(tenant.id, [input.file.sha256]);
      received = { file: input.file, package: null, size: input.file.size, mediaType: input.file.mediaType };
    }
    return presentDetail(
      await this.insert(tenant.id, actorId, { ...meta, kind: input.kind }, received),
      tenant.slug,
    );
  }

  /**
   * Unpacks an html5 zip into the tenant's blobs (each file its own blob) and returns
   * the package a lesson carries. A stream is staged to disk first, never held in memory.
   */
  async importHtml5(tenantId: string, zip: Uint8Array | Readable, limits?: ZipLimits): Promise<Html5Package> {
    if (zip instanceof Uint8Array) return importHtml5Package(this.blobs, tenantId, bufferSource(zip), limits);
    const staged = await this.blobs.stage(tenantId, zip);
    const pkg = await withStagedZip(this.blobs, staged, (source) =>
      importHtml5Package(this.blobs, tenantId, source, limits),
    );
    await this.blobs.discard([staged]);
    return pkg;
  }

  async list(tenant: TenantRef, query: LibraryListQuery): Promise<{ items: LibraryItem[]; total: number }> {
    const { rows, total } = await this.repo.list(tenant.id, query);
    return { items: rows.map((r) => presentItem(r, tenant.slug)), total };
  }

  async get(tenant: TenantRef, itemId: string): Promise<LibraryItemDetail> {
    return presentDetail(await this.row(tenant.id, itemId), tenant.slug);
  }

  async update(
    tenant: TenantRef,
    itemId: string,
    patch: UpdateLibraryItemRequest,
  ): Promise<LibraryItemDetail> {
    const row = await this.row(tenant.id, itemId);
    if (patch.version !== undefined && patch.version !== row.version) throw editConflict();
    const keep = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
    const ok = await this.repo.update(tenant.id, itemId, row.version, {
      title: keep(patch.title, row.title),
      description: keep(patch.description, row.description),
      licence: keep(patch.licence, row.licence),
      author: keep(patch.author, row.author),
      provider: keep(patch.provider, row.provider),
      source_url: keep(patch.sourceUrl, row.source_url),
      language: keep(patch.language, row.language),
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw editConflict();
    return this.get(tenant, itemId);
  }

  /**
   * Leaves a tombstone. The blobs stay: published course versions may use them, and
   * they are immutable by design.
   */
  async remove(tenant: TenantRef, itemId: string): Promise<void> {
    const row = await this.row(tenant.id, itemId);
    const now = this.clock.now().toISOString();
    if (!(await this.repo.update(tenant.id, itemId, row.version, { deleted_at: now, updated_at: now })))
      throw editConflict();
  }

  /** Adds (or replaces, by language) a WebVTT captions track of a video or audio item. */
  async addCaptions(
    tenant: TenantRef,
    itemId: string,
    track: CaptionsUploadQuery,
    body: Readable,
    declaredBytes?: number,
  ): Promise<LibraryItemDetail> {
    const row = await this.row(tenant.id, itemId);
    if (row.kind !== 'video' && row.kind !== 'audio') {
      throw invalid('captions_not_supported', 'Only video and audio items have captions', { kind: row.kind });
    }
    const file = await receiveCaptions(this.blobs, tenant.id, body, declaredBytes);
    return this.setCaptions(tenant, itemId, (captions) => [
      ...captions.filter((c) => c.lang !== track.lang),
      { lang: track.lang, label: track.label, file },
    ]);
  }

  async removeCaptions(tenant: TenantRef, itemId: string, lang: string): Promise<LibraryItemDetail> {
    return this.setCaptions(tenant, itemId, (captions) => {
      if (!captions.some((c) => c.lang === lang))
        throw notFound('captions_not_found', 'This item has no captions in that language', { lang });
      return captions.filter((c) => c.lang !== lang);
    });
  }

  private async setCaptions(
    tenant: TenantRef,
    itemId: string,
    change: (current: Captions[]) => Captions[],
  ): Promise<LibraryItemDetail> {
    // Re-read after the (possibly long) upload, so a concurrent edit is not overwritten.
    const row = await this.row(tenant.id, itemId);
    const captions = change(parseJson<Captions[]>(row.captions, 'library_items.captions')).sort((a, b) =>
      a.lang.localeCompare(b.lang),
    );
    const ok = await this.repo.update(tenant.id, itemId, row.version, {
      captions: JSON.stringify(captions),
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw editConflict();
    return this.get(tenant, itemId);
  }

  private async insert(
    tenantId: string,
    actorId: string | null,
    meta: LibraryUploadQuery,
    content: ReceivedContent,
  ): Promise<LibraryItemRow> {
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    await this.repo.insert({
      id,
      tenant_id: tenantId,
      kind: meta.kind,
      title: meta.title,
      description: meta.description ?? '',
      language: meta.language ?? null,
      blob_sha256: content.file?.sha256 ?? null,
      size: content.size,
      media_type: content.mediaType,
      licence: meta.licence,
      author: meta.author ?? null,
      provider: meta.provider ?? null,
      source_url: meta.sourceUrl ?? null,
      captions: '[]',
      package: content.package ? JSON.stringify(content.package) : null,
      duration_seconds: null,
      created_by: actorId,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    return this.row(tenantId, id);
  }

  private async requireBlobs(tenantId: string, sha256s: readonly string[]): Promise<void> {
    const missing = await this.blobs.missing(tenantId, sha256s);
    if (missing.length > 0)
      throw invalid('blob_not_found', 'Some files are not stored on this platform', {
        missing: missing.slice(0, 20),
      });
  }

  private async tenantRef(tenantId: string): Promise<TenantRef> {
    const slug = await this.repo.tenantSlug(tenantId);
    if (!slug) throw notFound('tenant_not_found', 'This platform does not exist');
    return { id: tenantId, slug };
  }

  private async row(tenantId: string, itemId: string): Promise<LibraryItemRow> {
    const row = await this.repo.byId(tenantId, itemId);
    if (!row) throw notFound('library_item_not_found', 'There is no such item in the library', { itemId });
    return row;
  }
}
