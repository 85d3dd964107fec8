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
 * How long a verified credential is trusted without asking the database again. A hub
 * syncing sends many requests a second with the same key; each would otherwise be a
 * query. The price: a revocation made by another server process (or a tenant deleted)
 * takes effect within this time; a revocation through this process takes effect at once.
 */
export const VERIFIED_CACHE_MS = 5_000;
const MAX_CACHED = 1_000;

interface CachedCredential {
  id: string;
  secretHash: string;
  verified: VerifiedLrsCredential;
  /** performance.now() after which the entry is asked of the database again. */
  expires: number;
}

/**
 * Key/secret pairs for outside tools that send or read xAPI statements over HTTP
 * Basic. The secret is 32 random bytes, shown once and stored as its SHA-256: a
 * slow hash would add nothing against guessing such a secret, and the LRS checks
 * it on every request.
 */
export class LrsCredentialService {
  // Keyed by credential key, least recently used first; only successful checks are kept.
  private readonly verified = new Map<string, CachedCredential>();
  // Bumped by each revocation: a check that read the row before it is not cached.
  private revocations = 0;

  constructor(
    private readonly repo: LrsCredentialsRepo,
    private readonly clock: Clock,
    private readonly cacheMs: number = VERIFIED_CACHE_MS,
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
    const secretHash = sha256Hex(secret);
    const cached = this.verified.get(key);
    if (cached !== undefined) {
      this.verified.delete(key);
      // A wrong secret for a cached key is still refused, and asks the database (below).
      if (cached.expires > performance.now() && safeEqual(secretHash, cached.secretHash)) {
        this.verified.set(key, cached);
        return cached.verified;
      }
    }
    const generation = this.revocations;
    const row = await this.repo.liveByKey(key);
    // Compare even when there is no such key, so timing does not reveal which keys exist.
    const matches = safeEqual(secretHash, row?.secret_hash ?? '');
    if (!row || !matches) return null;
    const verified = { tenantId: row.tenant_id, key: row.key, name: row.name };
    if (this.cacheMs > 0 && generation === this.revocations) {
      if (this.verified.size >= MAX_CACHED) {
        const oldest = this.verified.keys().next();
        if (!oldest.done) this.verified.delete(oldest.value);
      }
      this.verified.set(key, {
        id: row.id,
        secretHash: row.secret_hash,
        verified,
        expires: performance.now() + this.cacheMs,
      });
    }
    return verified;
  }

  /** The tenant id the credential belongs to, or null (see verify). */
  async tenantFor(key: string, secret: string): Promise<string | null> {
    return (await this.verify(key, secret))?.tenantId ?? null;
  }

  private forget(tenantId: string, credentialId: string): void {
    for (const [key, entry] of this.verified) {
      if (entry.id === credentialId && entry.verified.tenantId === tenantId) this.verified.delete(key);
    }
  }

  async list(tenantId: string): Promise<LrsCredential[]> {
    return (await this.repo.list(tenantId)).map(present);
  }

  async revoke(tenantId: string, credentialId: string): Promise<void> {
    // Forgotten before and after the write, so no request after the answer is let in from the cache.
    this.forget(tenantId, credentialId);
    this.revocations += 1;
    const revoked = await this.repo.revoke(tenantId, credentialId, this.clock.now().toISOString());
    this.revocations += 1;
    this.forget(tenantId, credentialId);
    if (!revoked) {
      throw notFound('lrs_credential_not_found', 'There is no such active LRS credential', { credentialId });
    }
  }
}

function present(row: LrsCredentialRow): LrsCredential {
  return { id: row.id, name: row.name, key: row.key, createdAt: row.created_at, revokedAt: row.revoked_at };
}
