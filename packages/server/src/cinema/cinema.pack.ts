import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PlanResponse, type PlanDetail, type PlanReadiness } from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import type { Actor } from '../http/context.js';
import type { Clock } from '../platform/clock.js';
import { fetchBlob, hashFile, MirrorFetchError } from '../mirror/blob-fetch.js';
import type { CinemaRepo } from './cinema.repo.js';
import type { CinemaService } from './cinema.service.js';

// Packing for the field: before a team leaves the network, copy everything its plans need
// onto the laptop's hub (the plan, its library items and their files, fetched by hash with
// resume and verification) and then check on this disk that every item plays.

export interface PackUpstream {
  /** The national server (or any server that has the plans), e.g. https://learn.example.org */
  readonly baseUrl: string;
  /** An API token (`sat_…`) of a facilitator, author or admin of the tenant upstream. */
  readonly token: string;
  readonly fetch?: typeof fetch;
}

export interface PackDeps {
  readonly repo: CinemaRepo;
  readonly cinema: CinemaService;
  readonly blobs: BlobStore;
  readonly blobDir: string;
  readonly clock: Clock;
}

export interface PackProgress {
  (event: { planId: string; stage: 'plan' | 'file' | 'check'; detail: string }): void;
}

export interface PackedPlan {
  readonly planId: string;
  readonly title: string;
  readonly copiedFiles: number;
  readonly readiness: PlanReadiness;
}

export class PackError extends Error {}

async function fetchPlan(upstream: PackUpstream, slug: string, planId: string): Promise<PlanDetail> {
  const doFetch = upstream.fetch ?? fetch;
  const url = `${upstream.baseUrl.replace(/\/+$/, '')}/api/t/${encodeURIComponent(slug)}/cinema/plans/${encodeURIComponent(planId)}`;
  let response: Response;
  try {
    response = await doFetch(url, { headers: { authorization: `Bearer ${upstream.token}` } });
  } catch (error) {
    throw new PackError(
      `Cannot reach ${upstream.baseUrl}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (response.status === 404)
    throw new PackError(`Plan ${planId} does not exist upstream or is not shared with this token's user`);
  if (response.status === 401 || response.status === 403) {
    throw new PackError(
      `The upstream refused the token (${response.status}); create an API token for a facilitator or admin`,
    );
  }
  if (!response.ok) throw new PackError(`The upstream answered ${response.status} for plan ${planId}`);
  const parsed = PlanResponse.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new PackError(`The upstream's answer for plan ${planId} is not a session plan`);
  return parsed.data.plan;
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

/** Copies one plan and every file it shows from the upstream, skipping what is already here. */
async function copyFromUpstream(
  deps: PackDeps,
  tenant: { id: string; slug: string },
  plan: PlanDetail,
  upstream: PackUpstream,
  progress: PackProgress,
): Promise<number> {
  const now = deps.clock.now().toISOString();
  let copied = 0;
  const staging = join(deps.blobDir, '.mirror');
  await mkdir(staging, { recursive: true });
  for (const item of plan.media) {
    if (item.sha256 && !(await intactHere(deps, tenant.id, item.sha256))) {
      progress({ planId: plan.id, stage: 'file', detail: item.title });
      try {
        const staged = await fetchBlob({
          url: `${upstream.baseUrl.replace(/\/+$/, '')}/api/t/${encodeURIComponent(tenant.slug)}/blobs/${item.sha256}`,
          headers: { authorization: `Bearer ${upstream.token}` },
          partPath: join(staging, `${item.sha256}.part`),
          blob: { sha256: item.sha256, size: item.size, mediaType: item.mediaType },
          retries: 5,
          backoffMs: 1000,
          idleTimeoutMs: 30_000,
          ...(upstream.fetch ? { fetch: upstream.fetch } : {}),
        });
        await deps.blobs.commit(tenant.id, [{ file: staged, mediaType: item.mediaType }]);
        copied += 1;
      } catch (error) {
        const reason =
          error instanceof MirrorFetchError || error instanceof Error ? error.message : String(error);
        throw new PackError(`Could not copy "${item.title}": ${reason}`);
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
  await deps.repo.putPlanCopy({
    id: plan.id,
    tenant_id: tenant.id,
    owner_id: plan.ownerId,
    title: plan.title,
    description: plan.description,
    age_band: plan.ageBand,
    duration_minutes: plan.durationMinutes,
    language: plan.language,
    tags: JSON.stringify(plan.tags),
    shared: plan.shared ? 1 : 0,
    steps: JSON.stringify(plan.steps),
    created_at: now,
    updated_at: plan.updatedAt,
    version: plan.version,
    deleted_at: null,
  });
  return copied;
}

/**
 * Packs plans for a session in the field: copies them from the upstream when one is given,
 * then checks each on this machine. A plan that is not ready is reported with the items that
 * will not play, so the team knows before it leaves.
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
  for (const planId of planIds) {
    let copiedFiles = 0;
    if (upstream) {
      progress({ planId, stage: 'plan', detail: planId });
      const plan = await fetchPlan(upstream, tenant.slug, planId);
      copiedFiles = await copyFromUpstream(deps, tenant, plan, upstream, progress);
    }
    progress({ planId, stage: 'check', detail: planId });
    const plan = await deps.cinema.getPlan(tenant.id, actor, planId).catch(() => {
      throw new PackError(
        `Plan ${planId} is not on this server${upstream ? '' : '; give --upstream to copy it'}`,
      );
    });
    const readiness = await deps.cinema.readiness(tenant.id, actor, planId, true);
    packed.push({ planId, title: plan.title, copiedFiles, readiness });
  }
  return packed;
}
