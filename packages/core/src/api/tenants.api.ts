import { z } from 'zod';
import { Branding, PublicTenant, SignupPolicy } from './auth.api.js';

export const TenantSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes; 2 to 63 characters');

export const CreateTenantRequest = z.object({
  slug: TenantSlug,
  name: z.string().trim().min(1).max(120),
  defaultLocale: z.string().min(2).max(20).default('en'),
  locales: z.array(z.string().min(2).max(20)).min(1).max(50).optional(),
  audiences: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  signupPolicy: SignupPolicy.default('open'),
  inviteCode: z.string().trim().min(4).max(100).nullable().default(null),
  allowPin: z.boolean().default(false),
  branding: Branding.partial().optional(),
});
export type CreateTenantRequest = z.input<typeof CreateTenantRequest>;

export const UpdateTenantRequest = z.object({
  /** The settings' version the change is based on: 409 edit_conflict when someone saved since. */
  version: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(120).optional(),
  defaultLocale: z.string().min(2).max(20).optional(),
  locales: z.array(z.string().min(2).max(20)).min(1).max(50).optional(),
  audiences: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  signupPolicy: SignupPolicy.optional(),
  inviteCode: z.string().trim().min(4).max(100).nullable().optional(),
  allowPin: z.boolean().optional(),
  branding: z
    .object({
      name: z.string().trim().min(1).max(120).optional(),
      primaryColor: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
      accentColor: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
      /** A blob already uploaded to this tenant's library, or null to remove the logo. */
      logoSha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable()
        .optional(),
    })
    .optional(),
  /** Only the instance operator may change limits. */
  storageLimitBytes: z.number().int().positive().optional(),
  uploadLimitBytes: z.number().int().positive().optional(),
});
export type UpdateTenantRequest = z.infer<typeof UpdateTenantRequest>;

/** What a tenant admin sees and edits. */
export const TenantSettings = PublicTenant.extend({
  inviteCode: z.string().nullable(),
  storageLimitBytes: z.number(),
  uploadLimitBytes: z.number(),
  storageUsedBytes: z.number(),
  logoSha256: z.string().nullable(),
  version: z.number().int(),
});
export type TenantSettings = z.infer<typeof TenantSettings>;

export const TenantListResponse = z.object({
  items: z.array(z.object({ slug: z.string(), name: z.string() })),
});
