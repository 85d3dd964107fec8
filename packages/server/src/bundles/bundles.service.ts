import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { dirname } from 'node:path';
import { mergeVectors, uuidv7, type VersionVector } from '@satchel/core';
import type { Db } from '../db/database.js';
import type { TenantRef } from '../http/context.js';
import { assertDiskSpace, statfsProbe, type FreeSpaceProbe } from '../mirror/disk-space.js';
import type { MirrorService } from '../mirror/mirror.service.js';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import { SyncRepo } from '../sync/sync.repo.js';
import { ensureInstance } from '../sync/sync.session.js';
import {
  BUNDLE_FORMAT,
  BundleError,
  fingerprint,
  openBundle,
  publicKeyFrom,
  publicKeyText,
  sectionFrames,
  signatureValid,
  verifySections,
  writeBundle,
  type BundleManifest,
  type Codec,
  type SectionBody,
  type SectionName,
} from './bundle.container.js';
import {
  applyContent,
  planContent,
  writeContent,
  type ContentDeps,
  type ContentOutcome,
} from './bundle.content.js';
import { applyRecords, writeRecords, type RecordsOutcome, type RecordsPort } from './bundle.records.js';
import type { BundlesRepo } from './bundles.repo.js';

// Sneakernet: what one instance knows that another lacks, in a signed file carried by
// hand (docs/operations.md, "USB bundles"). An export covers everything beyond the last
// state of the peer this side learnt (from the peer's own last bundle); an import applies
// content (files, then manifests) and records (one transaction per page), then remembers
// the maker's state, so the next export the other way carries only what is new.

export interface ExportOptions {
  tenant: TenantRef;
  path: string;
  content: boolean;
  records: boolean;
  /** The peer it is for: an instance id, a registered hub's name, or 'upstream'. */
  forPeer?: string | null;
  onStep?: (text: string) => void;
}

export interface ExportResult {
  path: string;
  bundleId: string;
  bytes: number;
  forPeer: string | null;
  courses: number;
  files: number;
  records: number;
}

export interface ImportOptions {
  path: string;
  /** A peer public key to trust for the bundle's platform (as `satchel bundle key` prints it). */
  trustKey?: string;
  /** Create the bundle's platform here when it is missing (a new hub reached only by USB). */
  adopt?: boolean;
  onStep?: (text: string) => void;
}

export type ImportResult =
  | { status: 'already_imported'; bundleId: string; importedAt: string; tenant: TenantRef }
  | {
      status: 'imported';
      bundleId: string;
      tenant: TenantRef;
      source: string;
      content: ContentOutcome | null;
      records: RecordsOutcome | null;
    };

export interface BundleDeps {
  db: Db;
  repo: BundlesRepo;
  content: ContentDeps & { mirror: Pick<MirrorService, 'heldVersionIds'> };
  records: RecordsPort;
  clock: Clock;
  blobDir: string;
  probe?: FreeSpaceProbe;
}

export class BundleService {
  private key: { publicKey: string; privateKey: KeyObject } | null = null;

  constructor(private readonly deps: BundleDeps) {}

  /** This instance's Ed25519 key pair, made on first use and kept in the database. */
  private async keyPair(): Promise<{ publicKey: string; privateKey: KeyObject }> {
    if (this.key) return this.key;
    let row = await this.deps.repo.ownKey();
    if (!row) {
      const pair = generateKeyPairSync('ed25519');
      await this.deps.repo.putOwnKey({
        id: 'self',
        public_key: publicKeyText(pair.publicKey),
        private_key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        created_at: this.deps.clock.now().toISOString(),
      });
      row = await this.deps.repo.ownKey();
      if (!row) throw new Error('the bundle key could not be stored');
    }
    this.key = { publicKey: row.public_key, privateKey: createPrivateKey(row.private_key) };
    return this.key;
  }

  /** The public key peers must trust to import this instance's bundles (base64 SPKI). */
  async publicKey(): Promise<string> {
    return (await this.keyPair()).publicKey;
  }

  async instanceId(): Promise<string> {
    return ensureInstance(this.deps.db);
  }

  /** Trusts a peer's key for one platform (hub registration calls this on both sides). */
  async trustPeer(tenantId: string, name: string, publicKey: string): Promise<string> {
    publicKeyFrom(publicKey);
    await this.deps.repo.trust(tenantId, publicKey, name, this.deps.clock.now().toISOString());
    return fingerprint(publicKey);
  }

  async trusted(tenantId: string): Promise<{ name: string; fingerprint: string; publicKey: string }[]> {
    return (await this.deps.repo.trusted(tenantId)).map((t) => ({
      name: t.name,
      fingerprint: fingerprint(t.public_key),
      publicKey: t.public_key,
    }));
  }

