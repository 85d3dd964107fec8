import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DraftContentInput } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNational, type NationalFixture } from '../mirror/mirror.fixtures.js';
import { addUser } from '../test-support/courses-fixtures.js';
import { engines } from '../test-support/engines.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { BundleError, openBundle } from './bundle.container.js';

// Two instances with their own databases and blob directories — a national server
// (PostgreSQL when it answers) and a hub on SQLite — and no network between them:
// only bundle files pass from one to the other, as on a USB stick.

describe.each(await engines())(
  'bundles between a national server on %s and a hub on SQLite',
  (engine) => {
    let national: TestServer;
    let hub: TestServer;
    let nat: NationalFixture;
    let dir: string;
    let natKey: string;
    let hubKey: string;
    let hubInstance: string;
    let natInstance: string;
    const file = (name: string) => join(dir, name);

    beforeAll(async () => {
      national = await startTestServer({ engine });
      hub = await startTestServer({ engine: 'sqlite' });
      nat = await seedNational(national);
      dir = mkdtempSync(join(tmpdir(), 'satchel-bundles-'));
      natKey = await national.services.bundles.publicKey();
      hubKey = await hub.services.bundles.publicKey();
      natInstance = await national.services.bundles.instanceId();
      hubInstance = await hub.services.bundles.instanceId();
    });
    afterAll(async () => {
      await hub.close();
      await national.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const refusal = async (p: Promise<unknown>): Promise<BundleError> => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BundleError);
      return err as BundleError;
    };
    const hubVersions = () => hub.services.mirror.heldVersionIds(nat.tenant.id);

    it('carries content down and records up, then only what is new, with no network', async () => {
      // 1. National → hub: everything, on a new hub that adopts the platform.
      const b1 = await national.services.bundles.exportBundle({
        tenant: nat.tenant,
        path: file('b1.satchel'),
        content: true,
        records: true,
      });
      expect(b1).toMatchObject({ courses: 3, files: 3, forPeer: null });
      expect(b1.records).toBeGreaterThan(0);

      expect((await refusal(hub.services.bundles.importBundle({ path: b1.path }))).code).toBe(
        'foreign_tenant',
      );
      // Adopting needs the sender's key named: a stranger's bundle cannot create a platform.
      expect((await refusal(hub.services.bundles.importBundle({ path: b1.path, adopt: true }))).code).toBe(
        'foreign_tenant',
      );
      const imported = await hub.services.bundles.importBundle({
        path: b1.path,
        adopt: true,
        trustKey: natKey,
      });
      expect(imported).toMatchObject({
        status: 'imported',
        source: natInstance,
        content: { courses: 3, blobs: 3, blobsAlreadyHere: 0 },
      });
      if (imported.status !== 'imported') throw new Error('unreachable');
      expect(imported.records?.records).toBe(b1.records);
      expect((await hubVersions()).sort()).toEqual(
        [nat.numbers.versionId, nat.lettres.versionId, nat.health.versionId].sort(),
      );
      for (const [sha, bytes] of nat.bytes)
        expect(readFileSync(hub.services.blobs.filePath(sha))).toEqual(bytes);
      const admin = await hub.db.db
        .selectFrom('users')
        .select('username')
        .where('tenant_id', '=', nat.tenant.id)
        .where('username', '=', 'admin')
        .executeTakeFirst();
      expect(admin).toBeDefined();

      // The same bundle again: harmless.
      expect(await hub.services.bundles.importBundle({ path: b1.path })).toMatchObject({
        status: 'already_imported',
        bundleId: b1.bundleId,
      });

      // 2. Hub → national: only the hub's own new records.
      await addUser(hub.db.db, nat.tenant.id, 'hubkid', ['learner']);
      const b2 = await hub.services.bundles.exportBundle({
        tenant: nat.tenant,
        path: file('b2.satchel'),
        content: false,
        records: true,
        forPeer: natInstance,
      });
      expect(b2.records).toBeGreaterThanOrEqual(2); // the user and the membership
      expect(b2.records).toBeLessThan(b1.records);
      expect((await refusal(national.services.bundles.importBundle({ path: b2.path }))).code).toBe(
        'untrusted_key',
      );
      await national.services.bundles.trustPeer(nat.tenant.id, 'school 12', hubKey);
      expect(await national.services.bundles.importBundle({ path: b2.path })).toMatchObject({
        status: 'imported',
        records: { records: b2.records, refused: 0 },
      });
      const kid = await national.db.db
        .selectFrom('users')
        .select('id')
        .where('tenant_id', '=', nat.tenant.id)
        .where('username', '=', 'hubkid')
        .executeTakeFirst();
      expect(kid).toBeDefined();

      // 3. National → hub again: the hub said it holds every course and all these records.
      const b3 = await national.services.bundles.exportBundle({
        tenant: nat.tenant,
        path: file('b3.satchel'),
        content: true,
        records: true,
        forPeer: hubInstance,
      });
      expect(b3).toMatchObject({ courses: 0, files: 0, records: 0 });

      // 4. A new course on the national server travels alone, with only its new file.
      const video = await national.services.blobs.putBuffer(
        nat.tenant.id,
        Buffer.from('new video bytes'),
        'video/mp4',
      );
      const course = await national.services.courses.create(nat.tenant.id, null, {
        title: 'Fractions',
        language: 'en',
        modules: [
          {
            title: 'Halves',
            lessons: [
              { kind: 'video', title: 'Half', file: video, attribution: { licence: 'CC-BY-4.0' } },
              { kind: 'pdf', title: 'Sheet', file: nat.numbers.pdf, attribution: { licence: 'CC-BY-4.0' } },
            ],
          },
        ],
      } as DraftContentInput);
      const published = await national.services.courses.publish(nat.tenant.id, course.id, null);
      const b4 = await national.services.bundles.exportBundle({
        tenant: nat.tenant,
        path: file('b4.satchel'),
        content: true,
        records: false,
        forPeer: hubInstance,
      });
      expect(b4).toMatchObject({ courses: 1, files: 1 });
      await hub.services.bundles.importBundle({ path: b4.path });
      expect(await hubVersions()).toContain(published.versionId);
      expect(readFileSync(hub.services.blobs.filePath(video.sha256)).toString()).toBe('new video bytes');
    });

    /** The hub holds the platform (the first test adopts it; run alone, this does). */
    async function hubHasPlatform(): Promise<void> {
      if (await hub.services.tenants.bySlug(nat.tenant.slug)) return;
      const b = await national.services.bundles.exportBundle({
        tenant: nat.tenant,
        path: file('setup.satchel'),
        content: true,
        records: false,
      });
      await hub.services.bundles.importBundle({ path: b.path, adopt: true, trustKey: natKey });
    }

    it('refuses a tampered, truncated, untrusted or foreign bundle without applying any of it', async () => {
      await hubHasPlatform();
      const b = await national.services.bundles.exportBundle({
        tenant: nat.tenant,
        path: file('t.satchel'),
        content: true,
        records: true,
      });
      const opened = await openBundle(b.path);
      const content = opened.manifest.sections.find((s) => s.name === 'content')!;
      const bytes = readFileSync(b.path);
      const before = (await hubVersions()).length;

      // A byte changed inside a section: its signed hash no longer matches.
      const flipped = Buffer.from(bytes);
      const at = content.offset + Math.floor(content.length / 2);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      writeFileSync(file('flipped.satchel'), flipped);
      expect((await refusal(hub.services.bundles.importBundle({ path: file('flipped.satchel') }))).code).toBe(
        'damaged',
      );

      // The table of contents changed: the signature fails.
      const text = bytes.toString('latin1');
      // (The manifest is a JSON string inside the trailer, so its quotes are escaped; same length keeps the footer valid.)
      const forged = Buffer.from(
        text.replace(`\\"slug\\":\\"${nat.tenant.slug}\\"`, '\\"slug\\":\\"other\\"'),
        'latin1',
      );
      expect(forged.equals(bytes)).toBe(false);
      writeFileSync(file('forged.satchel'), forged);
      const forgedErr = await refusal(hub.services.bundles.importBundle({ path: file('forged.satchel') }));
      expect(forgedErr.code).toBe('bad_signature');
      expect(forgedErr.message).toMatch(/changed after it was made/);

      // Cut short, as when a USB stick is pulled out mid-copy.
      writeFileSync(file('short.satchel'), bytes.subarray(0, bytes.length - 500));
      const shortErr = await refusal(hub.services.bundles.importBundle({ path: file('short.satchel') }));
      expect(shortErr.code).toBe('truncated');
      writeFileSync(file('junk.satchel'), 'not a bundle at all');
      expect((await refusal(hub.services.bundles.importBundle({ path: file('junk.satchel') }))).code).toBe(
        'not_a_bundle',
      );

      // Made by a server nobody trusts here (another national server of another country).
      const stranger = await startTestServer({ engine: 'sqlite' });
      try {
        const other = await seedNational(stranger, 'other');
        const foreign = await stranger.services.bundles.exportBundle({
          tenant: other.tenant,
          path: file('foreign.satchel'),
          content: true,
          records: false,
        });
        const foreignErr = await refusal(hub.services.bundles.importBundle({ path: foreign.path }));
        expect(foreignErr.code).toBe('foreign_tenant');
        expect(foreignErr.message).toMatch(/"other".*not on this server/);
      } finally {
        await stranger.close();
      }
      expect((await hubVersions()).length).toBe(before);
    });

    it('refuses a bundle made by this same server', async () => {
      await hubHasPlatform();
      const own = await hub.services.bundles.exportBundle({
        tenant: nat.tenant,
        path: file('own.satchel'),
        content: false,
        records: true,
      });
      expect((await refusal(hub.services.bundles.importBundle({ path: own.path }))).message).toMatch(
        /made by this server/,
      );
    });
  },
  180_000,
);
