import {
  PlanContent,
  PlanStep,
  SessionLogInput,
  attendanceTotal,
  reachReport,
  sessionLogProblems,
  uuidv7,
  type CinemaLibraryResponse,
  type FacilitatorListResponse,
  type PlanDetail,
  type PlanListQuery,
  type PlanReadiness,
  type PlanSummary,
  type ReachQuery,
  type ReachResponse,
  type ReachSession,
  type RecordSessionRequest,
  type SessionListQuery,
  type SessionListResponse,
  type SessionView,
  type UpdatePlanRequest,
} from '@satchel/core';
import { z } from 'zod';
import type { BlobStore } from '../content/blob-store.js';
import { conflict, forbidden, invalid, notFound } from '../http/errors.js';
import { hasRole, type Actor } from '../http/context.js';
import type { Clock } from '../platform/clock.js';
import { LiveRelay } from './cinema.live.js';
import { checkItem } from './cinema.readiness.js';
import type { CinemaRepo, PlanRow, SessionFilter, SessionRow } from './cinema.repo.js';

const Steps = z.array(PlanStep);
const planNotFound = () => notFound('plan_not_found', 'No such session plan');

/** Rows store a session exactly as it was sent, so a re-send can be told apart from a different log. */
function sessionSignature(log: ReturnType<typeof SessionLogInput.parse>): string {
  return JSON.stringify(log);
}

export class CinemaService {
  /** Phone remotes of sessions running on this server (in memory: they matter for seconds). */
  readonly live = new LiveRelay();

  constructor(
    private readonly repo: CinemaRepo,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
  ) {}

  // Plans -------------------------------------------------------------------------------

  private canEdit(actor: Actor, row: PlanRow): boolean {
    return hasRole(actor, 'admin') || row.owner_id === actor.userId;
  }

  private canSee(actor: Actor, row: PlanRow): boolean {
    return this.canEdit(actor, row) || row.shared === 1;
  }

