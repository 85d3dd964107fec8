import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { addUser, createTenant, signIn } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import type { TenantRef } from '../http/context.js';
import { addMember, PASSWORD } from '../test-support/identity.js';
import { statfsProbe } from './disk-space.js';
import { runMirror, type MirrorOptions, type MirrorTarget } from './mirror.client.js';
import { upstreamFromLink } from './mirror.link.js';
import { flakyProxy, seedNational, type FlakyProxy, type NationalFixture } from './mirror.fixtures.js';

// A national server (PostgreSQL when it answers, else SQLite) and a hub on SQLite,
// both real servers on loopback; a flaky proxy between them for the broken-link cases.

const noSleep = async (): Promise<void> => undefined;

describe.each(await engines())(
  'mirror from a national server on %s to a hub on SQLite',
  (engine) => {
    let national: TestServer;
    let nat: NationalFixture;
    let proxy: FlakyProxy;

    beforeAll(async () => {
      national = await startTestServer({ engine });
      nat = await seedNational(national);
      proxy = await flakyProxy(national.url);
    });
    afterAll(async () => {
      await proxy.close();
      await national.close();
    });
    afterEach(() => {
      proxy.plan = () => 'pass';
      proxy.seen.length = 0;
    });

    async function freshHub(): Promise<{ hub: TestServer; tenant: TenantRef; target: MirrorTarget }> {
      const hub = await startTestServer({ engine: 'sqlite' });
      const tenant = await createTenant(hub, 'youth');
      return {
        hub,
        tenant,
        target: {
          tenantId: tenant.id,
          blobDir: hub.config.blobDir,
          blobs: hub.services.blobs,
          mirror: hub.services.mirror,
        },
      };
    }

    const upstream = (url = proxy.url, token = nat.token) => ({ baseUrl: url, tenantSlug: 'youth', token });
    const opts = (extra: MirrorOptions = {}): MirrorOptions => ({ sleep: noSleep, backoffMs: 1, ...extra });
    const blobPath = (sha: string) => `/api/t/youth/mirror/blobs/${sha}`;

    it('copies the whole published catalog, then finds nothing left to fetch', async () => {
      const { hub, tenant, target } = await freshHub();
      try {
        const progress: number[] = [];
        const result = await runMirror(
          target,
          upstream(),
          opts({ onProgress: (done) => progress.push(done) }),
        );
        expect(result).toMatchObject({ courses: 3, newVersions: 3, blobs: 3, applied: 3 });
        expect(result.bytes).toBe(600_000 + 50_000 + 80_000);
        expect(progress.at(-1)).toBe(result.bytes);

        // Every file byte for byte, and the hub serves the catalog and course pages from its copy.
        for (const [sha, bytes] of nat.bytes)
          expect(readFileSync(hub.services.blobs.filePath(sha))).toEqual(bytes);
        const adminId = await addUser(hub.db.db, tenant.id, 'hubadmin', ['admin']);
        const cookie = await signIn(hub, tenant, adminId);
        const catalog = await fetch(`${hub.url}/api/t/youth/catalog?grade=${nat.grades.g1}`, {
          headers: { cookie },
        });
        const body = (await catalog.json()) as { items: { courseId: string }[]; total: number };
        expect(body.items.map((i) => i.courseId)).toEqual([nat.numbers.courseId]);
        const page = await fetch(`${hub.url}/api/t/youth/courses/${nat.lettres.courseId}`, {
          headers: { cookie },
        });
        expect(page.status).toBe(200);
        const paths = (await (
          await fetch(`${hub.url}/api/t/youth/paths`, { headers: { cookie } })
        ).json()) as {
          items: { title: string }[];
        };
        expect(paths.items.map((p) => p.title)).toEqual(['Start here']);
        const served = await fetch(`${hub.url}${blobPath(nat.numbers.pdf.sha256)}`, { headers: { cookie } });
        expect(Buffer.from(await served.arrayBuffer())).toEqual(nat.bytes.get(nat.numbers.pdf.sha256));

        proxy.seen.length = 0;
        const again = await runMirror(target, upstream(), opts());
        expect(again).toMatchObject({ newVersions: 0, blobs: 0, applied: 0 });
        expect(proxy.seen.filter((r) => r.path.includes('/mirror/blobs/'))).toEqual([]);
      } finally {
        await hub.close();
      }
    });

    it('mirrors only the courses, languages or grades asked for', async () => {
      const { hub, target } = await freshHub();
      try {
        const fr = await runMirror(target, upstream(), opts({ filter: { languages: ['fr'] } }));
        expect(fr).toMatchObject({ courses: 1, newVersions: 1, blobs: 2 });
        const held = await hub.services.mirror.heldVersionIds(target.tenantId);
        expect(held).toEqual([nat.lettres.versionId]);
        expect(existsSync(hub.services.blobs.filePath(nat.numbers.video.sha256))).toBe(false);

        // By grade code: G2 adds the markdown course; the shared pdf is not fetched again.
        const g2 = await runMirror(target, upstream(), opts({ filter: { grades: ['G2'] } }));
        expect(g2).toMatchObject({ courses: 2, newVersions: 1, blobs: 0 });
        const byId = await runMirror(
          target,
          upstream(),
          opts({ filter: { courses: [nat.numbers.courseId] } }),
        );
        expect(byId).toMatchObject({ courses: 1, newVersions: 1, blobs: 1 });
        expect((await hub.services.mirror.heldVersionIds(target.tenantId)).sort()).toEqual(
          [nat.numbers.versionId, nat.lettres.versionId, nat.health.versionId].sort(),
        );
        await expect(
          runMirror(target, upstream(), opts({ filter: { grades: ['G9'] } })),
        ).rejects.toMatchObject({
          code: 'upstream_refused',
        });
      } finally {
        await hub.close();
      }
    });

    it('resumes a file cut off mid-way with a Range request, in a later run', async () => {
      const { hub, target } = await freshHub();
      try {
        const video = nat.numbers.video;
        proxy.plan = (path, n) =>
          path === blobPath(video.sha256) && n === 0 ? { cutAfter: 200_000 } : 'pass';
        const first = runMirror(target, upstream(), opts({ retries: 0, concurrency: 1 }));
        await expect(first).rejects.toMatchObject({ code: 'mirror_interrupted' });
        const part = join(hub.config.blobDir, '.mirror', `${video.sha256}.part`);
        const partial = statSync(part).size;
        expect(partial).toBeGreaterThan(0);
        expect(partial).toBeLessThan(video.size);
        // The other courses (whose files all arrived) are already on the hub.
        expect(await hub.services.mirror.heldVersionIds(target.tenantId)).not.toContain(
          nat.numbers.versionId,
        );
        expect(await hub.services.mirror.heldVersionIds(target.tenantId)).toContain(nat.health.versionId);

        proxy.plan = () => 'pass';
        proxy.seen.length = 0;
        const second = await runMirror(target, upstream(), opts());
        expect(second.resumedBytes).toBe(partial);
        expect(proxy.seen.filter((r) => r.path === blobPath(video.sha256))).toEqual([
          { path: blobPath(video.sha256), range: `bytes=${partial}-` },
        ]);
        expect(readFileSync(hub.services.blobs.filePath(video.sha256))).toEqual(nat.bytes.get(video.sha256));
        expect(readdirSync(join(hub.config.blobDir, '.mirror'))).toEqual([]);
        expect(await hub.services.mirror.heldVersionIds(target.tenantId)).toContain(nat.numbers.versionId);
      } finally {
        await hub.close();
      }
    });

    it('retries a dropped connection within one run, from where it stopped', async () => {
      const { hub, target } = await freshHub();
      try {
        const video = nat.numbers.video;
        proxy.plan = (path, n) =>
          path === blobPath(video.sha256) && n < 2 ? { cutAfter: 150_000 * (n + 1) } : 'pass';
        const result = await runMirror(target, upstream(), opts({ retries: 3 }));
        expect(result.applied).toBe(3);
        const ranges = proxy.seen.filter((r) => r.path === blobPath(video.sha256)).map((r) => r.range);
        expect(ranges[0]).toBeUndefined();
        expect(ranges.slice(1).every((r) => r?.startsWith('bytes=') && r !== 'bytes=0-')).toBe(true);
        expect(ranges.length).toBe(3);
        expect(readFileSync(hub.services.blobs.filePath(video.sha256))).toEqual(nat.bytes.get(video.sha256));
      } finally {
        await hub.close();
      }
    });

    it('refuses a corrupt file and fetches it again; a file that stays corrupt is never stored', async () => {
      const { hub, target } = await freshHub();
      try {
        const pdf = nat.numbers.pdf;
        proxy.plan = (path, n) => (path === blobPath(pdf.sha256) && n === 0 ? 'corrupt' : 'pass');
        await runMirror(target, upstream(), opts({ filter: { languages: ['fr'] } }));
        expect(proxy.seen.filter((r) => r.path === blobPath(pdf.sha256))).toEqual([
          { path: blobPath(pdf.sha256), range: undefined },
          { path: blobPath(pdf.sha256), range: undefined },
        ]);
        expect(readFileSync(hub.services.blobs.filePath(pdf.sha256))).toEqual(nat.bytes.get(pdf.sha256));

        const video = nat.numbers.video;
        proxy.plan = (path) => (path === blobPath(video.sha256) ? 'corrupt' : 'pass');
        await expect(
          runMirror(target, upstream(), opts({ filter: { courses: [nat.numbers.courseId] } })),
        ).rejects.toMatchObject({ code: 'blob_corrupt' });
        expect(await hub.services.blobs.has(target.tenantId, video.sha256)).toBe(false);
        expect(existsSync(hub.services.blobs.filePath(video.sha256))).toBe(false);
        expect(readdirSync(join(hub.config.blobDir, '.mirror'))).toEqual([]);
        expect(await hub.services.mirror.heldVersionIds(target.tenantId)).not.toContain(
          nat.numbers.versionId,
        );
      } finally {
        await hub.close();
      }
    });

    it('refuses to start when the disk cannot hold the files, naming both sizes', async () => {
      const { hub, target } = await freshHub();
      try {
        const err = await runMirror(
          target,
          upstream(),
          opts({ probe: { freeBytes: async () => 1000 } }),
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('insufficient_disk_space');
        expect((err as AppError).message).toMatch(/needs \d+ bytes .* only 1000 bytes/);
        expect((err as AppError).details).toMatchObject({ freeBytes: 1000 });
        expect(proxy.seen.filter((r) => r.path.includes('/mirror/blobs/'))).toEqual([]);
        expect(await hub.services.mirror.heldVersionIds(target.tenantId)).toEqual([]);
      } finally {
        await hub.close();
      }
    });

    it('mirrors a registered hub with its sync credential, and stops when it is revoked', async () => {
      const hub = await startTestServer({ engine: 'sqlite' });
      try {
        await addMember(national, nat.tenant, 'boss', ['admin']);
        await hub.services.sync.client.register({
          upstream: national.url,
          tenantSlug: 'youth',
          username: 'boss',
          password: PASSWORD,
          name: 'school 12',
        });
        // Registration adopted the platform under the upstream's id.
        const up = await upstreamFromLink(hub.services.sync.service, nat.tenant.id);
        expect(up?.hub).toBeDefined();
        const target: MirrorTarget = {
          tenantId: nat.tenant.id,
          blobDir: hub.config.blobDir,
          blobs: hub.services.blobs,
          mirror: hub.services.mirror,
        };
        const result = await runMirror(target, up!, opts({ filter: { languages: ['fr'] } }));
        expect(result).toMatchObject({ newVersions: 1, applied: 1 });
        const hubs = await national.services.sync.service.listHubs(nat.tenant.id);
        await national.services.sync.service.revokeHub(nat.tenant.id, hubs[0]!.id);
        await expect(runMirror(target, up!, opts())).rejects.toMatchObject({ details: { status: 403 } });
      } finally {
        await hub.close();
      }
    });

    it('never answers another platform’s admin, whatever the route', async () => {
      const other = await createTenant(national, `other-${engine}`);
      const otherAdmin = await addUser(national.db.db, other.id, 'admin', ['admin']);
      const { secret } = await national.services.apiTokens.create(
        { tenantId: other.id, userId: otherAdmin },
        { name: 'x' },
      );
      for (const path of [
        '/api/t/youth/mirror/index',
        `/api/t/youth/mirror/versions/${nat.numbers.versionId}/manifest`,
        blobPath(nat.numbers.pdf.sha256),
      ]) {
        const res = await fetch(`${national.url}${path}`, { headers: { authorization: `Bearer ${secret}` } });
        expect(res.status, path).toBe(401);
        await res.arrayBuffer();
      }
      // Its own admin gets nothing of this platform's either: the version and the file are not its.
      for (const path of [
        `/api/t/${other.slug}/mirror/versions/${nat.numbers.versionId}/manifest`,
        `/api/t/${other.slug}/mirror/blobs/${nat.numbers.pdf.sha256}`,
      ]) {
        const res = await fetch(`${national.url}${path}`, { headers: { authorization: `Bearer ${secret}` } });
        expect(res.status, path).toBe(404);
        await res.arrayBuffer();
      }
    });

    it('answers only a tenant admin credential', async () => {
      const { hub, target } = await freshHub();
      try {
        await expect(runMirror(target, upstream(national.url, 'sat_nope'), opts())).rejects.toMatchObject({
          code: 'upstream_refused',
          details: { status: 401 },
        });
        await expect(
          runMirror(target, upstream(national.url, nat.learnerToken), opts()),
        ).rejects.toMatchObject({
          details: { status: 403 },
        });
      } finally {
        await hub.close();
      }
    });
  },
  180_000,
);

describe('statfsProbe', () => {
  it('reports the free bytes of a real filesystem', async () => {
    const free = await statfsProbe.freeBytes(tmpdir());
    expect(Number.isInteger(free)).toBe(true);
    expect(free).toBeGreaterThan(0);
  });
});
