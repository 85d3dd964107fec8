import { CreateApiTokenRequest, uuidv7, type ApiToken, type CreatedApiToken } from '@satchel/core';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import { randomToken, sha256Hex } from './auth.crypto.js';
import type { ApiTokenRow, AuthRepo } from './auth.repo.js';
import { API_TOKEN_PREFIX } from './auth.service.js';

/**
 * API tokens for scripts: `Authorization: Bearer sat_…`. A token acts as the user who
 * made it, in the tenant it was made in, until revoked or the user is disabled.
 */
export class ApiTokenService {
  constructor(
    private readonly repo: AuthRepo,
    private readonly clock: Clock,
  ) {}

  async create(
    actor: Pick<Actor, 'tenantId' | 'userId'>,
    input: CreateApiTokenRequest,
  ): Promise<CreatedApiToken> {
    const { name } = CreateApiTokenRequest.parse(input);
    const now = this.clock.now();
    const secret = `${API_TOKEN_PREFIX}${randomToken(32)}`;
    const row: ApiTokenRow = {
      id: uuidv7(now.getTime()),
      tenant_id: actor.tenantId,
      user_id: actor.userId,
      name,
      token_hash: sha256Hex(secret),
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.repo.insertToken(row);
    return { token: present(row), secret };
  }

  async list(actor: Pick<Actor, 'tenantId' | 'userId'>): Promise<ApiToken[]> {
    return (await this.repo.listTokens(actor.tenantId, actor.userId)).map(present);
  }

  async revoke(actor: Pick<Actor, 'tenantId' | 'userId'>, tokenId: string): Promise<void> {
    const done = await this.repo.revokeToken(
      actor.tenantId,
      actor.userId,
      tokenId,
      this.clock.now().toISOString(),
    );
    if (!done) throw notFound('token_not_found', 'You have no such API token', { tokenId });
  }
}

function present(row: ApiTokenRow): ApiToken {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}
