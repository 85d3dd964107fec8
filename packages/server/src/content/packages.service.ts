import type { BlobRef, CourseManifest, Html5Package } from '@satchel/core';
import { notFound } from '../http/errors.js';
import { parseJson } from '../platform/json.js';
import type { BlobStore } from './blob-store.js';
import { itemPackage } from './library.presenter.js';
import type { LibraryRepo } from './library.repo.js';
import { Lru } from './lru.js';

// Files of html5 packages, for playback in a sandboxed frame, by two URL schemes:
//   /api/t/:tenant/library/:itemId/package/<path>           an author's preview
//   /api/t/:tenant/packages/:versionId/:lessonId/<path>     a published lesson
// Package file maps are immutable (a published version never changes; an item's
// package is never replaced), so parsed maps are cached.

export type PackageHit = { kind: 'file'; path: string; ref: BlobRef } | { kind: 'entry'; entry: string };

const packageMissing = () => notFound('package_not_found', 'There is no such html5 package');

export class PackageFiles {
  private readonly cache = new Lru<string, Html5Package>(64);

  constructor(
    private readonly repo: LibraryRepo,
    private readonly blobs: BlobStore,
  ) {}

  async libraryFile(tenantId: string, itemId: string, path: string): Promise<PackageHit> {
    const key = `${tenantId}/item/${itemId}`;
    let pkg = this.cache.get(key);
    if (pkg) {
      // Cached maps stay valid, but a deleted item stops being served.
      if (!(await this.repo.exists(tenantId, itemId))) throw packageMissing();
    } else {
      const row = await this.repo.byId(tenantId, itemId);
      pkg = row ? (itemPackage(row) ?? undefined) : undefined;
      if (!pkg) throw packageMissing();
      this.cache.set(key, pkg);
    }
    return this.resolve(tenantId, pkg, path);
  }

  async lessonFile(tenantId: string, versionId: string, lessonId: string, path: string): Promise<PackageHit> {
    const key = `${tenantId}/version/${versionId}/${lessonId}`;
    let pkg = this.cache.get(key);
    if (!pkg) {
      const text = await this.repo.versionManifest(tenantId, versionId);
      if (!text) throw packageMissing();
      pkg = lessonPackage(parseJson<CourseManifest>(text, 'course_versions.manifest'), lessonId);
      if (!pkg) throw packageMissing();
      this.cache.set(key, pkg);
    }
    return this.resolve(tenantId, pkg, path);
  }

  private async resolve(tenantId: string, pkg: Html5Package, rawPath: string): Promise<PackageHit> {
    if (rawPath === '') return { kind: 'entry', entry: pkg.entry };
    const path = rawPath.endsWith('/') ? `${rawPath}index.html` : rawPath;
    const ref = Object.hasOwn(pkg.files, path) ? pkg.files[path] : undefined;
    if (!ref) throw notFound('package_file_not_found', 'The package has no such file', { path });
    // The map names blobs by hash: serve only those this tenant actually stores.
    const owned = await this.blobs.stat(tenantId, ref.sha256);
    if (!owned) throw notFound('blob_not_found', 'This platform has no such file', { path });
    return { kind: 'file', path, ref: owned };
  }
}

function lessonPackage(manifest: CourseManifest, lessonId: string): Html5Package | undefined {
  for (const module of manifest.modules ?? []) {
    for (const lesson of module.lessons ?? []) {
      if (lesson.id !== lessonId) continue;
      // h5p lessons are read file by file by the H5P player; cmi5 AUs by their launch URL.
      if (lesson.kind === 'html5') return { entry: lesson.entry, files: lesson.files };
      if (lesson.kind === 'h5p') return { entry: 'h5p.json', files: lesson.files };
      if (lesson.kind === 'cmi5') return { entry: lesson.au.url.split('?')[0] ?? '', files: lesson.files };
    }
  }
  return undefined;
}
