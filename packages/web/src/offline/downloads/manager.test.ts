import type { BlobRef, CourseManifest, CoursePage } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { DownloadError, fetchBlob, sha256Hex, type FetchDeps } from './fetch-blob.js';
import { bytesNeeded, deleteCourse, downloadCourse, type Progress } from './manager.js';
import { MemoryStore } from './memory-store.js';
import { planCourse } from './plan.js';
import { courseKey } from './store.js';

// The download logic against an in-memory store and a scripted server (fetch). The IndexedDB store and
// real HTTP are covered by e2e/offline-downloads.e2e.ts in Chromium.

const bytes = (length: number, seed: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 251);

async function refOf(data: Uint8Array, mediaType = 'application/octet-stream'): Promise<BlobRef> {
  return { sha256: await sha256Hex(new Blob([data.slice().buffer])), size: data.length, mediaType };
}

type Fault = 'drop-midway' | 'corrupt' | 'error-500' | 'garbage' | 'network';

/** A server of blobs and JSON, honouring `Range`, with faults queued per URL. */
class FakeServer {
  readonly files = new Map<string, Uint8Array>();
  readonly json = new Map<string, string>();
  readonly faults = new Map<string, Fault[]>();
  readonly requests: { url: string; range: string | null }[] = [];

  fault(url: string, ...faults: Fault[]): void {
    this.faults.set(url, [...(this.faults.get(url) ?? []), ...faults]);
  }

  fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    this.requests.push({ url, range: headers.get('range') });
    const fault = this.faults.get(url)?.shift();
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault === 'error-500') return new Response('{"error":{}}', { status: 500 });
    if (fault === 'garbage') {
      const page = '<html>proxy error</html>';
      return new Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    const text = this.json.get(url);
    if (text !== undefined) return new Response(text, { status: 200 });
    const file = this.files.get(url);
    if (!file) return new Response('', { status: 404 });
    let body = file;
    let status = 200;
    const range = /^bytes=(\d+)-$/.exec(headers.get('range') ?? '');
    const responseHeaders = new Headers();
    if (range) {
      const start = Number(range[1]);
      body = file.slice(start);
      status = 206;
      responseHeaders.set('content-range', `bytes ${start}-${file.length - 1}/${file.length}`);
    }
    if (fault === 'corrupt') {
      body = body.slice();
      body[0] = (body[0]! + 1) % 256;
    }
    if (fault === 'drop-midway') {
      const half = body.slice(0, Math.floor(body.length / 2));
      let pulls = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulls++ === 0) controller.enqueue(half);
          else controller.error(new TypeError('network connection lost'));
        },
      });
      return new Response(stream, { status, headers: responseHeaders });
    }
    return new Response(body.slice().buffer, { status, headers: responseHeaders });
  };
}

function deps(store: MemoryStore, server: FakeServer, overrides: Partial<FetchDeps> = {}): FetchDeps {
  return {
    store,
    fetch: server.fetch,
    digest: sha256Hex,
    sleep: async () => undefined,
    chunkBytes: 1000,
    attempts: 4,
    backoffMs: 1,
    ...overrides,
  };
}

