import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../offline/downloads/memory-store.js';
import { learnerMetaKey, responseKey, type CourseDownload } from '../offline/downloads/store.js';
import { answer, concerns, loadIndex, matchApi, type ApiRoute, type OfflineDeps } from './offline.js';
import { parseByteRange } from './range.js';

// The service worker's answers for downloaded courses, against an in-memory store; the real worker and
// IndexedDB run in e2e/offline-downloads.e2e.ts.

const SHA = (c: string): string => c.repeat(64);
const VERSION = '0190a0b0-0000-7000-8000-000000000101';
const NEWER = '0190a0b0-0000-7000-8000-000000000102';
const COURSE = '0190a0b0-0000-7000-8000-000000000001';
const LESSON = '0190a0b0-0000-7000-8000-000000000010';
const ORIGIN = 'https://satchel.test';

const manifest = {
  versionId: VERSION,
  courseId: COURSE,
  title: 'Numbers',
  modules: [
    {
      id: 'm',
      title: 'M',
      lessons: [
        {
          id: LESSON,
          kind: 'html5',
          title: 'Game',
          entry: 'game/index.html',
          files: { 'game/index.html': { sha256: SHA('c'), size: 5, mediaType: 'text/html' } },
        },
      ],
    },
  ],
};

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const text = (s: string) => new Blob([s]);
  await store.putBlob({ sha256: SHA('a'), size: 10, mediaType: 'video/webm', data: text('0123456789') });
  await store.putBlob({ sha256: SHA('c'), size: 5, mediaType: 'text/html', data: text('<p>1</p>') });
  const record: CourseDownload = {
    key: `demo/${COURSE}`,
    slug: 'demo',
    courseId: COURSE,
    title: 'Numbers',
    language: 'en',
    complete: {
      versionId: VERSION,
      version: 1,
      blobs: [SHA('a'), SHA('c')],
      bytes: 15,
      saver: 'small-video',
      substitutes: { [SHA('b')]: SHA('a') },
    },
    pending: null,
    pathIds: [],
    savedAt: '',
  };
  await store.putCourse(record);
  await store.putManifest({ versionId: VERSION, slug: 'demo', body: JSON.stringify(manifest) });
  await store.putMeta(learnerMetaKey('demo'), 'u1');
  return store;
}

async function deps(
  store: MemoryStore,
  network: (request: Request) => Promise<Response>,
): Promise<OfflineDeps> {
  return { store, index: await loadIndex(store), fetch: (request) => network(request), timeoutMs: 1000 };
}

const offline = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};

function routeOf(path: string): ApiRoute {
  const route = matchApi(path);
  if (!route) throw new Error(`no route for ${path}`);
  return route;
}

describe('the service worker offline answers', () => {
  it('recognises the API addresses of downloaded content', () => {
    expect(matchApi(`/api/t/demo/blobs/${SHA('a')}`)).toEqual({
      kind: 'blob',
      slug: 'demo',
      sha256: SHA('a'),
    });
    expect(matchApi(`/api/t/demo/courses/${COURSE}`)).toMatchObject({
      kind: 'answer',
      owner: `demo/${COURSE}`,
    });
    expect(matchApi(`/api/t/demo/courses/${COURSE}/lessons/${LESSON}/attempts`)).toMatchObject({
      kind: 'answer',
      owner: `demo/${COURSE}`,
    });
    expect(matchApi(`/api/t/demo/me/progress/${COURSE}`)).toMatchObject({ kind: 'answer' });
    expect(matchApi(`/api/t/demo/packages/${VERSION}/${LESSON}/game/a%20b.js`)).toMatchObject({
      kind: 'package',
      path: 'game/a b.js',
      base: `/api/t/demo/packages/${VERSION}/${LESSON}/`,
    });
    expect(matchApi('/api/t/demo/catalog')).toBeNull();
    expect(matchApi('/assets/index.js')).toBeNull();
  });

  it('serves a held file with byte ranges, and a held smaller rendition for the original', async () => {
    const d = await deps(await seeded(), offline);
    const ranged = await answer(
      d,
      routeOf(`/api/t/demo/blobs/${SHA('b')}`),
      new Request(`${ORIGIN}/api/t/demo/blobs/${SHA('b')}`, { headers: { range: 'bytes=2-5' } }),
    );
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await ranged.text()).toBe('2345');
  });

  it('does not answer for another platform’s files or files it does not hold', async () => {
    const index = await loadIndex(await seeded());
    expect(concerns(index, routeOf(`/api/t/demo/blobs/${SHA('a')}`))).toBe(true);
    expect(concerns(index, routeOf(`/api/t/other/blobs/${SHA('a')}`))).toBe(false);
    expect(concerns(index, routeOf(`/api/t/demo/blobs/${SHA('d')}`))).toBe(false);
  });

  it('serves html5 package files sandboxed, and sends the empty path to the entry page', async () => {
    const d = await deps(await seeded(), offline);
    const base = `/api/t/demo/packages/${VERSION}/${LESSON}/`;
    const entry = await answer(d, routeOf(base), new Request(`${ORIGIN}${base}`));
    expect(entry.status).toBe(302);
    expect(entry.headers.get('location')).toBe(`${ORIGIN}${base}game/index.html`);
    const page = await answer(
      d,
      routeOf(`${base}game/index.html`),
      new Request(`${ORIGIN}${base}game/index.html`),
    );
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain('sandbox allow-scripts');
    const missing = await answer(d, routeOf(`${base}nope.js`), new Request(`${ORIGIN}${base}nope.js`));
    expect(missing.status).toBe(404);
  });

  it('answers a course page from the network when it can, and from the learner’s kept copy when not', async () => {
    const store = await seeded();
    const url = `/api/t/demo/courses/${COURSE}`;
    const onlinePage = JSON.stringify({
      course: { ...manifest, versionId: NEWER },
      enrolment: { canStart: true },
    });
    const online = await deps(store, async () => new Response(onlinePage, { status: 200 }));
    const live = await answer(online, routeOf(url), new Request(`${ORIGIN}${url}`));
    expect(JSON.parse(await live.text())).toMatchObject({ course: { versionId: NEWER } });
    // The kept copy describes the version whose files the device holds, not the newer one.
    const kept = await store.getResponse(responseKey('u1', url));
    expect(JSON.parse(kept!.body)).toMatchObject({
      course: { versionId: VERSION },
      enrolment: { canStart: true },
    });

    const away = await answer(await deps(store, offline), routeOf(url), new Request(`${ORIGIN}${url}`));
    expect(away.status).toBe(200);
    expect(JSON.parse(await away.text())).toMatchObject({ course: { versionId: VERSION } });

    // Another learner on the same device gets no copy of the first one's page.
    await store.putMeta(learnerMetaKey('demo'), 'u2');
    const stranger = await answer(await deps(store, offline), routeOf(url), new Request(`${ORIGIN}${url}`));
    expect(stranger.type).toBe('error');
  });
});

describe('byte ranges', () => {
  it('reads the forms players send and refuses impossible ones', () => {
    expect(parseByteRange(null, 10)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=0-', 10)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseByteRange('bytes=4-100', 10)).toEqual({ kind: 'partial', start: 4, end: 9 });
    expect(parseByteRange('bytes=-3', 10)).toEqual({ kind: 'partial', start: 7, end: 9 });
    expect(parseByteRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=5-2', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=0-1,3-4', 10)).toEqual({ kind: 'full' });
  });
});
