import { ChangePasswordRequest, SigninRequest, SignupRequest, type Me } from '@satchel/core';
import type { Config } from '../config.js';
import { sessionCookieName, type Actor, type ActorResolver, type TenantRef } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { TenantService } from '../tenants/tenants.service.js';
import { presentMe } from '../users/users.presenter.js';
import type { UserRow, UsersRepo } from '../users/users.repo.js';
import type { UserService } from '../users/users.service.js';
import {
  hashSecret,
  needsRehash,
  randomToken,
  safeEqual,
  sha256Hex,
  verifyDecoy,
  verifySecret,
} from './auth.crypto.js';
import { FailureLimiter, type Limit } from './auth.ratelimit.js';
import type { AuthRepo, CredentialOwner } from './auth.repo.js';
import { identityChanges } from './identity-changes.js';

/** Login throttling: failures per username and per client address, in a 15-minute window. */
export const SIGNIN_LIMITS = { windowMs: 15 * 60_000, perUsername: 10, perIp: 50 } as const;
/** A session's last_seen_at (and so its sliding expiry) is written at most this often. */
const TOUCH_EVERY_MS = 60 * 60_000;
export const API_TOKEN_PREFIX = 'sat_';
/** How long another replica's sign-out or revocation may take to reach this one. */
export const ACTOR_CACHE_MS = 5_000;
const ACTOR_CACHE_SIZE = 10_000;

export interface ClientMeta {
  ip: string;
  userAgent: string | null;
}

/** A new session: the cookie value is `token`; only its SHA-256 is stored. */
export interface SignedIn {
  user: Me;
  token: string;
  maxAgeSeconds: number;
}

export interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
  maxAge: number;
}

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'The username or password is not right');

/**
 * Sign-in, sign-up and sign-out, and the ActorResolver every route relies on: a
 * session cookie (one per tenant) or an API token, each valid only in the tenant
 * it was issued in, and only while its user is active.
 */
export class AuthService implements ActorResolver {
  private readonly limiter: FailureLimiter;
  private readonly actorCache = new Map<string, { actor: Actor; at: number; generation: number }>();

  constructor(
    private readonly repo: AuthRepo,
    private readonly usersRepo: UsersRepo,
    private readonly users: UserService,
    private readonly tenants: Pick<TenantService, 'inviteCode'>,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'sessionDays' | 'secureCookies'>,
  ) {
    this.limiter = new FailureLimiter(repo, clock, SIGNIN_LIMITS.windowMs);
  }