describe('fetchBlob', () => {
  it('resumes a dropped connection with a Range request and keeps the file once its hash matches', async () => {
    const data = bytes(10_000, 1);
    const ref = await refOf(data);
    const server = new FakeServer();
    const url = `/api/t/x/blobs/${ref.sha256}`;
    server.files.set(url, data);
    server.fault(url, 'drop-midway');
    const store = new MemoryStore();
    await fetchBlob(deps(store, server), url, ref);
    expect(server.requests.map((r) => r.range)).toEqual([null, 'bytes=5000-']);
    const kept = await store.getBlob(ref.sha256);
    expect(new Uint8Array(await kept!.data.arrayBuffer())).toEqual(data);
    expect(await store.getPartial(ref.sha256)).toBeNull();
  });

  it('resumes where a closed tab left off (the kept offset), asking only for the rest', async () => {
    const data = bytes(4000, 2);
    const ref = await refOf(data);
    const server = new FakeServer();
    const url = `/b/${ref.sha256}`;
    server.files.set(url, data);
    const store = new MemoryStore();
    await store.appendChunk(ref.sha256, ref.size, 0, data.slice(0, 1500));
    await fetchBlob(deps(store, server), url, ref);
    expect(server.requests.map((r) => r.range)).toEqual(['bytes=1500-']);
    expect(await store.hasBlob(ref.sha256)).toBe(true);
  });

  it('fetches a file again from its first byte when its hash does not match, and never keeps the bad bytes', async () => {
    const data = bytes(3000, 3);
    const ref = await refOf(data);
    const server = new FakeServer();
    const url = `/b/${ref.sha256}`;
    server.files.set(url, data);
    server.fault(url, 'corrupt');
    const store = new MemoryStore();
    const stored: string[] = [];
    const original = store.putBlob.bind(store);
    store.putBlob = async (blob) => {
      stored.push(await sha256Hex(blob.data));
      await original(blob);
    };
    await fetchBlob(deps(store, server), url, ref);
    expect(server.requests.map((r) => r.range)).toEqual([null, null]);
    expect(stored).toEqual([ref.sha256]);
  });

  it('gives up with an integrity error when every try is corrupt', async () => {
    const data = bytes(100, 4);
    const ref = await refOf(data);
    const server = new FakeServer();
    const url = `/b/${ref.sha256}`;
    server.files.set(url, data);
    server.fault(url, 'corrupt', 'corrupt', 'corrupt', 'corrupt');
    const store = new MemoryStore();
    const error = await fetchBlob(deps(store, server), url, ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).code).toBe('integrity');
    expect(await store.hasBlob(ref.sha256)).toBe(false);
    expect(await store.partialKeys()).toEqual([]);
  });

  it('retries 5xx, garbage and network failures with growing pauses', async () => {
    const data = bytes(2000, 5);
    const ref = await refOf(data);
    const server = new FakeServer();
    const url = `/b/${ref.sha256}`;
    server.files.set(url, data);
    server.fault(url, 'error-500', 'network', 'garbage');
    const pauses: number[] = [];
    const store = new MemoryStore();
    await fetchBlob(
      deps(store, server, { sleep: async (ms) => void pauses.push(ms), attempts: 5 }),
      url,
      ref,
    );
    expect(pauses).toEqual([1, 2, 4]);
    expect(await store.hasBlob(ref.sha256)).toBe(true);
  });

  it('stops with a quota error on a full disk and keeps the files already downloaded', async () => {
    const first = bytes(1500, 6);
    const second = bytes(5000, 7);
    const [a, b] = [await refOf(first), await refOf(second)];
    const server = new FakeServer();
    server.files.set(`/b/${a.sha256}`, first);
    server.files.set(`/b/${b.sha256}`, second);
    const store = new MemoryStore(4000);
    await fetchBlob(deps(store, server), `/b/${a.sha256}`, a);
    const error = await fetchBlob(deps(store, server), `/b/${b.sha256}`, b).catch((e: unknown) => e);
    expect((error as DownloadError).code).toBe('quota');
    const kept = await store.getBlob(a.sha256);
    expect(new Uint8Array(await kept!.data.arrayBuffer())).toEqual(first);
    expect(await store.hasBlob(b.sha256)).toBe(false);
  });

  it('fails at once, without retrying, when the session has ended', async () => {
    const ref = await refOf(bytes(10, 8));
    const server = new FakeServer();
    const url = `/b/${ref.sha256}`;
    server.fetch = async (u, init) => {
      server.requests.push({ url: u, range: new Headers(init.headers).get('range') });
      return new Response('', { status: 401 });
    };
    const error = await fetchBlob(deps(new MemoryStore(), server), url, ref).catch((e: unknown) => e);
    expect((error as DownloadError).code).toBe('signed-out');
    expect(server.requests).toHaveLength(1);
  });
});

const uuid = (n: number): string => `0190a0b0-0000-7000-8000-${String(n).padStart(12, '0')}`;

async function publishedCourse(
  server: FakeServer,
  version: number,
  files: Uint8Array[],
): Promise<{ manifest: CourseManifest; refs: BlobRef[] }> {
  const refs = await Promise.all(files.map((file) => refOf(file, 'application/pdf')));
  for (const [i, ref] of refs.entries()) server.files.set(`/api/t/demo/blobs/${ref.sha256}`, files[i]!);
  const manifest = {
    schema: 1,
    courseId: uuid(1),
    versionId: uuid(100 + version),
    version,
    variantGroupId: null,
    publishedAt: '2026-11-28T10:00:00.000Z',
    title: 'Numbers',
    description: '',
    language: 'en',
    categoryId: null,
    tags: { gradeIds: [], subjectIds: [], outcomeIds: [] },
    audiences: [],
    coverImage: null,
    prerequisiteCourseIds: [],
    modules: [
      {
        id: uuid(2),
        title: 'One',
        lessons: refs.map((file, i) => ({
          id: uuid(10 + i),
          title: `Sheet ${i}`,
          kind: 'pdf' as const,
          file,
          required: true,
          outcomeIds: [],
        })),
      },
    ],
  } satisfies CourseManifest;
  const page = { course: manifest } as unknown as CoursePage;
  server.json.set(`/api/t/demo/courses/${uuid(1)}`, JSON.stringify(page));
  server.json.set(`/api/t/demo/me/progress/${uuid(1)}`, '{"course":null,"lessons":[]}');
  return { manifest, refs };
}

