import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

// Inside a bundle section (once gunzipped), a sequence of frames:
//   u32 big-endian header length · header (UTF-8 JSON) · u64 big-endian payload length · payload
// The header says what the payload is (a blob, a manifest, a page of records); a payload
// is streamed, never held whole, so a 4 GB video crosses in 64 KB pieces.

export const MAX_HEADER_BYTES = 1024 * 1024;

export class FrameError extends Error {}

/** Writes frames to a stream, waiting whenever it asks to (backpressure). */
export class FrameWriter {
  frames = 0;

  constructor(private readonly out: Writable) {}

  private async put(chunk: Buffer): Promise<void> {
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async frame(header: object, payload: Buffer | Readable, payloadBytes?: number): Promise<void> {
    const head = Buffer.from(JSON.stringify(header));
    const lengths = Buffer.alloc(4);
    lengths.writeUInt32BE(head.length);
    await this.put(lengths);
    await this.put(head);
    const size = Buffer.alloc(8);
    if (Buffer.isBuffer(payload)) {
      size.writeBigUInt64BE(BigInt(payload.length));
      await this.put(size);
      if (payload.length > 0) await this.put(payload);
    } else {
      if (payloadBytes === undefined) throw new Error('a streamed payload needs its length');
      size.writeBigUInt64BE(BigInt(payloadBytes));
      await this.put(size);
      let sent = 0;
      for await (const chunk of payload as AsyncIterable<Buffer>) {
        sent += chunk.length;
        if (sent > payloadBytes) throw new FrameError('a payload grew while it was being written');
        await this.put(chunk);
      }
      if (sent !== payloadBytes) throw new FrameError('a payload shrank while it was being written');
    }
    this.frames++;
  }
}

/** Reads frames off a byte stream, holding at most one chunk beyond what is asked for. */
export class FrameReader {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private done = false;
  private readonly source: AsyncIterator<Buffer>;

  constructor(stream: AsyncIterable<Buffer>) {
    this.source = stream[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<boolean> {
    while (this.bufferedBytes < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else {
        this.buffered.push(next.value);
        this.bufferedBytes += next.value.length;
      }
    }
    return this.bufferedBytes >= n;
  }

  private take(n: number): Buffer {
    const all = this.buffered.length === 1 ? (this.buffered[0] as Buffer) : Buffer.concat(this.buffered);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.bufferedBytes = rest.length;
    return out;
  }

  private async exact(n: number, what: string): Promise<Buffer> {
    if (!(await this.fill(n))) throw new FrameError(`the bundle ends in the middle of ${what}`);
    return Buffer.from(this.take(n));
  }

  /** The next frame's header and payload length, or null at the clean end of the section. */
  async next(): Promise<{ header: Record<string, unknown>; payloadBytes: number } | null> {
    if (!(await this.fill(1))) return null;
    const headLength = (await this.exact(4, 'a frame')).readUInt32BE(0);
    if (headLength > MAX_HEADER_BYTES) throw new FrameError('a frame header is too large');
    let header: unknown;
    try {
      header = JSON.parse((await this.exact(headLength, 'a frame header')).toString('utf8'));
    } catch (err) {
      if (err instanceof FrameError) throw err;
      throw new FrameError('a frame header is not JSON');
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header))
      throw new FrameError('a frame header is not an object');
    const payloadBytes = Number((await this.exact(8, 'a frame')).readBigUInt64BE(0));
    if (!Number.isSafeInteger(payloadBytes)) throw new FrameError('a frame payload is too large');
    return { header: header as Record<string, unknown>, payloadBytes };
  }

  /** The whole payload in memory (for small ones: manifests, pages of records). */
  async payload(bytes: number, limit: number): Promise<Buffer> {
    if (bytes > limit)
      throw new FrameError(`a frame payload of ${bytes} bytes is over the ${limit}-byte limit`);
    return this.exact(bytes, 'a frame payload');
  }

  /** The payload as chunks, for blobs: read it to the end before asking for the next frame. */
  async *stream(bytes: number): AsyncGenerator<Buffer> {
    let left = bytes;
    while (left > 0) {
      if (!(await this.fill(1))) throw new FrameError('the bundle ends in the middle of a file');
      const n = Math.min(left, this.bufferedBytes);
      left -= n;
      yield Buffer.from(this.take(n));
    }
  }
}
