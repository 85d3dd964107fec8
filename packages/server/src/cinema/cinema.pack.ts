import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CinemaLibraryResponse,
  PlanResponse,
  type PlanDetail,
  type PlanMedia,
  type PlanReadiness,
} from '@satchel/core';
import type { BlobStore } from '../content/blob-store.js';
import type { Actor } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { fetchBlob, hashFile, MirrorFetchError } from '../mirror/blob-fetch.js';
import { INSTANCE_HEADER } from '../mirror/mirror.schema.js';
import { HUB_HEADER } from '../sync/sync.service.js';
import type { CinemaRepo } from './cinema.repo.js';
import type { CinemaService } from './cinema.service.js';

// Packing for the field: before a team leaves the network, copy everything its plans need
// onto the laptop's hub (library items and their files, fetched by hash with resume and
// verification) and then check on this disk that every item plays.
//
// Two ways to reach the upstream:
//   - an API token (the CLI, `satchel cinema pack --upstream`): the plan itself is fetched and
//     copied too, with the token's user's access;
//   - the hub credential of a registered hub (the "Pack for the field" button): the upstream
//     does not give plans to a hub credential (plans reach the hub by record sync), so the plan
//     must be here already; what the upstream gives is the library items it shows (which do
//     not sync) and their files.

export interface PackUpstream {
  /** The national server (or any server that has the plans), e.g. https://learn.example.org */
  readonly baseUrl: string;
  /** The tenant's slug upstream; this server's slug when not given. */
  readonly tenantSlug?: string;
  /** An API token (`sat_…`) of a facilitator, author or admin of the tenant upstream. */
  readonly token?: string;
  /** The credential record sync issued this hub at registration, with its instance id. */
  readonly hub?: { readonly credential: string; readonly instanceId: string };
  readonly fetch?: typeof fetch;
  /** Attempts after the first when a file's download drops (default 5), and the first wait (ms). */
  readonly retries?: number;
  readonly backoffMs?: number;
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

/** A file the upstream could not deliver intact (404, refused, or corrupt twice). */
export interface NotCopied {
  readonly itemId: string;
  readonly title: string;
  readonly reason: string;
}

export interface PackedPlan {
  readonly planId: string;
  readonly title: string;
  readonly copiedFiles: number;
  readonly notCopied: readonly NotCopied[];
  readonly readiness: PlanReadiness;
}

/** Why packing stopped, in the standard error envelope when it reaches HTTP. */
export class PackError extends AppError {
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(status, code, message, details);
    this.name = 'PackError';
  }
}

const trimmed = (url: string) => url.replace(/\/+$/, '');

function authHeaders(upstream: PackUpstream): Record<string, string> {
  if (upstream.hub)
    return { [HUB_HEADER]: upstream.hub.credential, [INSTANCE_HEADER]: upstream.hub.instanceId };
  return upstream.token ? { authorization: `Bearer ${upstream.token}` } : {};
}

function tenantUrl(upstream: PackUpstream, slug: string, path: string): string {
  return `${trimmed(upstream.baseUrl)}/api/t/${encodeURIComponent(upstream.tenantSlug ?? slug)}${path}`;
}

/** A file by hash: the mirror route takes a hub credential, the blob route a member's token. */
function blobUrl(upstream: PackUpstream, slug: string, sha256: string): string {
  return tenantUrl(upstream, slug, upstream.hub ? `/mirror/blobs/${sha256}` : `/blobs/${sha256}`);
}

const unreachable = (upstream: PackUpstream, error: unknown) =>
  new PackError(502, 'pack_upstream_unreachable', `Cannot reach ${upstream.baseUrl}: ${reasonOf(error)}`, {
    upstream: upstream.baseUrl,
  });

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error)
    return `${error.message} (${error.cause.message})`;
  return error instanceof Error ? error.message : String(error);
}