  private summary(actor: Actor, row: PlanRow, names: Map<string, string>): PlanSummary {
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      ageBand: row.age_band as PlanSummary['ageBand'],
      durationMinutes: row.duration_minutes,
      language: row.language,
      tags: z.array(z.string()).parse(JSON.parse(row.tags)),
      shared: row.shared === 1,
      stepCount: Steps.parse(JSON.parse(row.steps)).length,
      ownerId: row.owner_id,
      ownerName: row.owner_id ? (names.get(row.owner_id) ?? null) : null,
      editable: this.canEdit(actor, row),
      updatedAt: row.updated_at,
      version: row.version,
    };
  }

  private async detail(tenantId: string, actor: Actor, row: PlanRow): Promise<PlanDetail> {
    const names = await this.repo.userNames(tenantId, row.owner_id ? [row.owner_id] : []);
    const steps = Steps.parse(JSON.parse(row.steps));
    const itemIds = steps.flatMap((step) => (step.kind === 'media' ? [step.itemId] : []));
    const items = await this.repo.libraryItems(tenantId, itemIds);
    return {
      ...this.summary(actor, row, names),
      steps,
      media: items.map((item) => ({
        itemId: item.id,
        title: item.title,
        kind: item.kind,
        mediaType: item.media_type,
        size: Number(item.size),
        sha256: item.blob_sha256,
        licence: item.licence,
        author: item.author,
        provider: item.provider,
      })),
    };
  }

  async mediaLibrary(tenantId: string, ids?: readonly string[]): Promise<CinemaLibraryResponse> {
    const rows = await this.repo.mediaLibrary(tenantId, ids);
    return {
      items: rows.map((item) => ({
        itemId: item.id,
        title: item.title,
        kind: item.kind,
        mediaType: item.media_type,
        size: Number(item.size),
        sha256: item.blob_sha256,
        licence: item.licence,
        author: item.author,
        provider: item.provider,
        language: item.language,
      })),
    };
  }

  async facilitators(tenantId: string): Promise<FacilitatorListResponse> {
    const rows = await this.repo.facilitators(tenantId);
    return { items: rows.map((row) => ({ id: row.id, displayName: row.display_name })) };
  }

  async listPlans(tenantId: string, actor: Actor, query: PlanListQuery): Promise<PlanSummary[]> {
    const rows = await this.repo.plans(tenantId, {
      visibleTo: hasRole(actor, 'admin') ? undefined : actor.userId,
      q: query.q,
      language: query.language,
      ageBand: query.ageBand,
    });
    const owners = [...new Set(rows.flatMap((row) => (row.owner_id ? [row.owner_id] : [])))];
    const names = await this.repo.userNames(tenantId, owners);
    const summaries = rows.map((row) => this.summary(actor, row, names));
    return query.tag ? summaries.filter((plan) => plan.tags.includes(query.tag ?? '')) : summaries;
  }

  async getPlan(tenantId: string, actor: Actor, planId: string): Promise<PlanDetail> {
    const row = await this.repo.plan(tenantId, planId);
    if (!row || !this.canSee(actor, row)) throw planNotFound();
    return this.detail(tenantId, actor, row);
  }

  private async checkMedia(tenantId: string, plan: PlanContent): Promise<void> {
    const ids = plan.steps.flatMap((step) => (step.kind === 'media' ? [step.itemId] : []));
    const found = new Set((await this.repo.libraryItems(tenantId, ids)).map((item) => item.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw invalid('plan_media_not_found', 'Some media steps point at library items that do not exist', {
        itemIds: missing,
      });
    }
  }

  async createPlan(tenantId: string, actor: Actor, input: unknown): Promise<PlanDetail> {
    const plan = PlanContent.parse(input);
    await this.checkMedia(tenantId, plan);
    const now = this.clock.now().toISOString();
    const id = uuidv7();
    await this.repo.insertPlan({
      id,
      tenant_id: tenantId,
      owner_id: actor.userId,
      title: plan.title,
      description: plan.description,
      age_band: plan.ageBand,
      duration_minutes: plan.durationMinutes,
      language: plan.language,
      tags: JSON.stringify(plan.tags),
      shared: plan.shared ? 1 : 0,
      steps: JSON.stringify(plan.steps),
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    return this.getPlan(tenantId, actor, id);
  }

  private async editable(tenantId: string, actor: Actor, planId: string): Promise<PlanRow> {
    const row = await this.repo.plan(tenantId, planId);
    if (!row || !this.canSee(actor, row)) throw planNotFound();
    if (!this.canEdit(actor, row)) throw forbidden('Only the plan’s owner or an admin can change it');
    return row;
  }

  async updatePlan(
    tenantId: string,
    actor: Actor,
    planId: string,
    request: UpdatePlanRequest,
  ): Promise<PlanDetail> {
    const row = await this.editable(tenantId, actor, planId);
    const plan = PlanContent.parse(request.plan);
    await this.checkMedia(tenantId, plan);
    const updated = await this.repo.updatePlan(tenantId, planId, request.version, {
      title: plan.title,
      description: plan.description,
      age_band: plan.ageBand,
      duration_minutes: plan.durationMinutes,
      language: plan.language,
      tags: JSON.stringify(plan.tags),
      shared: plan.shared ? 1 : 0,
      steps: JSON.stringify(plan.steps),
      updated_at: this.clock.now().toISOString(),
    });
    if (!updated) {
      throw conflict(
        'edit_conflict',
        'Someone changed this plan since you opened it; reload to see their changes',
        {
          currentVersion: row.version,
        },
      );
    }
    return this.getPlan(tenantId, actor, planId);
  }

  async deletePlan(tenantId: string, actor: Actor, planId: string): Promise<void> {
    const row = await this.editable(tenantId, actor, planId);
    const now = this.clock.now().toISOString();
    await this.repo.updatePlan(tenantId, planId, row.version, { deleted_at: now, updated_at: now });
  }

  /** Checks every media item of a plan against this server's disk, before the team leaves the network. */
  async readiness(
    tenantId: string,
    actor: Actor,
    planId: string,
    verifyHashes = false,
  ): Promise<PlanReadiness> {
    const row = await this.repo.plan(tenantId, planId);
    if (!row || !this.canSee(actor, row)) throw planNotFound();
    const media = Steps.parse(JSON.parse(row.steps)).flatMap((step) => (step.kind === 'media' ? [step] : []));
    const items = new Map(
      (
        await this.repo.libraryItems(
          tenantId,
          media.map((s) => s.itemId),
        )
      ).map((i) => [i.id, i]),
    );
    const checks = [];
    for (const step of media) {
      checks.push(
        await checkItem(tenantId, step.itemId, step.title, items.get(step.itemId), this.blobs, verifyHashes),
      );
    }
    return { planId, ready: checks.every((check) => check.status === 'ok'), items: checks };
  }

  // Session logs -------------------------------------------------------------------------

  /**
   * Records a session log sent by a facilitator's laptop. The id is made on the laptop, so a
   * log sent twice (a retry, a sync and a USB bundle both carrying it) is stored once; a
   * different log under a used id is refused.
   */
  async recordSession(
    tenantId: string,
    actor: Actor,
    input: RecordSessionRequest,
  ): Promise<{ session: SessionView; created: boolean }> {
    const log = SessionLogInput.parse(input);
    // A plan deleted since the session ran still names the session; only its steps are needed.
    const plan = await this.repo.plan(tenantId, log.planId, { includeDeleted: true });
    if (!plan)
      throw invalid('plan_not_found', 'The session names a plan this platform does not have', {
        planId: log.planId,
      });
    const today = new Date(this.clock.now().getTime() + 14 * 3600_000).toISOString().slice(0, 10);
    const problems = sessionLogProblems(log, Steps.parse(JSON.parse(plan.steps)), today);
    if (problems.length > 0) {
      throw invalid('invalid_session', problems.map((problem) => problem.message).join('; '), { problems });
    }
    const names = await this.repo.userNames(tenantId, log.facilitatorIds);
    const unknown = log.facilitatorIds.filter((id) => !names.has(id));
    if (unknown.length > 0) {
      throw invalid('unknown_facilitator', 'Some facilitators are not users of this platform', {
        userIds: unknown,
      });
    }
    if (!hasRole(actor, 'admin') && !log.facilitatorIds.includes(actor.userId)) {
      throw forbidden('You can only record sessions you facilitated');
    }
    const now = this.clock.now().toISOString();
    const created = await this.repo.insertSession({
      id: log.id,
      tenant_id: tenantId,
      plan_id: log.planId,
      plan_title: plan.title,
      date: log.date,
      place: log.place,
      region: log.region,
      latitude: log.latitude,
      longitude: log.longitude,
      facilitator_ids: JSON.stringify(log.facilitatorIds),
      team: log.team,
      started_at: log.startedAt,
      ended_at: log.endedAt,
      attendance: JSON.stringify(log.attendance),
      reached: attendanceTotal(log.attendance),
      with_disability: log.withDisability,
      activities: JSON.stringify(log.activities),
      check_ins: JSON.stringify(log.checkIns),
      notes: log.notes,
      referral: log.referral ? 1 : 0,
      steps_completed: log.stepsCompleted,
      recorded_by: actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    const row = await this.repo.sessionById(log.id);
    if (
      !row ||
      row.tenant_id !== tenantId ||
      (!created && sessionSignature(toLog(row)) !== sessionSignature(log))
    ) {
      throw conflict('session_conflict', 'Another session was already recorded with this id', {
        sessionId: log.id,
      });
    }
    const [session] = await this.views(tenantId, [row]);
    return { session: session as SessionView, created };
  }

  private scope(actor: Actor, filter: SessionFilter): SessionFilter {
    // Facilitators see their own sessions; admins (and educators, who monitor reach) see all.
    return hasRole(actor, 'admin', 'educator') ? filter : { ...filter, facilitatorId: actor.userId };
  }

  /** Every session a reach query covers, as CSV rows want them. */
  async reachSessions(tenantId: string, actor: Actor, query: ReachQuery): Promise<SessionView[]> {
    const { rows } = await this.repo.sessions(tenantId, this.reachFilter(actor, query));
    return this.views(tenantId, rows);
  }

  private reachFilter(actor: Actor, query: ReachQuery): SessionFilter {
    if (!hasRole(actor, 'admin', 'educator') && query.facilitatorId && query.facilitatorId !== actor.userId) {
      throw forbidden('You can only see the reach of your own sessions');
    }
    return this.scope(actor, {
      from: query.from,
      to: query.to,
      region: query.region,
      planId: query.planId,
      facilitatorId: query.facilitatorId,
    });
  }

  async listSessions(tenantId: string, actor: Actor, query: SessionListQuery): Promise<SessionListResponse> {
    const { rows, total } = await this.repo.sessions(
      tenantId,
      this.scope(actor, { from: query.from, to: query.to }),
      { limit: query.limit, offset: query.offset },
    );
    return { items: await this.views(tenantId, rows), total };
  }

  async reach(tenantId: string, actor: Actor, query: ReachQuery): Promise<ReachResponse> {
    const filter = this.reachFilter(actor, query);
    const { rows } = await this.repo.sessions(tenantId, filter);
    const sessions: ReachSession[] = rows.map((row) => ({ ...toLog(row), planTitle: row.plan_title }));
    const report = reachReport(sessions, query.period);
    const names = await this.repo.userNames(
      tenantId,
      report.byFacilitator.map((group) => group.key),
    );
    const label = <G extends { key: string }>(group: G): G & { label: string } => ({
      ...group,
      label: group.key,
    });
    return {
      ...report,
      byRegion: report.byRegion.map(label),
      byPeriod: report.byPeriod.map(label),
      byTeam: report.byTeam.map(label),
      byPlan: report.byPlan.map(({ title, ...group }) => ({ ...group, label: title })),
      byFacilitator: report.byFacilitator.map((group) => ({
        ...group,
        label: names.get(group.key) ?? group.key,
      })),
    };
  }

  private async views(tenantId: string, rows: readonly SessionRow[]): Promise<SessionView[]> {
    const ids = [...new Set(rows.flatMap((row) => toLog(row).facilitatorIds))];
    const names = await this.repo.userNames(tenantId, ids);
    return rows.map((row) => {
      const log = toLog(row);
      return {
        ...log,
        planTitle: row.plan_title,
        facilitatorNames: log.facilitatorIds.map((id) => names.get(id) ?? ''),
        reached: row.reached,
        recordedBy: row.recorded_by,
        recordedAt: row.created_at,
      };
    });
  }
}

/** A stored row back to the log that was sent, through the same schema that accepted it. */
export function toLog(row: SessionRow): ReturnType<typeof SessionLogInput.parse> {
  return SessionLogInput.parse({
    id: row.id,
    planId: row.plan_id,
    date: row.date,
    place: row.place,
    region: row.region,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    facilitatorIds: JSON.parse(row.facilitator_ids) as unknown,
    team: row.team,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    attendance: JSON.parse(row.attendance) as unknown,
    withDisability: row.with_disability,
    activities: JSON.parse(row.activities) as unknown,
    checkIns: JSON.parse(row.check_ins) as unknown,
    notes: row.notes,
    referral: row.referral === 1,
    stepsCompleted: row.steps_completed,
  });
}
