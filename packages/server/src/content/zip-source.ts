import { open } from 'node:fs/promises';

/** Random access to a zip's bytes: in memory, or a staged upload read from disk as needed. */
export interface ZipSource {
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer only at the end of the data. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bufferSource(bytes: Uint8Array): ZipSource {
  return {
    size: bytes.length,
    read: (offset, length) =>
      Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}

export interface FileZipSource extends ZipSource {
  close(): Promise<void>;
}

export async function openFileSource(path: string): Promise<FileZipSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(want);
      let filled = 0;
      while (filled < want) {
        const { bytesRead } = await handle.read(buffer, filled, want - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    },
    close: () => handle.close(),
  };
}
