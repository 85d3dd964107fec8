// Test fixtures for mirroring and bundles: a national platform with a curriculum,
// a category, a path and three published courses whose files are real bytes, built
// through the real services (so the catalog rows are the ones publishing writes).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BlobRef, DraftContentInput } from '@satchel/core';
import type { Services } from '../app/services.js';
import type { TenantRef } from '../http/context.js';
import { addUser, createTenant } from '../test-support/courses-fixtures.js';
import type { TestServer } from '../test-support/server.js';

export interface NationalFixture {
  tenant: TenantRef;
  token: string;
  learnerToken: string;
  grades: { g1: string; g2: string };
  /** en, grade G1: a video (big) and a pdf. */
  numbers: { courseId: string; versionId: string; video: BlobRef; pdf: BlobRef };
  /** fr, grade G2: an audio file and the same pdf. */
  lettres: { courseId: string; versionId: string; audio: BlobRef };
  /** en, grade G2, markdown only. */
  health: { courseId: string; versionId: string };
  bytes: Map<string, Buffer>;
}

async function blob(
  services: Services,
  tenantId: string,
  size: number,
  type: string,
  bytes: Map<string, Buffer>,
) {
  const buffer = randomBytes(size);
  const ref = await services.blobs.putBuffer(tenantId, buffer, type);
  bytes.set(ref.sha256, buffer);
  return ref;
}

async function publish(services: Services, tenantId: string, content: DraftContentInput) {
  const course = await services.courses.create(tenantId, null, content);
  const manifest = await services.courses.publish(tenantId, course.id, null);
  return { courseId: course.id, versionId: manifest.versionId };
}

export async function seedNational(
  server: Pick<TestServer, 'services' | 'db'>,
  slug = 'youth',
): Promise<NationalFixture> {
  const s = server.services;
  const tenant = await createTenant(server, slug);
  const framework = await s.curriculum.createFramework(tenant.id, { code: 'NAT', name: { en: 'National' } });
  const g1 = await s.curriculum.addItem(tenant.id, framework.id, {
    kind: 'grade',
    code: 'G1',
    name: { en: 'Grade 1' },
  });
  const g2 = await s.curriculum.addItem(tenant.id, framework.id, {
    kind: 'grade',
    code: 'G2',
    name: { en: 'Grade 2' },
  });
  const category = await s.categories.create(tenant.id, { name: { en: 'Maths' } });
  const bytes = new Map<string, Buffer>();
  const video = await blob(s, tenant.id, 600_000, 'video/mp4', bytes);
  const pdf = await blob(s, tenant.id, 50_000, 'application/pdf', bytes);
  const audio = await blob(s, tenant.id, 80_000, 'audio/mpeg', bytes);
  const attribution = { licence: 'CC-BY-4.0' };
  const numbers = await publish(s, tenant.id, {
    title: 'Numbers',
    language: 'en',
    categoryId: category.id,
    tags: { gradeIds: [g1.id], subjectIds: [], outcomeIds: [] },
    modules: [
      {
        title: 'One',
        lessons: [
          { kind: 'video', title: 'Counting', file: video, attribution },
          { kind: 'pdf', title: 'Worksheet', file: pdf, attribution },
        ],
      },
    ],
  } as DraftContentInput);
  const lettres = await publish(s, tenant.id, {
    title: 'Lettres',
    language: 'fr',
    tags: { gradeIds: [g2.id], subjectIds: [], outcomeIds: [] },
    modules: [
      {
        title: 'Un',
        lessons: [
          { kind: 'audio', title: 'Alphabet', file: audio, attribution },
          { kind: 'pdf', title: 'Fiche', file: pdf, attribution },
        ],
      },
    ],
  } as DraftContentInput);
  const health = await publish(s, tenant.id, {
    title: 'Handwashing',
    language: 'en',
    tags: { gradeIds: [g2.id], subjectIds: [], outcomeIds: [] },
    modules: [{ title: 'Hands', lessons: [{ kind: 'markdown', title: 'Why', body: '# Soap' }] }],
  } as DraftContentInput);
  await s.paths.create(tenant.id, {
    title: 'Start here',
    language: 'en',
    courseIds: [numbers.courseId, health.courseId],
    published: true,
  });
  const adminId = await addUser(server.db.db, tenant.id, 'admin', ['admin']);
  const learnerId = await addUser(server.db.db, tenant.id, 'learner', ['learner']);
  const token = (await s.apiTokens.create({ tenantId: tenant.id, userId: adminId }, { name: 'hub' })).secret;
  const learnerToken = (
    await s.apiTokens.create({ tenantId: tenant.id, userId: learnerId }, { name: 'phone' })
  ).secret;
  return {
    tenant,
    token,
    learnerToken,
    grades: { g1: g1.id, g2: g2.id },
    numbers: { ...numbers, video, pdf },
    lettres: { ...lettres, audio },
    health,
    bytes,
  };
}

export type ProxyAction = 'pass' | { cutAfter: number } | 'corrupt';

export interface FlakyProxy {
  url: string;
  /** Every request seen: path and Range header (clear it between tests). */
  seen: { path: string; range: string | undefined }[];
  /** Decides what happens to each request (by path); 'pass' by default. */
  plan: (path: string, index: number) => ProxyAction;
  close(): Promise<void>;
}

/**
 * A proxy in front of a real server that can drop a connection after n bytes of a
 * response body or flip a byte in it: a flaky link, reproducibly.
 */
export async function flakyProxy(target: string): Promise<FlakyProxy> {
  const proxy: FlakyProxy = { url: '', seen: [], plan: () => 'pass', close: async () => undefined };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    // Counted from `seen`, so a test that clears it starts counting afresh.
    const n = proxy.seen.filter((r) => r.path === path).length;
    proxy.seen.push({ path, range: req.headers.range });
    const action = proxy.plan(path, n);
    const upstream = http.request(`${target}${path}`, { method: req.method, headers: req.headers }, (up) => {
      // The proxy's own keep-alive rules apply on its side, not the upstream's.
      const { connection: _c, 'keep-alive': _k, ...headers } = up.headers;
      res.writeHead(up.statusCode ?? 502, headers);
      let sent = 0;
      let corrupted = false;
      up.on('data', (chunk: Buffer) => {
        let out = chunk;
        if (action === 'corrupt' && !corrupted && out.length > 0) {
          out = Buffer.from(out);
          out[0] = (out[0] ?? 0) ^ 0xff;
          corrupted = true;
        }
        if (typeof action === 'object') {
          const room = action.cutAfter - sent;
          if (room <= 0) return;
          if (out.length >= room) {
            res.write(out.subarray(0, room), () => res.socket?.destroy());
            sent += room;
            up.destroy();
            return;
          }
        }
        sent += out.length;
        res.write(out);
      });
      up.on('end', () => res.end());
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
