import {
  CreateDeviceTokenRequest,
  DeviceStatementsRequest,
  uuidv7,
  type AttemptResult,
  type CreatedDeviceToken,
  type DeviceStatementsResponse,
  type DeviceToken,
  type Me,
  type SubmitAttemptRequest,
} from '@satchel/core';
import type { Config } from '../config.js';
import type { Actor } from '../http/context.js';
import { AppError, notFound } from '../http/errors.js';
import type { LrsService } from '../lrs/lrs.service.js';
import type { Clock } from '../platform/clock.js';
import type { QuizService, QuizTarget } from '../quizzes/quizzes.service.js';
import { presentMe } from '../users/users.presenter.js';
import type { UsersRepo } from '../users/users.repo.js';
import { randomToken, sha256Hex } from './auth.crypto.js';
import type { AuthRepo } from './auth.repo.js';
import type { DeviceTokenOwner, DeviceTokenRow, DeviceTokensRepo } from './offline-devices.repo.js';

export const DEVICE_TOKEN_PREFIX = 'satd_';
/** A device token lives this long after it was last used to open a session. */
export const DEVICE_TOKEN_DAYS = 180;
const DAY_MS = 86_400_000;

const invalidToken = () =>
  new AppError(401, 'device_token_invalid', 'This device is not known here; sign in with your password');
const revoked = () =>
  new AppError(401, 'device_revoked', 'This device may no longer sign in for this account; sign in again');

/** A session the device token opened: the cookie value is `token`. */
export interface DeviceSession {
  user: Me;
  token: string;
  maxAgeSeconds: number;
}

/**
 * Device tokens (decision 0005). A learner who signed in on a device gets one per profile; with it the
 * device re-opens a session after weeks offline, and sends the records it queued. Access ends when the
 * token is revoked or the account is disabled or deleted; from that instant (the cut-off) the token
 * opens nothing, but records the device made before the cut-off are still accepted, since the learner
 * was allowed to make them. Their time is the device's (statement timestamp, attempt submittedAt):
 * a device can lie about it, which is the price of accepting work done offline.
 */
export class DeviceTokenService {
  constructor(
    private readonly repo: DeviceTokensRepo,
    private readonly authRepo: AuthRepo,
    private readonly usersRepo: UsersRepo,
    private readonly lrs: LrsService,
    private readonly quizzes: QuizService,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'sessionDays'>,
  ) {}

  async create(
    actor: Pick<Actor, 'tenantId' | 'userId'>,
    input: CreateDeviceTokenRequest,
  ): Promise<CreatedDeviceToken> {
    const { label } = CreateDeviceTokenRequest.parse(input);
    const now = this.clock.now();
    const token = `${DEVICE_TOKEN_PREFIX}${randomToken(32)}`;
    const row: DeviceTokenRow = {
      id: uuidv7(now.getTime()),
      tenant_id: actor.tenantId,
      user_id: actor.userId,
      label,
      token_hash: sha256Hex(token),
      created_at: now.toISOString(),
      last_used_at: null,
      expires_at: this.expiry(now),
      revoked_at: null,
    };
    await this.repo.insert(row);
    return { device: present(row), token };
  }

  async list(actor: Pick<Actor, 'tenantId' | 'userId'>): Promise<DeviceToken[]> {
    const rows = await this.repo.listLive(actor.tenantId, actor.userId, this.clock.now().toISOString());
    return rows.map(present);
  }

  async revoke(actor: Pick<Actor, 'tenantId' | 'userId'>, deviceId: string): Promise<void> {
    const row = await this.repo.ownedBy(actor.tenantId, actor.userId, deviceId);
    if (!row || row.revoked_at !== null) {
      throw notFound('device_not_found', 'You have no such device', { deviceId });
    }
    await this.repo.revoke(actor.tenantId, row.id, this.clock.now().toISOString());
  }

