import {
  CinemaLibraryResponse,
  HubPlanResponse,
  PlanListResponse,
  type PlanMedia,
  type PlanSummary,
} from '@satchel/core';
import { AppError } from '../http/errors.js';
import { INSTANCE_HEADER } from '../mirror/mirror.schema.js';
import { HUB_HEADER } from '../sync/sync.service.js';

// The questions packing asks of the upstream (the national server, or any server that has the
// plans), with the reasons a facilitator can act on when it does not answer.
//
// Two ways to reach it:
//   - an API token (the CLI, `satchel cinema pack --upstream`): the token's user's access;
//   - the hub credential of a registered hub (the "Pack for the field" button, the CLI on a hub):
//     the platform the hub was registered for, asking for the facilitator signed in on the hub.
// Either way a plan comes with its record-sync record (`GET …/cinema/hub/plans/:planId`).

export interface PackUpstream {
  /** The national server (or any server that has the plans), e.g. https://learn.example.org */
  readonly baseUrl: string;
  /** The tenant's slug upstream; this server's slug when not given. */
  readonly tenantSlug?: string;
  /** An API token (`sat_…`) of a facilitator, author or admin of the tenant upstream. */
  readonly token?: string;
  /** The credential record sync issued this hub at registration, with its instance id. */
  readonly hub?: { readonly credential: string; readonly instanceId: string };
  /**
   * With the hub credential: whose plans to ask for (their own and the shared ones); shared plans
   * only when not given.
   */
  readonly asUser?: string;
  readonly fetch?: typeof fetch;
  /** How long a question (not a file) may wait for the upstream's answer (default 30 s). */
  readonly answerTimeoutMs?: number;
  /** Attempts after the first when a file's download drops (default 5), and the first wait (ms). */
  readonly retries?: number;
  readonly backoffMs?: number;
}

/** Why packing stopped, in the standard error envelope when it reaches HTTP. */
export class PackError extends AppError {
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(status, code, message, details);
    this.name = 'PackError';
  }
}

const trimmed = (url: string) => url.replace(/\/+$/, '');

export function authHeaders(upstream: PackUpstream): Record<string, string> {
  if (upstream.hub)
    return { [HUB_HEADER]: upstream.hub.credential, [INSTANCE_HEADER]: upstream.hub.instanceId };
  return upstream.token ? { authorization: `Bearer ${upstream.token}` } : {};
}

export function tenantUrl(upstream: PackUpstream, slug: string, path: string): string {
  return `${trimmed(upstream.baseUrl)}/api/t/${encodeURIComponent(upstream.tenantSlug ?? slug)}${path}`;
}

/** A file by hash: the mirror route takes a hub credential, the blob route a member's token. */
export function blobUrl(upstream: PackUpstream, slug: string, sha256: string): string {
  return tenantUrl(upstream, slug, upstream.hub ? `/mirror/blobs/${sha256}` : `/blobs/${sha256}`);
}

export const unreachable = (upstream: PackUpstream, error: unknown): PackError =>
  new PackError(502, 'pack_upstream_unreachable', `Cannot reach ${upstream.baseUrl}: ${reasonOf(error)}`, {
    upstream: upstream.baseUrl,
  });

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error)
    return `${error.message} (${error.cause.message})`;
  return error instanceof Error ? error.message : String(error);
}

/** The `code` of an error envelope, if the body is one. */
function errorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/** GET on the upstream, JSON, with the reasons a facilitator can act on. */
async function upstreamJson(upstream: PackUpstream, url: string, what: string): Promise<unknown> {
  let response: Response;
  try {
    // A link that drops packets (no answer at all) fails here, not after the system's TCP timeout.
    response = await (upstream.fetch ?? fetch)(url, {
      headers: authHeaders(upstream),
      signal: AbortSignal.timeout(upstream.answerTimeoutMs ?? 30_000),
    });
  } catch (error) {
    throw unreachable(upstream, error);
  }
  if (response.status === 404) {
    const code = errorCode(await response.json().catch(() => null));
    if (code === 'plan_not_found')
      throw new PackError(
        404,
        'plan_not_found',
        upstream.hub
          ? `${what} is neither on this hub nor shared with you on ${upstream.baseUrl}`
          : `${what} does not exist upstream or is not shared with this token's user`,
      );
    // Anything else is the route (or the platform) missing upstream.
    throw new PackError(
      502,
      'pack_upstream_refused',
      `The upstream has no answer for ${what} (404): it may run an older Satchel, or no longer host this platform`,
      { status: 404 },
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

const invalidAnswer = (what: string) =>
  new PackError(502, 'pack_upstream_invalid', `The upstream’s answer for ${what} is not what Satchel sends`);

/** Asked with the hub credential for `upstream.asUser`, or with the token for its user. */
const asUserQuery = (upstream: PackUpstream) =>
  upstream.hub && upstream.asUser ? `?userId=${encodeURIComponent(upstream.asUser)}` : '';

/** A plan as the upstream has it, and its sync record (to apply as record sync does). */
export async function fetchPlanWithRecord(
  upstream: PackUpstream,
  slug: string,
  planId: string,
): Promise<HubPlanResponse> {
  const url = tenantUrl(
    upstream,
    slug,
    `/cinema/hub/plans/${encodeURIComponent(planId)}${asUserQuery(upstream)}`,
  );
  const parsed = HubPlanResponse.safeParse(await upstreamJson(upstream, url, `Plan ${planId}`));
  if (!parsed.success) throw invalidAnswer(`plan ${planId}`);
  const { plan, record } = parsed.data;
  if (record.kind !== 'cinema_plan' || record.id !== planId || plan.id !== planId)
    throw invalidAnswer(`plan ${planId}`);
  return parsed.data;
}

/** The plans the upstream holds that the asker may see (all of them: the caller filters). */
export async function fetchUpstreamPlans(upstream: PackUpstream, slug: string): Promise<PlanSummary[]> {
  const url = tenantUrl(upstream, slug, `/cinema/hub/plans${asUserQuery(upstream)}`);
  const parsed = PlanListResponse.safeParse(await upstreamJson(upstream, url, 'The list of plans'));
  if (!parsed.success) throw invalidAnswer('the list of plans');
  return parsed.data.items;
}

/** The library items (not their files) the upstream holds among `ids`, asked with the hub credential. */
export async function fetchHubMedia(
  upstream: PackUpstream,
  slug: string,
  ids: readonly string[],
): Promise<PlanMedia[]> {
  const url = tenantUrl(upstream, slug, `/cinema/hub/media?ids=${ids.join(',')}`);
  const parsed = CinemaLibraryResponse.safeParse(await upstreamJson(upstream, url, 'The plan’s media'));
  if (!parsed.success) throw invalidAnswer('the plan’s media');
  return parsed.data.items;
}