  private async resolvePeer(tenantId: string, peer: string): Promise<string> {
    if (peer === 'upstream') {
      const upstream = await this.deps.repo.upstreamInstance(tenantId);
      if (!upstream)
        throw new BundleError(
          'foreign_tenant',
          'This server is not registered as a hub of that platform, so it has no upstream',
        );
      return upstream;
    }
    return (await this.deps.repo.hubInstance(tenantId, peer)) ?? peer;
  }

  async exportBundle(o: ExportOptions): Promise<ExportResult> {
    if (!o.content && !o.records)
      throw new BundleError('damaged', 'Choose what to export: --content, --records or both');
    const { repo } = this.deps;
    const key = await this.keyPair();
    const instanceId = await this.instanceId();
    const forPeer = o.forPeer ? await this.resolvePeer(o.tenant.id, o.forPeer) : null;
    const peer = forPeer ? await repo.peer(o.tenant.id, forPeer) : undefined;
    const knownVersions = new Set(
      peer ? parseJson<string[]>(peer.content_versions, 'bundle_peers.content_versions') : [],
    );
    // What the peer's last bundle said it holds, joined with what online sync learnt of it.
    const base: VersionVector = mergeVectors(
      peer?.vector ? parseJson<Record<string, number>>(peer.vector, 'bundle_peers.vector') : {},
      forPeer && o.records ? await this.deps.records.peerVector(o.tenant.id, forPeer) : {},
    );
    // Taken before the records are read: the state never claims more than the bundle holds.
    await this.deps.records.stampAll();
    const vector = await this.deps.records.vector(o.tenant.id);
    const held = await this.deps.content.mirror.heldVersionIds(o.tenant.id);
    const plan = o.content ? await planContent(this.deps.content, o.tenant, knownVersions) : null;
    if (plan) {
      const bytes = plan.blobs.reduce((n, b) => n + b.size, 0);
      o.onStep?.(
        `Content: ${plan.courses.length} course version(s), ${plan.blobs.length} file(s), ${bytes} bytes`,
      );
      await assertDiskSpace(this.deps.probe ?? statfsProbe, dirname(o.path), bytes);
    }
    let records = 0;
    const sections: { name: SectionName; codec: Codec; body: SectionBody }[] = [];
    // Media is already compressed: light gzip spends little time on it; records are JSON, where brotli's long window pays.
    if (plan)
      sections.push({
        name: 'content',
        codec: 'gzip',
        body: (f) => writeContent(this.deps.content, o.tenant.id, plan, f),
      });
    if (o.records)
      sections.push({
        name: 'records',
        codec: 'brotli',
        body: async (f) => {
          records = await writeRecords(this.deps.records, o.tenant.id, base, f);
        },
      });
    const bundleId = uuidv7();
    const settings = plan ? await this.tenantSettings(o.tenant.id) : undefined;
    const { bytes } = await writeBundle(
      o.path,
      sections,
      (infos): BundleManifest => ({
        format: BUNDLE_FORMAT,
        bundleId,
        createdAt: this.deps.clock.now().toISOString(),
        tenant: { id: o.tenant.id, slug: o.tenant.slug, ...(settings ? { settings } : {}) },
        source: { instanceId, publicKey: key.publicKey },
        for: forPeer,
        base: { vector: base, contentVersions: knownVersions.size },
        state: { vector, contentVersions: held },
        sections: infos,
      }),
      key.privateKey,
    );
    return {
      path: o.path,
      bundleId,
      bytes,
      forPeer,
      courses: plan?.courses.length ?? 0,
      files: plan?.blobs.length ?? 0,
      records,
    };
  }

  private async tenantSettings(tenantId: string): Promise<Record<string, unknown> | undefined> {
    const row = await this.deps.repo.tenant(tenantId);
    if (!row) return undefined;
    const { invite_code: _secret, ...settings } = row;
    return settings;
  }