  /** Exchanges a live device token for a new session of its learner. */
  async openSession(tenantId: string, token: string | undefined): Promise<DeviceSession> {
    const owner = await this.owner(tenantId, token);
    const now = this.clock.now();
    const cutoff = await this.cutoff(owner);
    if (cutoff !== null && cutoff <= now.toISOString()) throw revoked();
    const user = await this.usersRepo.byId(tenantId, owner.user_id);
    if (!user) throw revoked();
    await this.repo.touch(owner.id, now.toISOString(), this.expiry(now));
    const secret = randomToken(32);
    const seconds = Math.round(this.config.sessionDays * 86_400);
    await this.authRepo.insertSession({
      id: sha256Hex(secret),
      tenant_id: tenantId,
      user_id: owner.user_id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + seconds * 1000).toISOString(),
      last_seen_at: now.toISOString(),
      user_agent: `device ${owner.label}`.slice(0, 300),
    });
    const roles = await this.usersRepo.rolesOf(tenantId, owner.user_id);
    return { user: presentMe(user, roles), token: secret, maxAgeSeconds: seconds };
  }

  /** Stores queued statements made before the cut-off; those made after it are refused, not failed. */
  async statements(
    tenantId: string,
    token: string | undefined,
    body: unknown,
  ): Promise<DeviceStatementsResponse> {
    const owner = await this.owner(tenantId, token);
    const statements = DeviceStatementsRequest.parse(body);
    const cutoff = await this.cutoff(owner);
    const refused: DeviceStatementsResponse['refused'] = [];
    const taken = statements.filter((statement) => {
      if (cutoff === null || madeBefore(statement.timestamp, cutoff)) return true;
      refused.push({ id: typeof statement.id === 'string' ? statement.id : '', code: 'access_revoked' });
      return false;
    });
    const stored =
      taken.length === 0
        ? []
        : await this.lrs.store(tenantId, taken, { kind: 'learner', userId: owner.user_id });
    return { stored, refused };
  }

  /** A quiz attempt taken offline: graded and stored like one taken online, if made before the cut-off. */
  async attempt(
    tenantId: string,
    token: string | undefined,
    target: Omit<QuizTarget, 'tenantId' | 'userId'>,
    request: SubmitAttemptRequest,
  ): Promise<AttemptResult> {
    const owner = await this.owner(tenantId, token);
    const cutoff = await this.cutoff(owner);
    if (cutoff !== null && !madeBefore(request.submittedAt, cutoff)) {
      throw new AppError(403, 'access_revoked', 'This attempt was made after the account lost access', {
        attemptId: request.attemptId,
      });
    }
    return this.quizzes.submit({ ...target, tenantId, userId: owner.user_id }, request);
  }

  private async owner(tenantId: string, token: string | undefined): Promise<DeviceTokenOwner> {
    if (!token?.startsWith(DEVICE_TOKEN_PREFIX)) throw invalidToken();
    const owner = await this.repo.byHash(tenantId, sha256Hex(token));
    if (!owner) throw invalidToken();
    return owner;
  }

  /**
   * The instant this token stopped vouching for its learner, or null while it still does. A disabled
   * account has no time of disabling of its own: its last change stands for it, and is written into
   * the token the first time it is seen, so later edits of the account do not move it.
   */
  private async cutoff(owner: DeviceTokenOwner): Promise<string | null> {
    if (owner.revoked_at !== null) return owner.revoked_at;
    const lost = owner.user_deleted_at ?? (owner.user_status === 'active' ? null : owner.user_updated_at);
    if (lost !== null) {
      await this.repo.revoke(owner.tenant_id, owner.id, lost);
      return lost;
    }
    return owner.expires_at;
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + DEVICE_TOKEN_DAYS * DAY_MS).toISOString();
  }
}

/** Whether a device time (ISO 8601, any offset) is before the cut-off; no time means no proof. */
function madeBefore(time: unknown, cutoff: string): boolean {
  if (typeof time !== 'string') return false;
  const at = Date.parse(time);
  return Number.isFinite(at) && at < Date.parse(cutoff);
}

function present(row: DeviceTokenRow): DeviceToken {
  return {
    id: row.id,
    label: row.label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}
