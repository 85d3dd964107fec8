// Hand-made zips for the content tests: fflate's zipSync builds honest archives, and
// byte patches turn them into the malicious ones (symlinks, lying sizes, duplicates).
import { strToU8, zipSync, type Zippable } from 'fflate';

export function makeZip(files: Record<string, string | Uint8Array>, level: 0 | 6 | 9 = 6): Uint8Array {
  const input: Zippable = {};
  for (const [name, data] of Object.entries(files))
    input[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(input, { level });
}

/** A minimal EPUB: stored mimetype first, then a container. */
export function makeEpub(): Uint8Array {
  return zipSync(
    {
      mimetype: [strToU8('application/epub+zip'), { level: 0 }],
      'META-INF/container.xml': strToU8('<?xml version="1.0"?><container version="1.0"/>'),
      'OEBPS/content.opf': strToU8('<package/>'),
    },
    { level: 6 },
  );
}

const view = (zip: Uint8Array): DataView => new DataView(zip.buffer, zip.byteOffset, zip.byteLength);

function nameAt(zip: Uint8Array, at: number, length: number): string {
  return Buffer.from(zip.subarray(at, at + length)).toString('utf8');
}

/** Offsets of the central record and the local header of the entry called `name`. */
export function findEntry(zip: Uint8Array, name: string): { central: number; local: number } {
  const v = view(zip);
  for (let i = zip.length - 22; i >= 0; i--) {
    if (v.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = v.getUint16(i + 28, true);
    if (nameAt(zip, i + 46, nameLength) === name) return { central: i, local: v.getUint32(i + 42, true) };
  }
  throw new Error(`no entry ${name}`);
}

/** Marks the entry as a Unix symbolic link (made by Unix, mode 120777). */
export function markSymlink(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const { central } = findEntry(out, name);
  const v = view(out);
  v.setUint8(central + 5, 3);
  v.setUint32(central + 38, (0o120777 << 16) >>> 0, true);
  return out;
}

/** Claims a different uncompressed size, in both the central record and the local header. */
export function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const { central, local } = findEntry(out, name);
  const v = view(out);
  v.setUint32(central + 24, size, true);
  v.setUint32(local + 22, size, true);
  return out;
}

/** Renames an entry to a name of the same length, everywhere it is written. */
export function renameEntry(zip: Uint8Array, from: string, to: string): Uint8Array {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('same-length names only');
  const out = zip.slice();
  const { central, local } = findEntry(out, from);
  const bytes = Buffer.from(to, 'utf8');
  out.set(bytes, central + 46);
  out.set(bytes, local + 30);
  return out;
}

/** Corrupts one byte of an entry's stored data. */
export function flipDataByte(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const { local } = findEntry(out, name);
  const v = view(out);
  const dataStart = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
  out[dataStart] = (out[dataStart] ?? 0) ^ 0xff;
  return out;
}