  async importBundle(o: ImportOptions): Promise<ImportResult> {
    const { repo } = this.deps;
    const opened = await openBundle(o.path);
    const m = opened.manifest;
    if (!signatureValid(opened, publicKeyFrom(m.source.publicKey)))
      throw new BundleError(
        'bad_signature',
        `${o.path} was changed after it was made (its signature does not verify); it was not imported`,
      );
    const own = await this.keyPair();
    if (m.source.publicKey === own.publicKey || m.source.instanceId === (await this.instanceId()))
      throw new BundleError(
        'foreign_tenant',
        `${o.path} was made by this server; import it on the other one`,
      );

    const tenant = await this.tenantFor(m, o.adopt === true, o.trustKey);
    if (!(await repo.isTrusted(tenant.id, m.source.publicKey))) {
      if (o.trustKey?.trim() !== m.source.publicKey)
        throw new BundleError(
          'untrusted_key',
          `${o.path} is signed by a key this platform does not trust (fingerprint ${fingerprint(m.source.publicKey)}, instance ${m.source.instanceId}). ` +
            'Check the fingerprint with the sender (`satchel bundle key` on their server), then run ' +
            `\`satchel bundle trust --tenant ${tenant.slug} --key <their key>\` or import again with --trust <their key>`,
        );
      await this.trustPeer(tenant.id, m.source.instanceId, m.source.publicKey);
    }
    const earlier = await repo.imported(tenant.id, m.bundleId);
    if (earlier)
      return { status: 'already_imported', bundleId: m.bundleId, importedAt: earlier.imported_at, tenant };

    o.onStep?.('Checking every section against its signed hash');
    await verifySections(o.path, opened);
    const contentSection = m.sections.find((s) => s.name === 'content');
    if (contentSection)
      await assertDiskSpace(this.deps.probe ?? statfsProbe, this.deps.blobDir, contentSection.length);

    let content: ContentOutcome | null = null;
    let records: RecordsOutcome | null = null;
    for (const section of m.sections) {
      try {
        switch (section.name) {
          case 'content':
            o.onStep?.('Storing files and courses');
            content = await applyContent(this.deps.content, tenant.id, sectionFrames(o.path, section));
            break;
          case 'records': {
            o.onStep?.('Applying records');
            // Only our own upstream may send what a hub is not allowed to change.
            const fromHub = (await repo.upstreamInstance(tenant.id)) !== m.source.instanceId;
            records = await applyRecords(
              this.deps.records,
              tenant.id,
              sectionFrames(o.path, section),
              fromHub,
              m.source.instanceId,
            );
            break;
          }
        }
      } catch (err) {
        if (err instanceof BundleError) throw err;
        if (err instanceof Error && /unexpected end|incorrect header|invalid/i.test(err.message))
          throw new BundleError('damaged', `${o.path} is damaged (section ${section.name}: ${err.message})`);
        throw err;
      }
    }
    await this.rememberPeer(tenant.id, m);
    // Every page is applied: online sync with that peer need not send any of it again.
    if (records && m.state.vector)
      await this.deps.records.integrated(tenant.id, m.source.instanceId, m.state.vector, records.drift);
    await repo.recordImport({
      tenant_id: tenant.id,
      bundle_id: m.bundleId,
      source_instance: m.source.instanceId,
      imported_at: this.deps.clock.now().toISOString(),
      summary: JSON.stringify({ content, records }),
    });
    return {
      status: 'imported',
      bundleId: m.bundleId,
      tenant,
      source: m.source.instanceId,
      content,
      records,
    };
  }

  /** The bundle's platform here, or a refusal: not on this server, or not the one this hub serves. */
  private async tenantFor(
    m: BundleManifest,
    adopt: boolean,
    trustKey: string | undefined,
  ): Promise<TenantRef> {
    const linked = await this.deps.repo.linkedTenants();
    if (linked.length > 0 && !linked.includes(m.tenant.id))
      throw new BundleError(
        'foreign_tenant',
        `This bundle is for the platform "${m.tenant.slug}", but this hub is registered for another platform`,
      );
    let row = await this.deps.repo.tenant(m.tenant.id);
    // A platform is only ever created from a bundle whose key the admin named (--trust).
    if (!row && adopt && m.tenant.settings && trustKey?.trim() === m.source.publicKey) {
      if (!(await new SyncRepo(this.deps.db).adoptTenant(m.tenant.settings)))
        throw new BundleError(
          'foreign_tenant',
          `Another platform here already uses the slug "${m.tenant.slug}"`,
        );
      row = await this.deps.repo.tenant(m.tenant.id);
    }
    if (!row)
      throw new BundleError(
        'foreign_tenant',
        `This bundle is for the platform "${m.tenant.slug}" (${m.tenant.id}), which is not on this server` +
          (m.tenant.settings
            ? ' (import it with --adopt and --trust <the sender’s key> to create it here)'
            : ''),
      );
    return { id: row.id, slug: row.slug };
  }

  /** The maker's state only grows, so what we knew and what it says are joined. */
  private async rememberPeer(tenantId: string, m: BundleManifest): Promise<void> {
    const known = await this.deps.repo.peer(tenantId, m.source.instanceId);
    const vector = mergeVectors(
      known?.vector ? parseJson<Record<string, number>>(known.vector, 'bundle_peers.vector') : {},
      m.state.vector ?? {},
    );
    const versions = new Set([
      ...(known ? parseJson<string[]>(known.content_versions, 'bundle_peers.content_versions') : []),
      ...m.state.contentVersions,
    ]);
    await this.deps.repo.putPeer({
      tenant_id: tenantId,
      instance_id: m.source.instanceId,
      vector: JSON.stringify(vector),
      content_versions: JSON.stringify([...versions].sort()),
      updated_at: this.deps.clock.now().toISOString(),
    });
  }
}