describe('downloadCourse', () => {
  const request = { slug: 'demo', userId: 'u1', courseId: uuid(1), saver: 'full' as const };

  it('keeps the manifest, every file and the pages’ answers, reporting progress up to the total', async () => {
    const server = new FakeServer();
    const { manifest, refs } = await publishedCourse(server, 1, [bytes(2500, 1), bytes(1200, 2)]);
    const store = new MemoryStore();
    const seen: Progress[] = [];
    const record = await downloadCourse(deps(store, server), { ...request, onProgress: (p) => seen.push(p) });
    expect(record.complete?.versionId).toBe(manifest.versionId);
    expect(record.pending).toBeNull();
    expect(seen.at(-1)).toEqual({ done: 3700, total: 3700 });
    expect(seen.every((p, i) => i === 0 || p.done >= seen[i - 1]!.done)).toBe(true);
    for (const ref of refs) expect(await store.hasBlob(ref.sha256)).toBe(true);
    expect(JSON.parse((await store.getManifest(manifest.versionId))!.body)).toEqual(manifest);
    expect(await store.getResponse(`u1|/api/t/demo/courses/${uuid(1)}`)).not.toBeNull();
    expect(await store.getResponse(`u1|/api/t/demo/me/progress/${uuid(1)}`)).not.toBeNull();
  });

  it('keeps the old version usable until the new one is complete, then drops its unused files', async () => {
    const server = new FakeServer();
    const shared = bytes(800, 9);
    const v1 = await publishedCourse(server, 1, [shared, bytes(900, 10)]);
    const store = new MemoryStore();
    await downloadCourse(deps(store, server), request);

    const v2 = await publishedCourse(server, 2, [shared, bytes(700, 11)]);
    const newFile = v2.refs[1]!;
    server.fault(`/api/t/demo/blobs/${newFile.sha256}`, 'network', 'network', 'network', 'network');
    const failed = await downloadCourse(deps(store, server), request).catch((e: unknown) => e);
    expect((failed as DownloadError).code).toBe('network');
    const during = await store.getCourse(courseKey('demo', uuid(1)));
    expect(during?.complete?.versionId).toBe(v1.manifest.versionId);
    expect(during?.pending?.versionId).toBe(v2.manifest.versionId);
    for (const ref of v1.refs) expect(await store.hasBlob(ref.sha256)).toBe(true);

    await downloadCourse(deps(store, server), request);
    const after = await store.getCourse(courseKey('demo', uuid(1)));
    expect(after?.complete?.versionId).toBe(v2.manifest.versionId);
    expect(await store.hasBlob(v1.refs[1]!.sha256)).toBe(false);
    expect(await store.hasBlob(shared.length ? v1.refs[0]!.sha256 : '')).toBe(true);
    expect(await store.getManifest(v1.manifest.versionId)).toBeNull();
  });

  it('deletes a course but not the files another course still needs', async () => {
    const server = new FakeServer();
    const { refs } = await publishedCourse(server, 1, [bytes(300, 12)]);
    const store = new MemoryStore();
    await downloadCourse(deps(store, server), request);
    await store.putCourse({
      key: 'demo/other',
      slug: 'demo',
      courseId: 'other',
      title: 'Other',
      language: 'en',
      complete: {
        versionId: 'v',
        version: 1,
        blobs: [refs[0]!.sha256],
        bytes: 300,
        saver: 'full',
        substitutes: {},
      },
      pending: null,
      pathIds: [],
      savedAt: '',
    });
    await deleteCourse(store, courseKey('demo', uuid(1)));
    expect(await store.getCourse(courseKey('demo', uuid(1)))).toBeNull();
    expect(await store.hasBlob(refs[0]!.sha256)).toBe(true);
    expect(await store.getResponse(`u1|/api/t/demo/courses/${uuid(1)}`)).toBeNull();
    await deleteCourse(store, 'demo/other');
    expect(await store.blobKeys()).toEqual([]);
  });

  it('measures what is left to fetch, counting partly fetched files', async () => {
    const server = new FakeServer();
    const { manifest, refs } = await publishedCourse(server, 1, [bytes(1000, 13), bytes(500, 14)]);
    const store = new MemoryStore();
    const plan = planCourse(manifest, 'full');
    expect(await bytesNeeded(store, plan)).toBe(1500);
    await store.appendChunk(refs[0]!.sha256, 1000, 0, bytes(400, 13));
    expect(await bytesNeeded(store, plan)).toBe(1100);
  });
});
