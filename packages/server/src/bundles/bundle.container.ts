import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import {
  createBrotliCompress,
  createBrotliDecompress,
  createGunzip,
  createGzip,
  constants as zlib,
} from 'node:zlib';
import { z } from 'zod';
import { FrameReader, FrameWriter } from './frames.js';

// The bundle file, written front to back in one pass and read back with random access:
//
//   "SATCHELB"                                   8 bytes
//   section 1 … section n                        each an independent gzip or brotli stream of frames
//   trailer                                      JSON { manifest: "<the manifest JSON>", signature }
//   u64 big-endian trailer length · "SATCHEL-BUNDLE-1"   24-byte footer
//
// The manifest names every section with its offset, length and the SHA-256 of its
// compressed bytes, and is signed (Ed25519) by the instance that made it, so one
// signature covers every byte. A file cut short loses its footer and is refused as
// truncated; any changed byte fails the signature or a section hash.

const HEAD = Buffer.from('SATCHELB');
const FOOT = Buffer.from('SATCHEL-BUNDLE-1');
const FOOTER_BYTES = 8 + FOOT.length;
const MAX_TRAILER_BYTES = 16 * 1024 * 1024;
export const BUNDLE_FORMAT = 1;

export const SectionName = z.enum(['content', 'records']);
export type SectionName = z.infer<typeof SectionName>;

/** gzip for files (already compressed media: fast, little to gain); brotli for records (JSON: much smaller). */
export const Codec = z.enum(['gzip', 'brotli']);
export type Codec = z.infer<typeof Codec>;

export const SectionInfo = z.object({
  name: SectionName,
  codec: Codec,
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  frames: z.number().int().nonnegative(),
});
export type SectionInfo = z.infer<typeof SectionInfo>;

const Vector = z.record(z.string(), z.number());

export const BundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  bundleId: z.uuid(),
  createdAt: z.string(),
  /** With the platform's settings row when content travels, so a new hub can adopt the platform. */
  tenant: z.object({
    id: z.uuid(),
    slug: z.string(),
    settings: z.record(z.string(), z.unknown()).optional(),
  }),
  source: z.object({ instanceId: z.string().min(1), publicKey: z.string().min(1) }),
  /** The peer it was made for, when known. */
  for: z.string().nullable(),
  /** What the maker believed the peer already held: the bundle carries everything beyond it. */
  base: z.object({ vector: Vector, contentVersions: z.number().int().nonnegative() }),
  /** What the maker holds: the importer records it as the maker's known state, for its next export. */
  state: z.object({ vector: Vector.nullable(), contentVersions: z.array(z.string()) }),
  sections: z.array(SectionInfo),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

const Trailer = z.object({ manifest: z.string(), signature: z.string() });

/** A refusal of a bundle file, with a stable code the CLI prints. */
export class BundleError extends Error {
  constructor(
    readonly code:
      | 'not_a_bundle'
      | 'truncated'
      | 'bad_signature'
      | 'untrusted_key'
      | 'damaged'
      | 'foreign_tenant'
      | 'unsupported_format',
    message: string,
  ) {
    super(message);
  }
}

export function publicKeyText(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

export function publicKeyFrom(text: string): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new BundleError(
      'untrusted_key',
      'That is not an Ed25519 public key (base64 SPKI, as `satchel bundle key` prints)',
    );
  }
}

/** A short, readable name of a key, to compare by eye. */
export function fingerprint(publicKey: string): string {
  return createHash('sha256')
    .update(publicKey)
    .digest('hex')
    .slice(0, 16)
    .replace(/(.{4})(?!$)/g, '$1:');
}

export type SectionBody = (frames: FrameWriter) => Promise<void>;

/**
 * Writes a bundle to `path` (through `path.partial`, renamed when complete and synced).
 * `manifestFor` receives the section table and returns the rest of the manifest.
 */
