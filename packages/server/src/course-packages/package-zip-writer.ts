import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

// Writes a zip to disk as a stream: media files are copied in (stored, since video,
// audio and images are already compressed) chunk by chunk from the blob store, so
// exporting a course of several gigabytes needs little memory. The archive appears
// under its final name only once complete.

export type ZipItem = { path: string; compress: boolean } & ({ file: string } | { bytes: Uint8Array });

export async function writeZip(out: string, items: readonly ZipItem[], mtime: Date): Promise<number> {
  const partial = `${out}.part`;
  const stream: WriteStream = createWriteStream(partial);
  let failure: Error | null = null;
  let written = 0;
  const finished = new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => {
      failure ??= err;
      reject(err);
    };
    // A full disk or a missing folder surfaces here, not as an uncaught 'error' event.
    stream.on('error', fail);
    const zip = new Zip((err, chunk, final) => {
      if (err) {
        fail(err);
        return;
      }
      written += chunk.length;
      stream.write(chunk);
      if (final) resolve();
    });
    void (async () => {
      try {
        for (const item of items) {
          const entry = item.compress
            ? new ZipDeflate(item.path, { level: 6 })
            : new ZipPassThrough(item.path);
          entry.mtime = mtime;
          zip.add(entry);
          if ('bytes' in item) {
            entry.push(item.bytes, true);
          } else {
            for await (const chunk of createReadStream(item.file)) {
              entry.push(chunk as Buffer);
              if (stream.writableNeedDrain) await once(stream, 'drain');
              if (failure) throw failure;
            }
            entry.push(new Uint8Array(0), true);
          }
          if (stream.writableNeedDrain) await once(stream, 'drain');
          if (failure) throw failure;
        }
        zip.end();
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    })();
  });
  try {
    await finished;
    stream.end();
    await once(stream, 'finish');
    await rename(partial, out);
  } catch (err) {
    stream.destroy();
    await rm(partial, { force: true });
    throw err;
  }
  return written;
}
