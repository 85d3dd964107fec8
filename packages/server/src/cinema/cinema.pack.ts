import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanDetail, PlanMedia, PlanReadiness, SyncRecord } from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import type { Actor } from '../http/context.js';
import type { Clock } from '../platform/clock.js';
import { fetchBlob, hashFile, MirrorFetchError } from '../mirror/blob-fetch.js';
import type { CinemaRepo } from './cinema.repo.js';
import type { CinemaService } from './cinema.service.js';
import {
  authHeaders,
  blobUrl,
  fetchHubMedia,
  fetchPlanWithRecord,
  PackError,
  unreachable,
  type PackUpstream,
} from './cinema.upstream.js';

export { PackError, type PackUpstream } from './cinema.upstream.js';

// Packing for the field: before a team leaves the network, copy everything its plans need
// onto the laptop's hub (the plan, its library items and their files, fetched by hash with resume
// and verification) and then check on this disk that every item plays.
//
// A plan not here is fetched from the upstream with its record-sync record and applied through
// record sync's own merge (`records.applyBatch`): the same id, the same (instance, counter) and
// per-field stamps as if a pull had brought it, so its arrival by sync later changes nothing, and
// an edit made here since is not overwritten. The button and the CLI take this one path.
//   - with an API token (`satchel cinema pack --upstream`): the plan is fetched every time (the
//     upstream's newer edits merge in) and its library items come with it;
//   - with the hub credential of a registered hub (the button; the CLI on a hub): only a plan that
//     is not here is fetched (for the facilitator asking); the upstream is asked for the library
//     items the plan shows that are not here, and for the files of all of them that are missing
//     or damaged. Nothing missing: the upstream is not asked at all, so packing again in the
//     field, off the network, still verifies.

export interface PackDeps {
  readonly repo: CinemaRepo;
  readonly cinema: CinemaService;
  readonly blobs: BlobStore;
  readonly blobDir: string;
  readonly clock: Clock;
  /** Record sync's merge (`services.sync.service`): a fetched plan is applied as a pull would. */
  readonly records: { applyBatch(tenantId: string, records: readonly SyncRecord[]): Promise<unknown> };
}

export interface PackProgress {
  (event: { planId: string; stage: 'plan' | 'file' | 'check'; detail: string }): void;
}

/** A file the upstream could not deliver intact (404, refused, or corrupt twice). */
export interface NotCopied {
  readonly itemId: string;
  readonly title: string;
  readonly reason: string;
}

export interface PackedPlan {
  readonly planId: string;
  readonly title: string;
  /** Whether the plan itself was fetched from the upstream (it was not here, or a token asked for it). */
  readonly fetchedPlan: boolean;
  readonly copiedFiles: number;
  readonly notCopied: readonly NotCopied[];
  readonly readiness: PlanReadiness;
}

/**
 * Whether this machine holds the file and its bytes still hash to its name. A copy that rotted
 * on the laptop's disk is removed here, so the fresh copy from the upstream can take its place.
 */
async function intactHere(deps: PackDeps, tenantId: string, sha256: string): Promise<boolean> {
  if (!(await deps.blobs.has(tenantId, sha256))) return false;
  const path = deps.blobs.filePath(sha256);
  const actual = await hashFile(path).catch(() => null);
  if (actual === sha256) return true;
  await rm(path, { force: true });
  return false;
}

/**
 * Copies the files of `media` this machine lacks (or holds damaged) from the upstream, and
 * writes each library item row after its file, skipping what is already here. A file the
 * upstream refuses is reported and the others still copied; an upstream that stops answering
 * ends the pack (the next one resumes the partial file).
 */