export async function writeBundle(
  path: string,
  sections: readonly { name: SectionName; codec: Codec; body: SectionBody }[],
  manifestFor: (sections: SectionInfo[]) => BundleManifest,
  privateKey: KeyObject,
): Promise<{ bytes: number; manifest: BundleManifest }> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { flags: 'w' });
  let offset = 0;
  const write = async (chunk: Buffer): Promise<void> => {
    offset += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    await write(HEAD);
    const infos: SectionInfo[] = [];
    for (const section of sections) {
      const start = offset;
      const hash = createHash('sha256');
      const gzip =
        section.codec === 'gzip'
          ? createGzip({ level: 1 })
          : createBrotliCompress({
              params: {
                [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
                [zlib.BROTLI_PARAM_QUALITY]: 6,
                [zlib.BROTLI_PARAM_LGWIN]: 22,
              },
            });
      let pumpError: unknown = null;
      const pumped = (async () => {
        for await (const chunk of gzip as AsyncIterable<Buffer>) {
          hash.update(chunk);
          await write(chunk);
        }
      })().catch((err: unknown) => {
        pumpError = err;
      });
      const frames = new FrameWriter(gzip);
      try {
        await section.body(frames);
      } finally {
        gzip.end();
        await pumped;
      }
      if (pumpError !== null) throw pumpError;
      infos.push({
        name: section.name,
        codec: section.codec,
        offset: start,
        length: offset - start,
        sha256: hash.digest('hex'),
        frames: frames.frames,
      });
    }
    const manifest = BundleManifest.parse(manifestFor(infos));
    const manifestJson = JSON.stringify(manifest);
    const signature = sign(null, Buffer.from(manifestJson), privateKey).toString('base64');
    const trailer = Buffer.from(JSON.stringify({ manifest: manifestJson, signature }));
    await write(trailer);
    const footer = Buffer.alloc(FOOTER_BYTES);
    footer.writeBigUInt64BE(BigInt(trailer.length));
    FOOT.copy(footer, 8);
    await write(footer);
    out.end();
    await once(out, 'finish');
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, path);
    return { bytes: offset, manifest };
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}

export interface OpenedBundle {
  manifest: BundleManifest;
  manifestJson: string;
  signature: string;
  size: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Reads and checks the frame of a bundle: head, footer, trailer, manifest schema. The signature is checked apart. */
export async function openBundle(path: string): Promise<OpenedBundle> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = await readAt(handle, 0, HEAD.length);
    if (!head.equals(HEAD)) throw new BundleError('not_a_bundle', `${path} is not a Satchel bundle`);
    const footer =
      size >= HEAD.length + FOOTER_BYTES ? await readAt(handle, size - FOOTER_BYTES, FOOTER_BYTES) : null;
    if (!footer?.subarray(8).equals(FOOT))
      throw new BundleError(
        'truncated',
        `${path} is incomplete (truncated: its end is missing); copy it again`,
      );
    const trailerBytes = Number(footer.readBigUInt64BE(0));
    const trailerStart = size - FOOTER_BYTES - trailerBytes;
    if (trailerBytes > MAX_TRAILER_BYTES || trailerStart < HEAD.length)
      throw new BundleError('damaged', `${path} is damaged (its table of contents is out of place)`);
    let trailer: z.infer<typeof Trailer>;
    let manifest: BundleManifest;
    try {
      trailer = Trailer.parse(
        JSON.parse((await readAt(handle, trailerStart, trailerBytes)).toString('utf8')),
      );
      const raw = JSON.parse(trailer.manifest) as { format?: unknown };
      if (raw.format !== BUNDLE_FORMAT)
        throw new BundleError(
          'unsupported_format',
          `${path} is a bundle of format ${String(raw.format)}; this Satchel reads format ${BUNDLE_FORMAT}`,
        );
      manifest = BundleManifest.parse(raw);
    } catch (err) {
      if (err instanceof BundleError) throw err;
      throw new BundleError('damaged', `${path} is damaged (its table of contents cannot be read)`);
    }
    for (const s of manifest.sections)
      if (s.offset < HEAD.length || s.offset + s.length > trailerStart)
        throw new BundleError('damaged', `${path} is damaged (section ${s.name} is out of place)`);
    return { manifest, manifestJson: trailer.manifest, signature: trailer.signature, size };
  } finally {
    await handle.close();
  }
}

/** Whether `key` signed this manifest. */
export function signatureValid(opened: OpenedBundle, key: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(opened.manifestJson), key, Buffer.from(opened.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Hashes every section against the (signed) manifest before anything is applied. */
export async function verifySections(path: string, opened: OpenedBundle): Promise<void> {
  for (const s of opened.manifest.sections) {
    const hash = createHash('sha256');
    if (s.length > 0)
      for await (const chunk of createReadStream(path, { start: s.offset, end: s.offset + s.length - 1 }))
        hash.update(chunk as Buffer);
    if (hash.digest('hex') !== s.sha256)
      throw new BundleError(
        'damaged',
        `${path} is damaged: section ${s.name} does not match its signed SHA-256`,
      );
  }
}

/** The frames of one section, streamed and decompressed. */
export function sectionFrames(path: string, section: SectionInfo): FrameReader {
  const raw = createReadStream(path, { start: section.offset, end: section.offset + section.length - 1 });
  const gunzip = section.codec === 'gzip' ? createGunzip() : createBrotliDecompress();
  raw.on('error', (err) => gunzip.destroy(err));
  raw.pipe(gunzip);
  return new FrameReader(gunzip as AsyncIterable<Buffer>);
}