/** GET on the upstream, JSON, with the reasons a facilitator can act on. */
async function upstreamJson(upstream: PackUpstream, url: string, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await (upstream.fetch ?? fetch)(url, { headers: authHeaders(upstream) });
  } catch (error) {
    throw unreachable(upstream, error);
  }
  if (response.status === 404 && upstream.hub) {
    // Hub media is asked per item id, so a 404 is the route (or the platform) missing upstream.
    throw new PackError(
      502,
      'pack_upstream_refused',
      `The upstream has no answer for ${what} (404): it may run an older Satchel, or no longer host this platform`,
      { status: 404 },
    );
  }
  if (response.status === 404) {
    throw new PackError(
      404,
      'plan_not_found',
      `${what} does not exist upstream or is not shared with this token's user`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new PackError(
      502,
      'pack_upstream_refused',
      upstream.hub
        ? `The upstream refused this hub's credential (${response.status}); register the hub again`
        : `The upstream refused the token (${response.status}); create an API token for a facilitator or admin`,
      { status: response.status },
    );
  }
  if (!response.ok) {
    throw new PackError(
      502,
      'pack_upstream_refused',
      `The upstream answered ${response.status} for ${what}`,
      {
        status: response.status,
      },
    );
  }
  return response.json().catch(() => null);
}

async function fetchPlan(upstream: PackUpstream, slug: string, planId: string): Promise<PlanDetail> {
  const url = tenantUrl(upstream, slug, `/cinema/plans/${encodeURIComponent(planId)}`);
  const parsed = PlanResponse.safeParse(await upstreamJson(upstream, url, `Plan ${planId}`));
  if (!parsed.success)
    throw new PackError(
      502,
      'pack_upstream_invalid',
      `The upstream's answer for plan ${planId} is not a session plan`,
    );
  return parsed.data.plan;
}

/** The library items (not their files) the upstream holds among `ids`, asked with the hub credential. */
async function fetchHubMedia(
  upstream: PackUpstream,
  slug: string,
  ids: readonly string[],
): Promise<PlanMedia[]> {
  const url = tenantUrl(upstream, slug, `/cinema/hub/media?ids=${ids.join(',')}`);
  const parsed = CinemaLibraryResponse.safeParse(await upstreamJson(upstream, url, 'The plan’s media'));
  if (!parsed.success)
    throw new PackError(502, 'pack_upstream_invalid', 'The upstream’s answer is not a list of library items');
  return parsed.data.items;
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

/** With an API token: the plan as the upstream has it, copied here with its media. */
async function copyPlanWithToken(
  deps: PackDeps,
  tenant: { id: string; slug: string },
  planId: string,
  upstream: PackUpstream,
  progress: PackProgress,
): Promise<{ copied: number; notCopied: NotCopied[] }> {
  progress({ planId, stage: 'plan', detail: planId });
  const plan = await fetchPlan(upstream, tenant.slug, planId);
  const result = await copyMedia(deps, tenant, plan.id, plan.media, upstream, progress);
  const now = deps.clock.now().toISOString();
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
  return result;
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
      upstream?.hub
        ? `Plan ${planId} is not on this hub yet; sync the hub with its upstream, then pack it`
        : `Plan ${planId} is not on this server${upstream ? '' : '; give --upstream to copy it'}`,
    );
  for (const planId of planIds) {
    let result: { copied: number; notCopied: NotCopied[] } = { copied: 0, notCopied: [] };
    if (upstream && !upstream.hub) result = await copyPlanWithToken(deps, tenant, planId, upstream, progress);
    const plan = await deps.cinema.getPlan(tenant.id, actor, planId).catch(() => {
      throw notHere(planId);
    });
    if (upstream?.hub) result = await copyMediaAsHub(deps, tenant, plan, upstream, progress);
    progress({ planId, stage: 'check', detail: planId });
    const readiness = await deps.cinema.readiness(tenant.id, actor, planId, true);
    packed.push({
      planId,
      title: plan.title,
      copiedFiles: result.copied,
      notCopied: result.notCopied,
      readiness,
    });
  }
  return packed;
}
