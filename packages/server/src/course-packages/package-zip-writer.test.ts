import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeZip } from './package-zip-writer.js';

describe('writing a package zip', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'satchel-zip-writer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('streams files and bytes into a zip that unpacks to the same content', async () => {
    const media = join(dir, 'film.bin');
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    writeFileSync(media, big);
    const out = join(dir, 'p.zip');
    const written = await writeZip(
      out,
      [
        { path: 'course.json', bytes: strToU8('{"title":"x"}'), compress: true },
        { path: 'media/film.bin', file: media, compress: false },
      ],
      new Date('2026-01-01T00:00:00Z'),
    );
    const zip = readFileSync(out);
    expect(written).toBe(zip.length);
    const files = unzipSync(new Uint8Array(zip));
    expect(Buffer.from(files['media/film.bin']!).equals(big)).toBe(true);
    expect(new TextDecoder().decode(files['course.json'])).toBe('{"title":"x"}');
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('fails cleanly, leaving no file, when the folder does not exist', async () => {
    const out = join(dir, 'missing', 'p.zip');
    await expect(
      writeZip(out, [{ path: 'a.txt', bytes: strToU8('a'), compress: true }], new Date()),
    ).rejects.toThrow(/ENOENT/);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves no zip behind when a file to add has gone', async () => {
    const out = join(dir, 'p.zip');
    await expect(
      writeZip(out, [{ path: 'gone.bin', file: join(dir, 'gone.bin'), compress: false }], new Date()),
    ).rejects.toThrow(/ENOENT/);
    expect(existsSync(out) || existsSync(`${out}.part`)).toBe(false);
  });
});
