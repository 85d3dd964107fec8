import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './fetch-blob.js';

const nodeSha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A Blob that refuses to be read whole and records the largest piece read, like a tab with little memory. */
class SliceOnlyBlob extends Blob {
  largestRead = 0;
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.reject(new Error(`read whole: ${this.size} bytes`));
  }
  override slice(start?: number, end?: number, contentType?: string): Blob {
    const piece = new Blob([this]).slice(start, end, contentType);
    this.largestRead = Math.max(this.largestRead, piece.size);
    return piece;
  }
}

describe('sha256Hex', () => {
  it('hashes a small file in one piece', async () => {
    const bytes = randomBytes(4096);
    expect(await sha256Hex(new Blob([bytes]))).toBe(nodeSha256(bytes));
    expect(await sha256Hex(new Blob([]))).toBe(nodeSha256(new Uint8Array()));
  });

  it('hashes a file above the limit slice by slice, never reading it whole', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const blob = new SliceOnlyBlob([bytes]);
    const digest = await sha256Hex(blob, { wholeFileBytes: 1024 * 1024, sliceBytes: 256 * 1024 });
    expect(digest).toBe(nodeSha256(bytes));
    expect(blob.largestRead).toBe(256 * 1024);
  });

  it('gives the same digest either way at the boundary', async () => {
    const bytes = randomBytes(64 * 1024);
    const whole = await sha256Hex(new Blob([bytes]), { wholeFileBytes: bytes.length, sliceBytes: 1000 });
    const sliced = await sha256Hex(new Blob([bytes]), { wholeFileBytes: bytes.length - 1, sliceBytes: 1000 });
    expect(sliced).toBe(whole);
    expect(whole).toBe(nodeSha256(bytes));
  });
});