async function copyMedia(
  deps: PackDeps,
  tenant: { id: string; slug: string },
  planId: string,
  media: readonly PlanMedia[],
  upstream: PackUpstream,
  progress: PackProgress,
): Promise<{ copied: number; notCopied: NotCopied[] }> {
  const now = deps.clock.now().toISOString();
  let copied = 0;
  const notCopied: NotCopied[] = [];
  const staging = join(deps.blobDir, '.mirror');
  await mkdir(staging, { recursive: true });
  for (const item of media) {
    if (item.sha256 && !(await intactHere(deps, tenant.id, item.sha256))) {
      progress({ planId, stage: 'file', detail: item.title });
      try {
        const staged = await fetchBlob({
          url: blobUrl(upstream, tenant.slug, item.sha256),
          headers: authHeaders(upstream),
          partPath: join(staging, `${item.sha256}.part`),
          blob: { sha256: item.sha256, size: item.size, mediaType: item.mediaType },
          retries: upstream.retries ?? 5,
          backoffMs: upstream.backoffMs ?? 1000,
          idleTimeoutMs: 30_000,
          ...(upstream.fetch ? { fetch: upstream.fetch } : {}),
        });
        await deps.blobs.commit(tenant.id, [{ file: staged, mediaType: item.mediaType }]);
        copied += 1;
      } catch (error) {
        if (!(error instanceof MirrorFetchError)) throw unreachable(upstream, error);
        notCopied.push({ itemId: item.itemId, title: item.title, reason: error.message });
        continue;
      }
    }
    // The item row comes after its file, so a copy cut short never names a file that is not here.
    await deps.repo.putLibraryItemCopy({
      id: item.itemId,
      tenant_id: tenant.id,
      kind: item.kind as 'video',
      title: item.title,
      description: '',
      language: null,
      blob_sha256: item.sha256,
      size: item.size,
      media_type: item.mediaType,
      licence: item.licence,
      author: item.author,
      provider: item.provider,
      source_url: null,
      captions: '[]',
      package: null,
      duration_seconds: null,
      created_by: null,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
  }
  return { copied, notCopied };
}

/** The plan as the upstream has it, merged here as record sync merges it. */
async function fetchPlan(
  deps: PackDeps,
  tenant: { id: string; slug: string },
  planId: string,
  upstream: PackUpstream,
  progress: PackProgress,
): Promise<PlanDetail> {
  progress({ planId, stage: 'plan', detail: planId });
  const { plan, record } = await fetchPlanWithRecord(upstream, tenant.slug, planId);
  await deps.records.applyBatch(tenant.id, [record]);
  return plan;
}

/**
 * With the hub credential: the plan is this server's (record sync brought it, or it was written
 * here); the library items it shows that are not here come from the upstream, and the files of
 * all of them that are missing or damaged. The upstream is not asked at all when nothing is
 * missing, so packing again in the field, off the network, still verifies.
 */
async function copyMediaAsHub(
  deps: PackDeps,
  tenant: { id: string; slug: string },
  plan: PlanDetail,
  upstream: PackUpstream,
  progress: PackProgress,
): Promise<{ copied: number; notCopied: NotCopied[] }> {
  const stepIds = [...new Set(plan.steps.flatMap((step) => (step.kind === 'media' ? [step.itemId] : [])))];
  const here = new Set(plan.media.map((item) => item.itemId));
  const lacking = stepIds.filter((id) => !here.has(id));
  const damaged = [];
  for (const item of plan.media)
    if (item.sha256 && !(await intactHere(deps, tenant.id, item.sha256))) damaged.push(item);
  if (lacking.length === 0 && damaged.length === 0) return { copied: 0, notCopied: [] };
  progress({ planId: plan.id, stage: 'plan', detail: plan.title });
  const fetched = lacking.length > 0 ? await fetchHubMedia(upstream, tenant.slug, lacking) : [];
  return copyMedia(deps, tenant, plan.id, [...damaged, ...fetched], upstream, progress);
}

/**
 * Packs plans for a session in the field: copies what they need from the upstream when one is
 * given, then checks each on this machine, reading every byte. A plan that is not ready is
 * reported with the items that will not play, so the team knows before it leaves.
 */
export async function packPlans(
  deps: PackDeps,
  tenant: { id: string; slug: string },
  actor: Actor,
  planIds: readonly string[],
  upstream: PackUpstream | null,
  progress: PackProgress = () => undefined,
): Promise<PackedPlan[]> {
  const packed: PackedPlan[] = [];
  const notHere = (planId: string) =>
    new PackError(
      404,
      'plan_not_found',
      `Plan ${planId} is not on this server${upstream ? '' : ' (and it has no upstream to fetch it from)'}`,
    );
  const here = (planId: string) => deps.cinema.getPlan(tenant.id, actor, planId).catch(() => null);
  for (const planId of planIds) {
    let result: { copied: number; notCopied: NotCopied[] } = { copied: 0, notCopied: [] };
    let fetchedPlan = false;
    let plan: PlanDetail | null = null;
    if (upstream && !upstream.hub) {
      // With a token the upstream's plan comes with its library items: copy those it shows.
      const theirs = await fetchPlan(deps, tenant, planId, upstream, progress);
      fetchedPlan = true;
      result = await copyMedia(deps, tenant, planId, theirs.media, upstream, progress);
    } else {
      plan = await here(planId);
      if (!plan && upstream) {
        await fetchPlan(deps, tenant, planId, upstream, progress);
        fetchedPlan = true;
      }
    }
    plan ??= await here(planId);
    if (!plan) throw notHere(planId);
    if (upstream?.hub) result = await copyMediaAsHub(deps, tenant, plan, upstream, progress);
    progress({ planId, stage: 'check', detail: planId });
    const readiness = await deps.cinema.readiness(tenant.id, actor, planId, true);
    packed.push({
      planId,
      title: plan.title,
      fetchedPlan,
      copiedFiles: result.copied,
      notCopied: result.notCopied,
      readiness,
    });
  }
  return packed;
}
