import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7, type LibraryItemDetail, type LibraryListResponse } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { lieAboutSize, makeEpub, makeZip } from '../test-support/zip-fixtures.js';

const MP4_HEAD = Buffer.concat([
  Buffer.from([0, 0, 0, 0x20]),
  Buffer.from('ftypisom\0\0\u0002\0isomiso2avc1mp41', 'latin1'),
]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const VTT = 'WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour\n';

/** A body that arrives in 64 KB pieces, as a browser streams a file. */
function streamed(bytes: Buffer): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + 64 * 1024)));
      at += 64 * 1024;
    },
  });
}

interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  json: T;
}

type RequestBody = NonNullable<RequestInit['body']>;
type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

describe.each(await engines())('the content library over HTTP on %s', (engine) => {
  let server: TestServer;
  let alpha: TenantRef;
  let author: Member;
  let learner: Member;

  const call = async <T>(
    method: string,
    path: string,
    init: { cookie?: string; body?: RequestBody; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body, duplex: 'half' }),
    } as RequestInit);
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : null) as T };
  };
  const upload = (
    query: string,
    body: RequestBody,
    cookie = author.cookie,
    contentType = 'application/octet-stream',
  ) =>
    call<{ item: LibraryItemDetail } & ErrorBody>('POST', `/api/t/alpha/library/uploads?${query}`, {
      cookie,
      body,
      headers: { 'content-type': contentType },
    });
  const stagingFiles = (): string[] => readdirSync(join(server.config.blobDir, '.staging'));

  beforeAll(async () => {
    server = await startTestServer({ engine });
    alpha = await createTenant(server, 'alpha');
    author = await member(server, alpha, 'ana', ['author']);
    learner = await member(server, alpha, 'lina', ['learner']);
  });
  afterAll(async () => server.close());

  it('takes a video streamed in pieces, sniffs it, and serves it back', async () => {
    const bytes = Buffer.concat([MP4_HEAD, randomBytes(5 * 1024 * 1024)]);
    const res = await upload(
      'kind=video&title=Counting%20to%2010&licence=CC-BY-4.0&author=Ama&language=fr',
      streamed(bytes),
      author.cookie,
      'video/mp4',
    );
    expect(res.status).toBe(201);
    const item = res.json.item;
    expect(item).toMatchObject({
      kind: 'video',
      title: 'Counting to 10',
      licence: 'CC-BY-4.0',
      author: 'Ama',
      language: 'fr',
      mediaType: 'video/mp4',
      size: bytes.length,
    });
    expect(item.file?.size).toBe(bytes.length);
    expect(item.fileUrl).toBe(
      `/api/t/alpha/blobs/${item.file?.sha256}?name=${encodeURIComponent('Counting to 10.mp4')}`,
    );
    const back = await fetch(`${server.url}${item.fileUrl}`, { headers: { cookie: learner.cookie } });
    expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);
    expect(stagingFiles()).toEqual([]);
  });

  it('describes the upload in the OpenAPI document as a raw body of any type', async () => {
    const doc = (
      await call<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
        'GET',
        '/api/openapi.json',
      )
    ).json;
    expect(doc.paths['/api/t/{tenant}/library/uploads']?.post?.requestBody).toEqual({
      required: true,
      content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
    });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/t/{tenant}/blobs/{sha256}', '/api/t/{tenant}/library/{itemId}']),
    );
  });

  it('refuses a file that is not what its kind says, keeping nothing', async () => {
    const res = await upload(
      'kind=pdf&title=Not%20a%20PDF&licence=CC0-1.0',
      Buffer.concat([PNG, randomBytes(100_000)]),
    );
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'unsupported_file',
      message: 'This is a PNG image, but a pdf item must be a PDF document',
      details: { kind: 'pdf', detected: 'png' },
    });
    expect(stagingFiles()).toEqual([]);
    expect(
      (
        await call<LibraryListResponse>('GET', '/api/t/alpha/library?q=not%20a%20pdf', {
          cookie: author.cookie,
        })
      ).json.total,
    ).toBe(0);
  });

  it('lets only authors and admins upload, and knows no unknown platform', async () => {
    expect((await upload('kind=image&title=x&licence=CC0-1.0', PNG, learner.cookie)).json.error.code).toBe(
      'forbidden',
    );
    expect((await upload('kind=image&title=x&licence=CC0-1.0', PNG, '')).status).toBe(401);
    const unknown = await call<ErrorBody>(
      'POST',
      '/api/t/atlantis/library/uploads?kind=image&title=x&licence=CC0-1.0',
      {
        cookie: author.cookie,
        body: PNG,
      },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('tenant_not_found');
  });

  it('requires a licence, and refuses form posts made with the session cookie', async () => {
    const noLicence = await upload('kind=image&title=Logo', PNG);
    expect(noLicence.status).toBe(400);
    expect(noLicence.json.error.code).toBe('validation_failed');
    const form = await upload(
      'kind=image&title=Logo&licence=CC0-1.0',
      PNG,
      author.cookie,
      'multipart/form-data; boundary=x',
    );
    expect(form.status).toBe(415);
  });

  it('stops an upload over the platform’s limit while it streams, and still answers 413', async () => {
    await server.services.tenants.update(alpha.id, { uploadLimitBytes: 1024 * 1024 }, true);
    try {
      const big = Buffer.concat([MP4_HEAD, randomBytes(3 * 1024 * 1024)]);
      // No Content-Length: only counting the bytes as they arrive can stop it.
      const chunked = await upload('kind=video&title=Big&licence=CC0-1.0', streamed(big));
      expect(chunked.status).toBe(413);
      expect(chunked.json.error).toMatchObject({
        code: 'payload_too_large',
        details: { rule: 'upload_limit', limit: 1024 * 1024 },
      });
      // With a Content-Length it is refused before any byte is read.
      const declared = await upload('kind=video&title=Big&licence=CC0-1.0', big);
      expect(declared.status).toBe(413);
      expect(declared.json.error.details).toMatchObject({ rule: 'upload_limit', used: big.length });
      expect(stagingFiles()).toEqual([]);
    } finally {
      await server.services.tenants.update(alpha.id, { uploadLimitBytes: 2 * 1024 ** 3 }, true);
    }
  });

  it('lists, filters, edits and removes items, refusing a stale edit', async () => {
    const image = (
      await upload(
        'kind=image&title=Map%20of%20Africa&licence=CC-BY-SA-4.0&provider=OpenStax&language=fr-CA',
        PNG,
      )
    ).json.item;
    await upload(
      'kind=image&title=Water%20cycle&licence=public-domain&language=en',
      Buffer.concat([PNG, Buffer.from('x')]),
    );
    const list = async (query: string) =>
      (
        await call<LibraryListResponse>('GET', `/api/t/alpha/library?${query}`, { cookie: author.cookie })
      ).json.items.map((i) => i.title);
    expect(await list('kind=image&q=africa')).toEqual(['Map of Africa']);
    expect(await list('q=openstax')).toEqual(['Map of Africa']);
    expect(await list('kind=image&language=fr')).toEqual(['Map of Africa']);
    expect(await list('kind=image&licence=public-domain')).toEqual(['Water cycle']);
    expect(await list('kind=image&q=100%25')).toEqual([]);
    expect((await call('GET', '/api/t/alpha/library', { cookie: learner.cookie })).status).toBe(403);

    const path = `/api/t/alpha/library/${image.id}`;
    const patched = await call<{ item: LibraryItemDetail }>('PATCH', path, {
      cookie: author.cookie,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Map of Africa (1900)',
        sourceUrl: 'https://example.org/map',
        provider: null,
        version: image.version,
      }),
    });
    expect(patched.json.item).toMatchObject({
      title: 'Map of Africa (1900)',
      sourceUrl: 'https://example.org/map',
      provider: null,
      version: 2,
    });
    const stale = await call<ErrorBody>('PATCH', path, {
      cookie: author.cookie,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Lost edit', version: image.version }),
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('edit_conflict');

    expect((await call('DELETE', path, { cookie: author.cookie })).status).toBe(204);
    expect((await call<ErrorBody>('GET', path, { cookie: author.cookie })).json.error.code).toBe(
      'library_item_not_found',
    );
  });

  it('adds, replaces and removes WebVTT captions of a video, refusing a bad file with its line', async () => {
    const video = (
      await upload(
        'kind=video&title=Lesson%201&licence=CC-BY-4.0',
        Buffer.concat([MP4_HEAD, randomBytes(1000)]),
      )
    ).json.item;
    const captions = (body: string) =>
      call<{ item: LibraryItemDetail } & ErrorBody>(
        'POST',
        `/api/t/alpha/library/${video.id}/captions?lang=fr&label=Fran%C3%A7ais`,
        {
          cookie: author.cookie,
          body,
          headers: { 'content-type': 'text/vtt' },
        },
      );
    const added = await captions(VTT);
    expect(added.status).toBe(200);
    expect(added.json.item.captions).toEqual([
      { lang: 'fr', label: 'Français', file: expect.objectContaining({ mediaType: 'text/vtt' }) },
    ]);
    const replaced = await captions(`${VTT}\n00:02.000 --> 00:03.000\nÇa va ?\n`);
    expect(replaced.json.item.captions).toHaveLength(1);
    expect(replaced.json.item.captions[0]?.file.sha256).not.toBe(added.json.item.captions[0]?.file.sha256);

    const bad = await captions('WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nbackwards\n');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'unsupported_file', details: { line: 3 } });
    const notVtt = await captions('1\n00:00:01,000 --> 00:00:02,000\nSRT\n');
    expect(notVtt.json.error.code).toBe('unsupported_file');

    const removed = await call<{ item: LibraryItemDetail }>(
      'DELETE',
      `/api/t/alpha/library/${video.id}/captions/fr`,
      { cookie: author.cookie },
    );
    expect(removed.json.item.captions).toEqual([]);
    const pdf = (await upload('kind=pdf&title=Notes&licence=CC0-1.0', '%PDF-1.4\n')).json.item;
    const onPdf = await call<ErrorBody>('POST', `/api/t/alpha/library/${pdf.id}/captions?lang=fr&label=x`, {
      cookie: author.cookie,
      body: VTT,
      headers: { 'content-type': 'text/vtt' },
    });
    expect(onPdf.json.error.code).toBe('captions_not_supported');
    // fetch labels a string text/plain, which an HTML form can send too: refused with a cookie.
    const asText = await call<ErrorBody>(
      'POST',
      `/api/t/alpha/library/${video.id}/captions?lang=fr&label=x`,
      { cookie: author.cookie, body: VTT },
    );
    expect(asText.status).toBe(415);
    expect(stagingFiles()).toEqual([]);
  });

  it('checks an EPUB is one before keeping it', async () => {
    const book = await upload('kind=epub&title=Stories&licence=CC-BY-4.0', Buffer.from(makeEpub()));
    expect(book.status).toBe(201);
    expect(book.json.item.mediaType).toBe('application/epub+zip');
    const zip = await upload(
      'kind=epub&title=Fake&licence=CC-BY-4.0',
      Buffer.from(makeZip({ 'chapter.xhtml': '<p/>' })),
    );
    expect(zip.json.error).toMatchObject({
      code: 'unsupported_file',
      message: 'An EPUB must begin with its "mimetype" entry',
    });
  });

  it('unpacks an html5 package into blobs and plays its files sandboxed, without a cookie', async () => {
    const zip = makeZip({
      'course/index.html': '<script src="js/app.js"></script>',
      'course/js/app.js': 'alert(1)',
      'course/.DS_Store': 'junk',
    });
    const res = await upload('kind=html5&title=Interactive&licence=CC-BY-4.0', Buffer.from(zip));
    expect(res.status).toBe(201);
    const item = res.json.item;
    expect(item.package?.entry).toBe('index.html');
    expect(Object.keys(item.package?.files ?? {}).sort()).toEqual(['index.html', 'js/app.js']);
    expect(item.launchUrl).toBe(`/api/t/alpha/library/${item.id}/package/index.html`);

    const page = await fetch(`${server.url}${item.launchUrl}`);
    expect(page.status).toBe(200);
    expect(Object.fromEntries(page.headers)).toMatchObject({
      'content-type': 'text/html',
      'content-security-policy': 'sandbox allow-scripts allow-forms allow-popups',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
    });
    expect(await page.text()).toBe('<script src="js/app.js"></script>');
    const script = await fetch(`${server.url}/api/t/alpha/library/${item.id}/package/js/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript');
    expect(await script.text()).toBe('alert(1)');

    const root = await fetch(`${server.url}/api/t/alpha/library/${item.id}/package/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe(`/api/t/alpha/library/${item.id}/package/index.html`);
    expect((await fetch(`${server.url}/api/t/alpha/library/${item.id}/package/nope.js`)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/api/t/alpha/library/${item.id}/package/%2e%2e/%2e%2e/etc/passwd`)).status,
    ).toBe(404);
  });

  it('refuses an unsafe html5 package, naming the entry and the rule, and stores none of it', async () => {
    const before = await server.db.db
      .selectFrom('blobs')
      .select('sha256')
      .where('tenant_id', '=', alpha.id)
      .execute();
    const zip = makeZip({ 'index.html': 'fine', 'assets/ok.css': 'body{}', '../../escape.sh': 'rm -rf /' });
    const res = await upload('kind=html5&title=Evil&licence=CC0-1.0', Buffer.from(zip));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 'unsafe_zip',
      details: { entry: '../../escape.sh', rule: 'path_traversal' },
    });
    const bomb = lieAboutSize(
      makeZip({ 'index.html': 'x', 'data.bin': new Uint8Array(4 * 1024 * 1024) }),
      'data.bin',
      100,
    );
    const bombed = await upload('kind=html5&title=Bomb&licence=CC0-1.0', Buffer.from(bomb));
    expect(bombed.json.error).toMatchObject({
      code: 'unsafe_zip',
      details: { entry: 'data.bin', rule: 'declared_size_exceeded' },
    });
    const noIndex = await upload(
      'kind=html5&title=Bare&licence=CC0-1.0',
      Buffer.from(makeZip({ 'main.html': 'x' })),
    );
    expect(noIndex.json.error).toMatchObject({
      code: 'unsupported_file',
      details: { reason: 'no_index_html' },
    });
    const after = await server.db.db
      .selectFrom('blobs')
      .select('sha256')
      .where('tenant_id', '=', alpha.id)
      .execute();
    expect(after.length).toBe(before.length);
    expect(stagingFiles()).toEqual([]);
  });

  it('serves the html5 lesson of a published course version by version and lesson id', async () => {
    const pkg = await server.services.library.importHtml5(
      alpha.id,
      makeZip({ 'index.html': '<p>lesson</p>', 'img/a.png': PNG }),
    );
    const { versionId, lessonId } = await publishHtml5Lesson(server, alpha.id, pkg);
    const page = await fetch(`${server.url}/api/t/alpha/packages/${versionId}/${lessonId}/index.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(
      'sandbox allow-scripts allow-forms allow-popups',
    );
    expect(await page.text()).toBe('<p>lesson</p>');
    const image = await fetch(`${server.url}/api/t/alpha/packages/${versionId}/${lessonId}/img/a.png`, {
      headers: { range: 'bytes=0-3' },
    });
    expect(image.status).toBe(206);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG.subarray(0, 4))).toBe(true);

    const beta = await createTenant(server, 'beta');
    expect(
      (await fetch(`${server.url}/api/t/${beta.slug}/packages/${versionId}/${lessonId}/index.html`)).status,
    ).toBe(404);
  });
});

async function publishHtml5Lesson(
  server: TestServer,
  tenantId: string,
  pkg: { entry: string; files: Record<string, unknown> },
): Promise<{ versionId: string; lessonId: string }> {
  const [courseId, versionId, lessonId] = [uuidv7(), uuidv7(), uuidv7()];
  const now = new Date().toISOString();
  const manifest = {
    modules: [
      { id: uuidv7(), title: 'M', lessons: [{ id: lessonId, kind: 'html5', title: 'Play', ...pkg }] },
    ],
  };
  await server.db.db
    .insertInto('courses')
    .values({
      id: courseId,
      tenant_id: tenantId,
      title: 'C',
      language: 'en',
      variant_group_id: null,
      enrolment_policy: 'open',
      draft: '{}',
      published_version_id: versionId,
      published_version: 1,
      archived: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    })
    .execute();
  await server.db.db
    .insertInto('course_versions')
    .values({
      id: versionId,
      tenant_id: tenantId,
      course_id: courseId,
      version: 1,
      manifest: JSON.stringify(manifest),
      published_at: now,
      published_by: null,
    })
    .execute();
  return { versionId, lessonId };
}
