import { ROLES, type HubPlanResponse, type PlanSummary, type RecordFields, type Role } from '@satchel/core';
import type { Actor } from '../http/context.js';
import { AppError, notFound } from '../http/errors.js';
import type { SyncTracker } from '../sync/sync.tracker.js';
import type { CinemaRepo } from './cinema.repo.js';
import type { CinemaService } from './cinema.service.js';

// The upstream's side of a hub fetching plans that have not reached it by record sync (a hub scoped
// to some classes never gets a facilitator's plans that way; a laptop registered this morning has
// not synced yet). The hub credential speaks for the platform it was issued on, never another; it
// names the facilitator signed in on the hub, and the plans are those that person may see here
// (the sharing rules of the plans page). Plans travel with their sync record, so a hub holds them
// exactly as record sync would have brought them.

/** Who a hub asks for: the platform's member `userId` with their roles here, or no one. */
export async function hubAsker(
  repo: CinemaRepo,
  tenantId: string,
  userId: string | undefined,
): Promise<Actor> {
  const roles = userId
    ? (await repo.memberRoles(tenantId, userId)).filter((role): role is Role =>
        (ROLES as readonly string[]).includes(role),
      )
    : [];
  // Someone who runs no sessions here (or no one) is shown what every facilitator sees: shared plans.
  const runsSessions = roles.some((role) => role === 'facilitator' || role === 'author' || role === 'admin');
  return {
    userId: runsSessions && userId ? userId : '',
    tenantId,
    username: '',
    displayName: '',
    roles: runsSessions ? roles : [],
    isOperator: false,
    via: 'token',
    sessionId: null,
  };
}

export class CinemaHubService {
  constructor(
    private readonly repo: CinemaRepo,
    private readonly cinema: CinemaService,
    private readonly tracker: Pick<SyncTracker, 'stampPending'>,
  ) {}

  /** The plans `asker` may see on this server (the hub filters out those it holds). */
  async plans(tenantId: string, asker: Actor): Promise<PlanSummary[]> {
    return this.cinema.listPlans(tenantId, asker, {});
  }

  /** One plan `asker` may see, with its sync record; 404 `plan_not_found` otherwise. */
  async plan(tenantId: string, asker: Actor, planId: string): Promise<HubPlanResponse> {
    const plan = await this.cinema.getPlan(tenantId, asker, planId);
    // An edit not stamped yet would send a record older than the plan: stamp first (cheap when none).
    await this.tracker.stampPending({ statements: false });
    const stamp = await this.repo.planSyncRecord(tenantId, planId);
    if (!stamp) throw notFound('plan_not_found', 'No such session plan');
    let fields: RecordFields;
    try {
      fields = JSON.parse(stamp.fields) as RecordFields;
    } catch {
      throw new AppError(500, 'plan_record_unreadable', 'The plan’s sync record cannot be read', { planId });
    }
    return {
      plan,
      record: { kind: 'cinema_plan', id: planId, i: stamp.instance_id, n: stamp.counter, fields },
    };
  }
}
