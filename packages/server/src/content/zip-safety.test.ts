import { beforeAll, describe, expect, it } from 'vitest';
import {
  flipDataByte,
  lieAboutSize,
  makeZip,
  markSymlink,
  renameEntry,
} from '../test-support/zip-fixtures.js';
import {
  DEFAULT_ZIP_LIMITS,
  inflateEntry,
  listZipEntries,
  UnsafeZipError,
  verifyZip,
  type ZipLimits,
  type ZipRule,
} from './zip-safety.js';
import { bufferSource, type ZipSource } from './zip-source.js';

async function refusal(
  zip: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ entry: string | null; rule: ZipRule }> {
  try {
    await verifyZip(bufferSource(zip), limits);
  } catch (err) {
    if (err instanceof UnsafeZipError) {
      expect(err.status).toBe(400);
      expect(err.code).toBe('unsafe_zip');
      expect(err.details).toEqual({ entry: err.entry, rule: err.rule });
      return { entry: err.entry, rule: err.rule };
    }
    throw err;
  }
  throw new Error('the zip was accepted');
}

/** Counts the bytes read, to prove what was never inflated. */
function counting(source: ZipSource): ZipSource & { bytesRead: number } {
  const counted = {
    size: source.size,
    bytesRead: 0,
    async read(offset: number, length: number) {
      const bytes = await source.read(offset, length);
      counted.bytesRead += bytes.length;
      return bytes;
    },
  };
  return counted;
}

describe('zip safety', () => {
  it('lists and inflates an honest archive, folders and all', async () => {
    const zip = makeZip({
      'index.html': '<h1>hi</h1>',
      'js/app.js': 'console.log(1)'.repeat(1000),
      'empty.txt': '',
    });
    const entries = await verifyZip(bufferSource(zip));
    expect(entries.map((e) => e.path).sort()).toEqual(['empty.txt', 'index.html', 'js/app.js']);
    const app = entries.find((e) => e.path === 'js/app.js');
    const chunks: Uint8Array[] = [];
    for await (const chunk of inflateEntry(bufferSource(zip), app!)) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('console.log(1)'.repeat(1000));
  });

  it('refuses path traversal, absolute paths, drive letters and backslashes, naming the entry', async () => {
    expect(await refusal(makeZip({ 'ok.txt': 'a', '../evil.sh': 'b' }))).toEqual({
      entry: '../evil.sh',
      rule: 'path_traversal',
    });
    expect(await refusal(makeZip({ 'site/../../etc/passwd': 'b' }))).toEqual({
      entry: 'site/../../etc/passwd',
      rule: 'path_traversal',
    });
    expect(await refusal(makeZip({ '/etc/cron.d/x': 'b' }))).toEqual({
      entry: '/etc/cron.d/x',
      rule: 'absolute_path',
    });
    expect(await refusal(makeZip({ 'C:/Windows/x.dll': 'b' }))).toEqual({
      entry: 'C:/Windows/x.dll',
      rule: 'drive_letter',
    });
    expect(await refusal(makeZip({ 'a\\..\\b.txt': 'b' }))).toEqual({
      entry: 'a\\..\\b.txt',
      rule: 'backslash',
    });
    expect(await refusal(makeZip({ 'a//b.txt': 'b' }))).toEqual({ entry: 'a//b.txt', rule: 'invalid_path' });
  });

  it('refuses an entry whose attributes mark a symbolic link', async () => {
    const zip = markSymlink(makeZip({ 'index.html': 'x', link: '/etc/passwd' }), 'link');
    expect(await refusal(zip)).toEqual({ entry: 'link', rule: 'symlink' });
  });

  it('refuses two entries with the same path', async () => {
    const zip = renameEntry(makeZip({ 'a.txt': 'one', 'b.txt': 'two' }), 'b.txt', 'a.txt');
    expect(await refusal(zip)).toEqual({ entry: 'a.txt', rule: 'duplicate_path' });
  });

  it('refuses more entries than the limit before reading any of them', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= DEFAULT_ZIP_LIMITS.maxEntries; i++) files[`f${i}.txt`] = 'x';
    expect(await refusal(makeZip(files, 0))).toEqual({ entry: null, rule: 'too_many_entries' });
  });

  it('refuses entries and archives that declare more than the limits', async () => {
    const zip = makeZip({ 'a.bin': new Uint8Array(3000), 'b.bin': new Uint8Array(3000) });
    expect(await refusal(zip, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 2000 })).toEqual({
      entry: 'a.bin',
      rule: 'entry_too_large',
    });
    expect(await refusal(zip, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 5000 })).toEqual({
      entry: 'b.bin',
      rule: 'total_too_large',
    });
  });

  it('detects damage: a wrong checksum, a short entry, garbage instead of a zip', async () => {
    const zip = makeZip({ 'a.txt': 'hello hello hello' }, 0);
    expect(await refusal(flipDataByte(zip, 'a.txt'))).toEqual({ entry: 'a.txt', rule: 'crc_mismatch' });
    const deflated = makeZip({ 'a.txt': 'hello '.repeat(500) });
    expect(await refusal(lieAboutSize(deflated, 'a.txt', 5000))).toEqual({
      entry: 'a.txt',
      rule: 'size_mismatch',
    });
    expect(await refusal(new TextEncoder().encode('this is not a zip at all'))).toEqual({
      entry: null,
      rule: 'not_a_zip',
    });
  });

  describe('a 100 MB zip bomb', () => {
    let bomb: Uint8Array;
    beforeAll(() => {
      bomb = makeZip({ 'index.html': 'hi', 'bomb.bin': new Uint8Array(100 * 1024 * 1024) }, 9);
    }, 60_000);

    it('is refused from its declared size alone when that is over the limit', async () => {
      const source = counting(bufferSource(bomb));
      await expect(
        listZipEntries(source, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 10 * 1024 * 1024 }),
      ).rejects.toMatchObject({
        entry: 'bomb.bin',
        rule: 'entry_too_large',
      });
      // Only the end of the file was read, to find the table of contents; nothing was inflated.
      expect(source.bytesRead).toBeLessThan(70_000 + 200);
    });

    it('that lies about its size is stopped as soon as it inflates past the lie, long before 100 MB', async () => {
      const liar = lieAboutSize(bomb, 'bomb.bin', 1000);
      const entry = (await listZipEntries(bufferSource(liar))).find((e) => e.path === 'bomb.bin')!;
      expect(entry.compressedSize).toBeGreaterThan(90_000);
      const source = counting(bufferSource(liar));
      let produced = 0;
      const run = async (): Promise<void> => {
        for await (const chunk of inflateEntry(source, entry)) produced += chunk.length;
      };
      await expect(run()).rejects.toMatchObject({ entry: 'bomb.bin', rule: 'declared_size_exceeded' });
      expect(produced).toBeLessThanOrEqual(1000);
      // One read of compressed data at most: a small fraction of the entry.
      expect(source.bytesRead).toBeLessThan(entry.compressedSize / 4);
    });
  });
});
