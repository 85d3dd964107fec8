import {
  CreateTenantRequest,
  SUPPORTED_LOCALES,
  uuidv7,
  type PublicTenant,
  type TenantSettings,
  type UpdateTenantRequest,
} from '@satchel/core';
import type { Clock } from '../platform/clock.js';
import { parseJson } from '../platform/json.js';
import type { TenantRef, TenantResolver } from '../http/context.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import type { TenantRow, TenantsRepo } from './tenants.repo.js';

interface StoredBranding {
  name: string;
  primaryColor: string;
  accentColor: string;
  logoSha256: string | null;
}

const DEFAULT_STORAGE_LIMIT = 20 * 1024 ** 3;
const DEFAULT_UPLOAD_LIMIT = 2 * 1024 ** 3;

export class TenantService implements TenantResolver {
  // Tenants change rarely and are read on every request: cache refs by slug briefly.
  private readonly refCache = new Map<string, { ref: TenantRef | null; at: number }>();

  constructor(
    private readonly repo: TenantsRepo,
    private readonly clock: Clock,
  ) {}

  async bySlug(slug: string): Promise<TenantRef | null> {
    const cached = this.refCache.get(slug);
    const now = Date.now();
    if (cached && now - cached.at < 5_000) return cached.ref;
    const row = await this.repo.bySlug(slug);
    const ref = row ? { id: row.id, slug: row.slug } : null;
    this.refCache.set(slug, { ref, at: now });
    return ref;
  }

  async create(input: CreateTenantRequest): Promise<TenantSettings> {
    const req = CreateTenantRequest.parse(input);
    if (await this.repo.bySlug(req.slug)) {
      throw conflict('tenant_exists', `A platform with the slug "${req.slug}" already exists`, {
        slug: req.slug,
      });
    }
    const locales = req.locales ?? [...SUPPORTED_LOCALES];
    if (!locales.includes(req.defaultLocale)) {
      throw invalid(
        'default_locale_not_offered',
        'The default language must be one of the offered languages',
        {
          defaultLocale: req.defaultLocale,
          locales,
        },
      );
    }
    if (req.signupPolicy === 'invite' && !req.inviteCode) {
      throw invalid('invite_code_required', 'An invite-only platform needs an invite code');
    }
    const now = this.clock.now().toISOString();
    const branding: StoredBranding = {
      name: req.branding?.name ?? req.name,
      primaryColor: req.branding?.primaryColor ?? '#1d4ed8',
      accentColor: req.branding?.accentColor ?? '#f59e0b',
      logoSha256: null,
    };
    const id = uuidv7();
    await this.repo.insert({
      id,
      slug: req.slug,
      name: req.name,
      default_locale: req.defaultLocale,
      locales: JSON.stringify(locales),
      branding: JSON.stringify(branding),
      audiences: JSON.stringify(req.audiences),
      signup_policy: req.signupPolicy,
      invite_code: req.inviteCode,
      allow_pin: req.allowPin ? 1 : 0,
      storage_limit_bytes: DEFAULT_STORAGE_LIMIT,
      upload_limit_bytes: DEFAULT_UPLOAD_LIMIT,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted_at: null,
    });
    this.refCache.delete(req.slug);
    return this.settings(id);
  }

  async list(): Promise<{ slug: string; name: string }[]> {
    return (await this.repo.list()).map((t) => ({ slug: t.slug, name: t.name }));
  }

  async publicInfo(tenant: TenantRef): Promise<PublicTenant> {
    return toPublic(await this.row(tenant.id));
  }

  async settings(tenantId: string): Promise<TenantSettings> {
    const row = await this.row(tenantId);
    const branding = parseJson<StoredBranding>(row.branding, 'tenants.branding');
    return {
      ...toPublic(row),
      inviteCode: row.invite_code,
      storageLimitBytes: row.storage_limit_bytes,
      uploadLimitBytes: row.upload_limit_bytes,
      storageUsedBytes: await this.repo.storageUsed(row.id),
      logoSha256: branding.logoSha256,
      version: row.version,
    };
  }

  async limits(tenantId: string): Promise<{ storageLimitBytes: number; uploadLimitBytes: number }> {
    const row = await this.row(tenantId);
    return { storageLimitBytes: row.storage_limit_bytes, uploadLimitBytes: row.upload_limit_bytes };
  }

  async update(tenantId: string, patch: UpdateTenantRequest, byOperator: boolean): Promise<TenantSettings> {
    const row = await this.row(tenantId);
    if (patch.version !== undefined && patch.version !== row.version) {
      throw conflict('edit_conflict', 'Someone else changed these settings; reload and try again', {
        expectedVersion: patch.version,
        currentVersion: row.version,
      });
    }
    if (!byOperator && (patch.storageLimitBytes !== undefined || patch.uploadLimitBytes !== undefined)) {
      throw invalid('limits_operator_only', 'Only the instance operator can change storage limits');
    }
    const branding = {
      ...parseJson<StoredBranding>(row.branding, 'tenants.branding'),
      ...stripUndefined(patch.branding ?? {}),
    };
    const locales = patch.locales ?? parseJson<string[]>(row.locales, 'tenants.locales');
    const defaultLocale = patch.defaultLocale ?? row.default_locale;
    if (!locales.includes(defaultLocale)) {
      throw invalid(
        'default_locale_not_offered',
        'The default language must be one of the offered languages',
      );
    }
    const signupPolicy = patch.signupPolicy ?? row.signup_policy;
    const inviteCode = patch.inviteCode === undefined ? row.invite_code : patch.inviteCode;
    if (signupPolicy === 'invite' && !inviteCode) {
      throw invalid('invite_code_required', 'An invite-only platform needs an invite code');
    }
    const ok = await this.repo.update(row.id, row.version, {
      name: patch.name ?? row.name,
      default_locale: defaultLocale,
      locales: JSON.stringify(locales),
      audiences: patch.audiences ? JSON.stringify(patch.audiences) : row.audiences,
      signup_policy: signupPolicy,
      invite_code: inviteCode,
      allow_pin: patch.allowPin === undefined ? row.allow_pin : patch.allowPin ? 1 : 0,
      branding: JSON.stringify(branding),
      storage_limit_bytes: patch.storageLimitBytes ?? row.storage_limit_bytes,
      upload_limit_bytes: patch.uploadLimitBytes ?? row.upload_limit_bytes,
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw conflict('edit_conflict', 'Someone else changed these settings; reload and try again');
    return this.settings(row.id);
  }

  async inviteCode(
    tenantId: string,
  ): Promise<{ policy: TenantRow['signup_policy']; code: string | null; allowPin: boolean }> {
    const row = await this.row(tenantId);
    return { policy: row.signup_policy, code: row.invite_code, allowPin: row.allow_pin === 1 };
  }

  private async row(tenantId: string): Promise<TenantRow> {
    const row = await this.repo.byId(tenantId);
    if (!row) throw notFound('tenant_not_found', 'This platform does not exist');
    return row;
  }
}

function toPublic(row: TenantRow): PublicTenant {
  const branding = parseJson<StoredBranding>(row.branding, 'tenants.branding');
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.default_locale,
    locales: parseJson<string[]>(row.locales, 'tenants.locales'),
    branding: {
      name: branding.name,
      primaryColor: branding.primaryColor,
      accentColor: branding.accentColor,
      logoUrl: branding.logoSha256 ? `/api/t/${row.slug}/blobs/${branding.logoSha256}` : null,
    },
    audiences: parseJson<string[]>(row.audiences, 'tenants.audiences'),
    signupPolicy: row.signup_policy,
    allowPin: row.allow_pin === 1,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
