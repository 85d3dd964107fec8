import { SyncRecordSchema, type SyncRecord, type SyncRefusal, type VersionVector } from '@satchel/core';
import { z } from 'zod';
import type { SyncService } from '../sync/sync.service.js';
import { BundleError } from './bundle.container.js';
import type { FrameReader, FrameWriter } from './frames.js';

// The records section: the change feed of record sync (packages/server/src/sync), page by
// page, beyond the peer's last known vector. On import each page is applied through the
// same applier as online sync, in one transaction per page; it is idempotent (statements
// by id, registers by merge), so a page applied twice changes nothing.

const MAX_PAGE_BYTES = 64 * 1024 * 1024;
const PageHeader = z.object({ t: z.literal('records'), count: z.number().int().nonnegative() });
const Page = z.array(SyncRecordSchema);

/** What bundles need from record sync. */
export interface RecordsPort {
  /** Stamps every local write not stamped yet (a full scan: an export must miss nothing). */
  stampAll(): Promise<void>;
  /** This instance's vector for the tenant. */
  vector(tenantId: string): Promise<Record<string, number>>;
  /** Pages of every record a peer at `since` lacks. */
  pages(tenantId: string, since: VersionVector): AsyncIterable<readonly SyncRecord[]>;
  /**
   * Applies one page in one transaction; `fromHub` when the bundle does not come from our
   * upstream. `source` is the maker's instance id: a registered class-scoped hub's records
   * outside its classes are refused, as when it pushes.
   */
  apply(
    tenantId: string,
    records: readonly SyncRecord[],
    fromHub: boolean,
    source: string,
  ): Promise<{ applied: number; staged: number; refused: SyncRefusal[]; drift: Drift[] }>;
  /**
   * Once every page is applied: the maker held `vector` (the bundle's state). Joined into the
   * online sync vectors of that peer (README, "Vectors per peer").
   */
  integrated(tenantId: string, source: string, vector: VersionVector, drift: readonly Drift[]): Promise<void>;
  /** What online sync knows the peer holds (its vectors), so an export for it leaves that out. */
  peerVector(tenantId: string, peer: string): Promise<VersionVector>;
}

type Drift = { aheadSeconds: number; limitSeconds: number; message: string };

/** Record sync's change feed and applier (packages/server/src/sync/README.md). */
export function syncRecordsPort(
  sync: Pick<
    SyncService,
    | 'vector'
    | 'exportChanges'
    | 'applyBatch'
    | 'applyFromHub'
    | 'bundleImported'
    | 'peerVector'
    | 'tracker'
    | 'repo'
  >,
): RecordsPort {
  return {
    stampAll: async () => {
      await sync.tracker.stampPending({ full: true });
    },
    vector: (tenantId) => sync.vector(tenantId),
    async *pages(tenantId, since) {
      for await (const page of sync.exportChanges(tenantId, since)) yield page.records;
    },
    async apply(tenantId, records, fromHub, source) {
      const hub = fromHub ? await sync.repo.hubByInstance(tenantId, source) : undefined;
      const outcome = hub
        ? await sync.applyFromHub(tenantId, hub, records)
        : await sync.applyBatch(tenantId, records, { fromHub });
      return {
        applied: outcome.applied,
        staged: outcome.staged,
        refused: outcome.refused,
        drift: outcome.drift,
      };
    },
    async integrated(tenantId, source, vector, drift) {
      await sync.bundleImported(tenantId, source, vector, { drift: [...drift] });
    },
    peerVector: (tenantId, peer) => sync.peerVector(tenantId, peer),
  };
}

export async function writeRecords(
  port: RecordsPort,
  tenantId: string,
  since: VersionVector,
  frames: FrameWriter,
): Promise<number> {
  let count = 0;
  for await (const records of port.pages(tenantId, since)) {
    if (records.length === 0) continue;
    await frames.frame({ t: 'records', count: records.length }, Buffer.from(JSON.stringify(records)));
    count += records.length;
  }
  return count;
}

export interface RecordsOutcome {
  records: number;
  applied: number;
  staged: number;
  refused: number;
  /** Clock drift seen while applying (the maker's clock far ahead of ours). */
  drift: Drift[];
}

export async function applyRecords(
  port: RecordsPort,
  tenantId: string,
  reader: FrameReader,
  fromHub: boolean,
  source: string,
): Promise<RecordsOutcome> {
  const outcome: RecordsOutcome = { records: 0, applied: 0, staged: 0, refused: 0, drift: [] };
  for (let frame = await reader.next(); frame; frame = await reader.next()) {
    if (frame.header.t !== 'records') {
      for await (const _chunk of reader.stream(frame.payloadBytes)) {
        // a frame kind from a newer Satchel: skipped
      }
      continue;
    }
    const header = PageHeader.parse(frame.header);
    const parsed = Page.safeParse(
      JSON.parse((await reader.payload(frame.payloadBytes, MAX_PAGE_BYTES)).toString('utf8')),
    );
    if (!parsed.success || parsed.data.length !== header.count)
      throw new BundleError('damaged', 'a page of records in the bundle is not valid');
    const done = await port.apply(tenantId, parsed.data, fromHub, source);
    outcome.records += parsed.data.length;
    outcome.applied += done.applied;
    outcome.staged += done.staged;
    outcome.refused += done.refused.length;
    outcome.drift.push(...done.drift);
  }
  return outcome;
}
