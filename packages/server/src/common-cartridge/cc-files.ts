import { Readable } from 'node:stream';
import {
  inflateEntry,
  listZipEntries,
  readEntry,
  type ZipEntry,
  type ZipLimits,
} from '../content/zip-safety.js';
import type { ZipSource } from '../content/zip-source.js';
import { cartridgeError } from './cc-xml.js';
import { MANIFEST } from './cc-manifest.js';

// A cartridge's files, read through the content domain's zip safety: every name,
// size and the archive's layout are checked from its table of contents before a
// byte is inflated. A cartridge zipped with its folder (course/imsmanifest.xml) is
// read as if the folder were the root.

export interface CartridgeFiles {
  /** File paths, relative to the cartridge's root. */
  readonly names: ReadonlySet<string>;
  size(path: string): number | undefined;
  read(path: string, maxBytes: number): Promise<Buffer>;
  head(path: string, n: number): Promise<Buffer>;
  stream(path: string): Readable;
}

const FOREIGN: { file: string; what: string }[] = [
  { file: 'h5p.json', what: 'an H5P package (h5p.json): add it as an H5P activity' },
  { file: 'cmi5.xml', what: 'a cmi5 course (cmi5.xml): import it as a cmi5 activity' },
  { file: 'tincan.xml', what: 'an xAPI (Tin Can) package (tincan.xml), not a Common Cartridge' },
  { file: 'course.json', what: 'a Satchel course package (course.json): use `satchel course import`' },
];

export async function openCartridge(source: ZipSource, limits: ZipLimits): Promise<CartridgeFiles> {
  const entries = (await listZipEntries(source, limits)).filter((e) => !e.isDirectory);
  const byName = new Map(entries.map((e) => [e.path, e]));
  let prefix = '';
  const rootHas = (file: string, p: string): boolean => byName.has(p + file);
  const tops = new Set(entries.map((e) => e.path.split('/')[0]));
  const only = tops.size === 1 ? [...tops][0] : undefined;
  if (!byName.has(MANIFEST) && only && entries.every((e) => e.path.includes('/'))) prefix = `${only}/`;

  if (!rootHas(MANIFEST, prefix)) {
    const foreign = FOREIGN.find((f) => rootHas(f.file, prefix));
    if (foreign) throw cartridgeError(foreign.file, 'other_standard', `This is ${foreign.what}`);
    throw cartridgeError(
      MANIFEST,
      entries.length === 0 ? 'not_a_cartridge' : 'missing_manifest',
      'This zip has no imsmanifest.xml at its root, so it is not a Common Cartridge',
    );
  }
  const files = new Map<string, ZipEntry>();
  for (const e of entries) if (e.path.startsWith(prefix)) files.set(e.path.slice(prefix.length), e);
  const entry = (path: string): ZipEntry => {
    const found = files.get(path);
    if (!found) throw new Error(`no cartridge file ${path}`);
    return found;
  };
  return {
    names: new Set(files.keys()),
    size: (path) => files.get(path)?.size,
    read: async (path, maxBytes) => Buffer.from(await readEntry(source, entry(path), maxBytes)),
    async head(path, n) {
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of inflateEntry(source, entry(path), limits.maxEntryBytes)) {
        chunks.push(Buffer.from(chunk));
        length += chunk.length;
        if (length >= n) break;
      }
      return Buffer.concat(chunks).subarray(0, n);
    },
    stream: (path) => Readable.from(inflateEntry(source, entry(path), limits.maxEntryBytes)),
  };
}
