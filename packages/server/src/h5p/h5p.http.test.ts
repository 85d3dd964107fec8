import { uuidv7, type LibraryItemDetail } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRef } from '../http/context.js';
import { createTenant, member, type Member } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { markSymlink } from '../test-support/zip-fixtures.js';
import { tinyQuizFiles, tinyQuizH5p } from './h5p.fixture.js';

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

describe.each(await engines())('H5P packages over HTTP on %s', (engine) => {
  let server: TestServer;
  let alpha: TenantRef;
  let author: Member;

  const upload = async (body: Uint8Array, title = 'Planets') => {
    const res = await fetch(
      `${server.url}/api/t/alpha/library/uploads?kind=h5p&title=${encodeURIComponent(title)}&licence=CC0-1.0`,
      {
        method: 'POST',
        headers: { cookie: author.cookie, 'content-type': 'application/octet-stream' },
        body: Buffer.from(body),
      },
    );
    return { status: res.status, json: (await res.json()) as { item: LibraryItemDetail } & ErrorBody };
  };
  const blobCount = async () =>
    (await server.db.db.selectFrom('blobs').select('sha256').where('tenant_id', '=', alpha.id).execute())
      .length;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    alpha = await createTenant(server, 'alpha');
    author = await member(server, alpha, 'ana', ['author']);
  });
  afterAll(async () => server.close());

  it('imports a .h5p into the library, one blob per file, previewable by its item URL', async () => {
    const res = await upload(tinyQuizH5p());
    expect(res.status).toBe(201);
    const item = res.json.item;
    expect(item.kind).toBe('h5p');
    expect(item.package?.entry).toBe('h5p.json');
    expect(Object.keys(item.package?.files ?? {}).sort()).toEqual(Object.keys(tinyQuizFiles()).sort());
    const manifest = await fetch(`${server.url}/api/t/alpha/library/${item.id}/package/h5p.json`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('access-control-allow-origin')).toBe('*');
    expect(await manifest.json()).toMatchObject({ mainLibrary: 'Satchel.TinyQuiz' });
  });

  it('refuses a bad package naming the file and the rule, storing nothing', async () => {
    const before = await blobCount();
    const missing = await upload(
      tinyQuizH5p({ override: { 'Satchel.TinyQuiz-1.0/library.json': undefined } }),
    );
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({
      code: 'invalid_h5p',
      details: { file: 'Satchel.TinyQuiz-1.0/library.json', rule: 'missing_library' },
    });
    expect(missing.json.error.message).toContain('Satchel.TinyQuiz-1.0/library.json');
    const badContent = await upload(tinyQuizH5p({ override: { 'content/content.json': '{nope' } }));
    expect(badContent.json.error).toMatchObject({
      code: 'invalid_h5p',
      details: { file: 'content/content.json', rule: 'invalid_json' },
    });
    const linked = await upload(markSymlink(tinyQuizH5p(), 'Satchel.TinyQuiz-1.0/tiny-quiz.js'));
    expect(linked.json.error).toMatchObject({
      code: 'unsafe_zip',
      details: { entry: 'Satchel.TinyQuiz-1.0/tiny-quiz.js', rule: 'symlink' },
    });
    const notZip = await upload(new TextEncoder().encode('{"title":"x"}'));
    expect(notZip.status).toBe(400);
    expect(await blobCount()).toBe(before);
  });

  it('serves a published h5p lesson’s files to the player, only in its own tenant', async () => {
    const res = await upload(tinyQuizH5p(), 'Published');
    const files = res.json.item.package!.files;
    const [courseId, versionId, lessonId] = [uuidv7(), uuidv7(), uuidv7()];
    const now = new Date().toISOString();
    const manifest = {
      modules: [{ id: uuidv7(), title: 'M', lessons: [{ id: lessonId, kind: 'h5p', title: 'Quiz', files }] }],
    };
    await server.db.db
      .insertInto('courses')
      .values({
        id: courseId,
        tenant_id: alpha.id,
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
        tenant_id: alpha.id,
        course_id: courseId,
        version: 1,
        manifest: JSON.stringify(manifest),
        published_at: now,
        published_by: null,
      })
      .execute();
    const base = `/packages/${versionId}/${lessonId}`;
    const script = await fetch(`${server.url}/api/t/alpha${base}/Satchel.TinyQuiz-1.0/tiny-quiz.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript');
    expect(script.headers.get('content-security-policy')).toContain('sandbox allow-scripts');
    const beta = await createTenant(server, 'beta');
    expect((await fetch(`${server.url}/api/t/${beta.slug}${base}/h5p.json`)).status).toBe(404);
  });

  it('serves the player frame: the host page and h5p-standalone’s bundles, sandboxed', async () => {
    const page = await fetch(`${server.url}/h5p-player/player.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(
      'sandbox allow-scripts allow-forms allow-popups',
    );
    expect(await page.text()).toContain('src="player.js"');
    for (const file of ['player.js', 'main.bundle.js', 'frame.bundle.js', 'styles/h5p.css']) {
      const res = await fetch(`${server.url}/h5p-player/${file}`);
      expect(res.status, file).toBe(200);
      expect((await res.arrayBuffer()).byteLength, file).toBeGreaterThan(100);
    }
    expect((await fetch(`${server.url}/h5p-player/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/h5p-player/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
