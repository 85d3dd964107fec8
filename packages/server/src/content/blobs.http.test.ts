import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { uuidv7, type BlobRef } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

describe.each(await engines())('serving blobs over HTTP on %s', (engine) => {
  let server: TestServer;
  let alpha: TenantRef;
  let beta: TenantRef;
  let alphaLearner: Member;
  let betaAuthor: Member;
  let video: BlobRef;
  let videoBytes: Buffer;

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> =>
    fetch(`${server.url}${path}`, { method, headers });
  const blobPath = (tenant: TenantRef, sha256: string): string => `/api/t/${tenant.slug}/blobs/${sha256}`;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    alpha = await createTenant(server, 'alpha');
    beta = await createTenant(server, 'beta');
    alphaLearner = await member(server, alpha, 'lina', ['learner']);
    betaAuthor = await member(server, beta, 'bo', ['author']);
    // 6 MB, so a whole-file read cannot hide inside one socket buffer.
    videoBytes = randomBytes(6 * 1024 * 1024);
    video = await server.services.blobs.putStream(
      alpha.id,
      Readable.from([videoBytes.subarray(0, 1000), videoBytes.subarray(1000)]),
      {
        mediaType: 'video/mp4',
      },
    );
  });
  afterAll(async () => server.close());

  it('streams a whole file to a signed-in member, with immutable caching and a strong ETag', async () => {
    const res = await get(blobPath(alpha, video.sha256), { cookie: alphaLearner.cookie });
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': String(videoBytes.length),
      etag: `"${video.sha256}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
    });
    expect(Buffer.from(await res.arrayBuffer()).equals(videoBytes)).toBe(true);
  });

  it('answers start-end, open-ended and suffix ranges with 206 and Content-Range', async () => {
    const size = videoBytes.length;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=5000000-', 5_000_000, size - 1],
      ['bytes=-100', size - 100, size - 1],
      [`bytes=${size - 10}-${size + 500}`, size - 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(blobPath(alpha, video.sha256), { cookie: alphaLearner.cookie, range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get('content-length')).toBe(String(end - start + 1));
      expect(Buffer.from(await res.arrayBuffer()).equals(videoBytes.subarray(start, end + 1)), range).toBe(
        true,
      );
    }
  });

  it('refuses an unsatisfiable or malformed range with 416', async () => {
    for (const range of [`bytes=${videoBytes.length}-`, 'bytes=9-5', 'bytes=x-y']) {
      const res = await get(blobPath(alpha, video.sha256), { cookie: alphaLearner.cookie, range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${videoBytes.length}`);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('range_not_satisfiable');
    }
  });

  it('answers If-None-Match with 304, and honours a Range only when If-Range still matches', async () => {
    const etag = `"${video.sha256}"`;
    const notModified = await get(blobPath(alpha, video.sha256), {
      cookie: alphaLearner.cookie,
      'if-none-match': `"other", ${etag}`,
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(await notModified.text()).toBe('');

    const same = await get(blobPath(alpha, video.sha256), {
      cookie: alphaLearner.cookie,
      range: 'bytes=0-9',
      'if-range': etag,
    });
    expect(same.status).toBe(206);
    await same.arrayBuffer();
    const changed = await get(blobPath(alpha, video.sha256), {
      cookie: alphaLearner.cookie,
      range: 'bytes=0-9',
      'if-range': '"stale"',
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('content-length')).toBe(String(videoBytes.length));
    await changed.arrayBuffer();
  });

  it('answers HEAD with the headers a GET would send and no body', async () => {
    const whole = await get(blobPath(alpha, video.sha256), { cookie: alphaLearner.cookie }, 'HEAD');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(videoBytes.length));
    expect(whole.headers.get('etag')).toBe(`"${video.sha256}"`);
    expect(await whole.text()).toBe('');
    const part = await get(
      blobPath(alpha, video.sha256),
      { cookie: alphaLearner.cookie, range: 'bytes=10-19' },
      'HEAD',
    );
    expect(part.status).toBe(206);
    expect(part.headers.get('content-length')).toBe('10');
  });

  it('never serves one tenant’s blob to another, even by its exact hash', async () => {
    const asBeta = await get(blobPath(beta, video.sha256), { cookie: betaAuthor.cookie });
    expect(asBeta.status).toBe(404);
    expect(((await asBeta.json()) as { error: { code: string } }).error.code).toBe('blob_not_found');
    // Beta's cookie means nothing on alpha's URLs.
    const crossCookie = await get(blobPath(alpha, video.sha256), { cookie: betaAuthor.cookie });
    expect(crossCookie.status).toBe(401);
    await crossCookie.arrayBuffer();
  });

  it('asks anonymous readers to sign in, except for the tenant logo and catalog covers', async () => {
    const anonymous = await get(blobPath(alpha, video.sha256));
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();

    const logo = await server.services.blobs.putBuffer(alpha.id, Buffer.from('logo bytes'), 'image/png');
    await server.services.tenants.update(alpha.id, { branding: { logoSha256: logo.sha256 } }, true);
    const logoRes = await get(blobPath(alpha, logo.sha256));
    expect(logoRes.status).toBe(200);
    expect(logoRes.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await logoRes.text()).toBe('logo bytes');

    const cover = await server.services.blobs.putBuffer(alpha.id, Buffer.from('cover bytes'), 'image/jpeg');
    expect((await get(blobPath(alpha, cover.sha256))).status).toBe(401);
    await publishCatalogEntry(server, alpha.id, cover.sha256);
    const coverRes = await get(blobPath(alpha, cover.sha256));
    expect(coverRes.status).toBe(200);
    expect(await coverRes.text()).toBe('cover bytes');
    // Public in alpha only.
    expect((await get(blobPath(beta, cover.sha256))).status).toBe(401);
  });

  it('names the file for the browser when asked, inline or as a download', async () => {
    const pdf = await server.services.blobs.putBuffer(
      alpha.id,
      Buffer.from('%PDF-1.4 tiny'),
      'application/pdf',
    );
    const inline = await get(
      `${blobPath(alpha, pdf.sha256)}?name=${encodeURIComponent('Unit 1: "fractions".pdf')}`,
      { cookie: alphaLearner.cookie },
    );
    expect(inline.headers.get('content-disposition')).toBe(
      `inline; filename="Unit 1_ _fractions_.pdf"; filename*=UTF-8''Unit%201_%20_fractions_.pdf`,
    );
    expect(inline.headers.get('content-security-policy')).toBeNull();
    await inline.arrayBuffer();
    const download = await get(`${blobPath(alpha, pdf.sha256)}?name=unit.pdf&download=1`, {
      cookie: alphaLearner.cookie,
    });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="unit.pdf"/);
    await download.arrayBuffer();
  });

  it('serves stored HTML inert, in a CSP sandbox, so it can never act as the signed-in user', async () => {
    const page = await server.services.blobs.putBuffer(
      alpha.id,
      Buffer.from('<script>fetch("/api/t/alpha/me")</script>'),
      'text/html',
    );
    const res = await get(blobPath(alpha, page.sha256), { cookie: alphaLearner.cookie });
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await res.arrayBuffer();
  });

  it('answers an unknown tenant with 404 and a malformed hash with 400', async () => {
    const unknown = await get(`/api/t/atlantis/blobs/${video.sha256}`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('tenant_not_found');
    const bad = await get('/api/t/alpha/blobs/not-a-hash', { cookie: alphaLearner.cookie });
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();
  });
});

/** A published catalog entry with a cover, as the courses domain writes it. */
async function publishCatalogEntry(server: TestServer, tenantId: string, coverSha256: string): Promise<void> {
  const courseId = uuidv7();
  const now = new Date().toISOString();
  await server.db.db
    .insertInto('courses')
    .values({
      id: courseId,
      tenant_id: tenantId,
      title: 'Fractions',
      language: 'en',
      variant_group_id: null,
      enrolment_policy: 'open',
      draft: '{}',
      published_version_id: null,
      published_version: null,
      archived: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    })
    .execute();
  await server.db.db
    .insertInto('catalog_entries')
    .values({
      tenant_id: tenantId,
      course_id: courseId,
      version_id: uuidv7(),
      version: 1,
      title: 'Fractions',
      description: '',
      language: 'en',
      category_id: null,
      variant_group_id: null,
      enrolment_policy: 'open',
      audiences: '[]',
      lesson_count: 1,
      duration_minutes: 5,
      cover_sha256: coverSha256,
      search_text: 'fractions',
      published_at: now,
    })
    .execute();
}
