import {
  CreateLrsCredentialRequest,
  uuidv7,
  type CreatedLrsCredential,
  type LrsCredential,
} from '@satchel/core';
import { randomBytes } from 'node:crypto';
import { randomToken, safeEqual, sha256Hex } from '../auth/auth.crypto.js';
import { notFound } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { LrsCredentialRow, LrsCredentialsRepo } from './lrs-credentials.repo.js';

export interface VerifiedLrsCredential {
  tenantId: string;
  key: string;
  name: string;
}

/**
 * Key/secret pairs for outside tools that send or read xAPI statements over HTTP
 * Basic. The secret is 32 random bytes, shown once and stored as its SHA-256: a
 * slow hash would add nothing against guessing such a secret, and the LRS checks
 * it on every request.
 */
export class LrsCredentialService {
  constructor(
    private readonly repo: LrsCredentialsRepo,
    private readonly clock: Clock,
  ) {}

  async create(tenantId: string, name: string): Promise<CreatedLrsCredential> {
    const req = CreateLrsCredentialRequest.parse({ name });
    const now = this.clock.now();
    // The key is the Basic user name: hex, so it never holds the `:` that Basic cannot carry.
    const key = randomBytes(16).toString('hex');
    const secret = randomToken(32);
    const row: LrsCredentialRow = {
      id: uuidv7(now.getTime()),
      tenant_id: tenantId,
      name: req.name,
      key,
      secret_hash: sha256Hex(secret),
      created_at: now.toISOString(),
      revoked_at: null,
    };
    await this.repo.insert(row);
    return { ...present(row), secret };
  }

  /**
   * The credential's tenant, key and name, or null when the key is unknown, revoked or
   * the secret wrong. Shaped as the LRS's LrsCredentialVerifier expects.
   */
  async verify(key: string, secret: string): Promise<VerifiedLrsCredential | null> {
    const row = await this.repo.liveByKey(key);
    // Compare even when there is no such key, so timing does not reveal which keys exist.
    const matches = safeEqual(sha256Hex(secret), row?.secret_hash ?? '');
    return row && matches ? { tenantId: row.tenant_id, key: row.key, name: row.name } : null;
  }

  /** The tenant id the credential belongs to, or null (see verify). */
  async tenantFor(key: string, secret: string): Promise<string | null> {
    return (await this.verify(key, secret))?.tenantId ?? null;
  }

  async list(tenantId: string): Promise<LrsCredential[]> {
    return (await this.repo.list(tenantId)).map(present);
  }

  async revoke(tenantId: string, credentialId: string): Promise<void> {
    if (!(await this.repo.revoke(tenantId, credentialId, this.clock.now().toISOString()))) {
      throw notFound('lrs_credential_not_found', 'There is no such active LRS credential', { credentialId });
    }
  }
}

function present(row: LrsCredentialRow): LrsCredential {
  return { id: row.id, name: row.name, key: row.key, createdAt: row.created_at, revokedAt: row.revoked_at };
}