  async resolve(
    tenant: TenantRef,
    credentials: { cookies: Record<string, string | undefined>; authorization?: string },
  ): Promise<Actor | null> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(credentials.authorization ?? '');
    const token = bearer ? bearer[1]! : credentials.cookies[sessionCookieName(tenant.slug)];
    if (!token) return null;
    // Every request asks who is acting; a short cache spares the database two queries each
    // time. Changes made in this process invalidate it at once (identityChanges).
    const key = `${tenant.id}:${bearer ? 't' : 's'}:${token}`;
    const generation = identityChanges.generation(tenant.id);
    const nowMs = this.clock.now().getTime();
    const cached = this.actorCache.get(key);
    if (cached && cached.generation === generation && nowMs - cached.at < ACTOR_CACHE_MS) return cached.actor;
    const actor = bearer ? await this.resolveToken(tenant, token) : await this.resolveSession(tenant, token);
    if (actor) {
      if (this.actorCache.size >= ACTOR_CACHE_SIZE)
        this.actorCache.delete(this.actorCache.keys().next().value!);
      this.actorCache.set(key, { actor, at: nowMs, generation });
    } else {
      this.actorCache.delete(key);
    }
    return actor;
  }

  private async resolveSession(tenant: TenantRef, token: string): Promise<Actor | null> {
    const now = this.clock.now();
    const owner = await this.repo.sessionOwner(tenant.id, sha256Hex(token), now.toISOString());
    if (!owner) return null;
    if (now.getTime() - Date.parse(owner.last_seen ?? '') >= TOUCH_EVERY_MS) {
      await this.repo.touchSession(owner.credential_id, now.toISOString(), this.expiry(now));
    }
    return this.actor(tenant, owner, 'session');
  }

  async signin(tenant: TenantRef, input: SigninRequest, client: ClientMeta): Promise<SignedIn> {
    const body = SigninRequest.parse(input);
    const usingPin = 'pin' in body;
    if (usingPin && !(await this.tenants.inviteCode(tenant.id)).allowPin) {
      throw new AppError(403, 'pin_signin_disabled', 'This platform does not allow signing in with a PIN');
    }
    const limits: Limit[] = [
      { key: `signin:user:${body.username}`, max: SIGNIN_LIMITS.perUsername },
      { key: `signin:ip:${client.ip}`, max: SIGNIN_LIMITS.perIp },
    ];
    await this.limiter.check(tenant.id, limits);
    const secret = usingPin ? body.pin : body.password;
    const row = await this.usersRepo.byUsername(tenant.id, body.username);
    const stored = row ? (usingPin ? row.pin_hash : row.password_hash) : null;
    const ok = stored ? await verifySecret(secret, stored) : await verifyDecoy(secret);
    if (!row || !stored || !ok) {
      await this.limiter.fail(tenant.id, limits);
      throw invalidCredentials();
    }
    if (row.status !== 'active')
      throw new AppError(403, 'account_disabled', 'This account is disabled; ask your administrator');
    await this.limiter.reset(tenant.id, limits[0]!.key);
    const current = needsRehash(stored)
      ? await this.upgradeHash(row, usingPin ? 'pin_hash' : 'password_hash', secret)
      : row;
    return this.startSession(tenant, current, client);
  }

  async signup(tenant: TenantRef, input: SignupRequest, client: ClientMeta): Promise<SignedIn> {
    const body = SignupRequest.parse(input);
    const policy = await this.tenants.inviteCode(tenant.id);
    switch (policy.policy) {
      case 'admin':
        throw new AppError(
          403,
          'signup_closed',
          'Accounts on this platform are created by its administrators',
        );
      case 'invite': {
        // Invite codes can be guessed: failed codes count against the client like failed sign-ins.
        const limits: Limit[] = [{ key: `signup:ip:${client.ip}`, max: SIGNIN_LIMITS.perIp }];
        await this.limiter.check(tenant.id, limits);
        if (!policy.code || !body.inviteCode || !safeEqual(body.inviteCode.trim(), policy.code)) {
          await this.limiter.fail(tenant.id, limits);
          throw new AppError(403, 'invite_code_invalid', 'That invite code is not right');
        }
        break;
      }
      case 'open':
        break;
      default: {
        const never: never = policy.policy;
        throw new Error(`unknown signup policy ${String(never)}`);
      }
    }
    const user = await this.users.create(tenant.id, {
      username: body.username,
      displayName: body.displayName,
      password: body.password,
      roles: ['learner'],
      ...(body.locale ? { locale: body.locale } : {}),
      ...(body.email ? { email: body.email } : {}),
      ...(body.phone ? { phone: body.phone } : {}),
    });
    const row = await this.usersRepo.byId(tenant.id, user.id);
    if (!row) throw new Error('a user vanished right after sign-up');
    return this.startSession(tenant, row, client);
  }

  async signout(tenant: TenantRef, cookieToken: string | undefined): Promise<void> {
    if (cookieToken) await this.repo.deleteSession(tenant.id, sha256Hex(cookieToken));
  }

  /** Changes the signed-in user's own password; their other sessions end. */
  async changePassword(actor: Actor, input: ChangePasswordRequest): Promise<void> {
    const body = ChangePasswordRequest.parse(input);
    const limits: Limit[] = [{ key: `signin:user:${actor.username}`, max: SIGNIN_LIMITS.perUsername }];
    await this.limiter.check(actor.tenantId, limits);
    const row = await this.usersRepo.byId(actor.tenantId, actor.userId);
    if (!row?.password_hash || !(await verifySecret(body.currentPassword, row.password_hash))) {
      await this.limiter.fail(actor.tenantId, limits);
      throw new AppError(403, 'wrong_password', 'The current password is not right');
    }
    await this.users.setPassword(actor.tenantId, actor.userId, body.newPassword, actor);
    await this.repo.deleteUserSessions(actor.tenantId, actor.userId, actor.sessionId ?? undefined);
  }

  cookieOptions(maxAgeSeconds = this.sessionSeconds()): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: this.config.secureCookies,
      maxAge: maxAgeSeconds,
    };
  }

  sessionSeconds(): number {
    return Math.round(this.config.sessionDays * 86_400);
  }

  private async resolveToken(tenant: TenantRef, token: string): Promise<Actor | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const owner = await this.repo.tokenOwner(tenant.id, sha256Hex(token));
    if (!owner) return null;
    const now = this.clock.now();
    if (owner.last_seen === null || now.getTime() - Date.parse(owner.last_seen) >= TOUCH_EVERY_MS) {
      await this.repo.touchToken(owner.credential_id, now.toISOString());
    }
    return this.actor(tenant, owner, 'token');
  }

  private async actor(tenant: TenantRef, owner: CredentialOwner, via: Actor['via']): Promise<Actor> {
    return {
      userId: owner.user_id,
      tenantId: tenant.id,
      username: owner.username,
      displayName: owner.display_name,
      roles: await this.usersRepo.rolesOf(tenant.id, owner.user_id),
      isOperator: owner.is_operator === 1,
      via,
      sessionId: via === 'session' ? owner.credential_id : null,
    };
  }

  private async startSession(tenant: TenantRef, row: UserRow, client: ClientMeta): Promise<SignedIn> {
    const now = this.clock.now();
    const token = randomToken(32);
    await this.repo.deleteExpiredSessions(now.toISOString());
    await this.repo.insertSession({
      id: sha256Hex(token),
      tenant_id: tenant.id,
      user_id: row.id,
      created_at: now.toISOString(),
      expires_at: this.expiry(now),
      last_seen_at: now.toISOString(),
      user_agent: client.userAgent ? client.userAgent.slice(0, 300) : null,
    });
    const roles = await this.usersRepo.rolesOf(tenant.id, row.id);
    return { user: presentMe(row, roles), token, maxAgeSeconds: this.sessionSeconds() };
  }

  /** Replaces a hash made with older or bulk-import parameters; a concurrent edit simply wins. */
  private async upgradeHash(
    row: UserRow,
    column: 'password_hash' | 'pin_hash',
    secret: string,
  ): Promise<UserRow> {
    const hash = await hashSecret(secret);
    const now = this.clock.now().toISOString();
    const ok = await this.usersRepo.update(row.tenant_id, row.id, row.version, {
      [column]: hash,
      updated_at: now,
    });
    return ok ? { ...row, [column]: hash, version: row.version + 1, updated_at: now } : row;
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + this.sessionSeconds() * 1000).toISOString();
  }
}
