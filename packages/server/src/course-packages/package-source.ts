import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { bufferSource, openFileSource, type ZipSource } from '../content/zip-source.js';
import { COURSE_JSON, isSafePackagePath } from './course-package.schema.js';
import { openPackageZip, PACKAGE_ZIP_LIMITS, type PackageZip } from './package-zip.js';

// Where a package's files come from: a folder on disk (optionally layered over
// shared folders, as the demo courses share one media folder) or a zip archive.
// Paths are always package paths: relative, with forward slashes.

export interface PackageSource {
  /** The folder or file, for messages. */
  readonly label: string;
  /** The size of a file, or null when the package has no such file. */
  size(path: string): Promise<number | null>;
  read(path: string): Promise<Buffer>;
  /** Up to `n` leading bytes, to recognise the format without reading a whole video. */
  head(path: string, n: number): Promise<Buffer>;
  stream(path: string): Promise<Readable>;
  /** Every file under a folder path ending in "/", recursively, as package paths. */
  list(folder: string): Promise<string[]>;
  /** Releases an open zip file; folders need nothing. */
  close?(): Promise<void>;
}

export class PackageSourceError extends Error {}

/**
 * A package folder. `layers` are further folders searched, in order, for paths
 * the package folder lacks. A symbolic link is followed only when it stays inside
 * the folder it was found in, so a package cannot read the rest of the disk.
 */
export async function directorySource(root: string, layers: readonly string[] = []): Promise<PackageSource> {
  const roots: string[] = [];
  for (const dir of [root, ...layers]) {
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) throw new PackageSourceError(`${dir} is not a folder`);
    roots.push(await realpath(dir));
  }

  const locate = async (path: string): Promise<string | null> => {
    if (!isSafePackagePath(path)) return null;
    for (const base of roots) {
      const candidate = join(base, ...path.split('/'));
      const real = await realpath(candidate).catch(() => null);
      if (real === null || (real !== base && !real.startsWith(base + sep))) continue;
      const info = await stat(real).catch(() => null);
      if (info?.isFile()) return real;
    }
    return null;
  };
  const mustLocate = async (path: string): Promise<string> => {
    const file = await locate(path);
    if (!file) throw new PackageSourceError(`the package has no file "${path}"`);
    return file;
  };

  return {
    label: root,
    async size(path) {
      const file = await locate(path);
      return file ? (await stat(file)).size : null;
    },
    read: async (path) => readFile(await mustLocate(path)),
    async head(path, n) {
      const handle = await open(await mustLocate(path), 'r');
      try {
        const buffer = Buffer.alloc(n);
        const { bytesRead } = await handle.read(buffer, 0, n, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    stream: async (path) => createReadStream(await mustLocate(path)),
    async list(folder) {
      const found = new Set<string>();
      for (const base of roots) {
        const dir = join(base, ...folder.replace(/\/$/, '').split('/'));
        for (const file of await walk(base, dir)) found.add(file);
      }
      return [...found].sort();
    },
  };
}

/** Files under `dir` as paths relative to `base`; links that leave `base` are skipped. */
async function walk(base: string, dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const info = await lstat(full);
    let target = full;
    if (info.isSymbolicLink()) {
      const real = await realpath(full).catch(() => null);
      if (real === null || !real.startsWith(base + sep)) continue;
      target = real;
    }
    const kind = await stat(target);
    if (kind.isDirectory()) out.push(...(await walk(base, full)));
    else if (kind.isFile()) out.push(relative(base, full).split(sep).join('/'));
  }
  return out;
}

/**
 * A zipped package, from a file (read as needed, never whole into memory) or
 * from bytes. A zip made by compressing the package folder itself (one top-level
 * folder holding course.json) is accepted as well as one with course.json at its root.
 */
export async function zipFileSource(path: string): Promise<PackageSource> {
  const file = await openFileSource(path).catch((err: unknown) => {
    throw new PackageSourceError(
      `${path} cannot be read (${err instanceof Error ? err.message : String(err)})`,
    );
  });
  try {
    return await zipSourceOf(file, path, () => file.close());
  } catch (err) {
    await file.close();
    throw err;
  }
}

export async function zipBufferSource(bytes: Uint8Array, label: string): Promise<PackageSource> {
  return zipSourceOf(bufferSource(bytes), label, () => Promise.resolve());
}

async function zipSourceOf(
  source: ZipSource,
  label: string,
  close: () => Promise<void>,
): Promise<PackageSource> {
  const zip: PackageZip = await openPackageZip(source, PACKAGE_ZIP_LIMITS);
  const names = [...zip.entries.keys()];
  let prefix = '';
  if (!zip.entries.has(COURSE_JSON)) {
    const tops = new Set(names.map((n) => n.split('/')[0]));
    const only = tops.size === 1 ? [...tops][0] : undefined;
    if (only && zip.entries.has(`${only}/${COURSE_JSON}`)) prefix = `${only}/`;
  }
  const entryName = (path: string): string | null => {
    if (!isSafePackagePath(path)) return null;
    const name = prefix + path;
    return zip.entries.has(name) ? name : null;
  };
  const mustFind = (path: string): string => {
    const name = entryName(path);
    if (name === null) throw new PackageSourceError(`the package has no file "${path}"`);
    return name;
  };
  return {
    label,
    size: (path) => {
      const name = entryName(path);
      return Promise.resolve(name === null ? null : (zip.entries.get(name) ?? null));
    },
    read: async (path) => Buffer.from(await zip.read(mustFind(path))),
    async head(path, n) {
      const chunks: Buffer[] = [];
      let length = 0;
      const stream = zip.stream(mustFind(path));
      // Stop inflating as soon as the head is in: a video's first bytes, not the video.
      for await (const chunk of stream) {
        const buffer = Buffer.from(chunk as Uint8Array);
        chunks.push(buffer);
        length += buffer.length;
        if (length >= n) break;
      }
      stream.destroy();
      return Buffer.concat(chunks).subarray(0, n);
    },
    stream: (path) => Promise.resolve(zip.stream(mustFind(path))),
    list: (folder) => {
      const at = prefix + folder;
      return Promise.resolve(
        names
          .filter((n) => n.startsWith(at))
          .map((n) => n.slice(prefix.length))
          .sort(),
      );
    },
    close,
  };
}
