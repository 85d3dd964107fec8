import { z } from 'zod';
import { Role } from './common.api.js';

export const SignupPolicy = z.enum(['open', 'invite', 'admin']);
export type SignupPolicy = z.infer<typeof SignupPolicy>;

export const Branding = z.object({
  name: z.string().min(1).max(120),
  logoUrl: z.string().max(2000).nullable(),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type Branding = z.infer<typeof Branding>;

/** What anyone may know about a tenant before signing in. */
export const PublicTenant = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  defaultLocale: z.string(),
  locales: z.array(z.string()).min(1),
  branding: Branding,
  audiences: z.array(z.string()),
  signupPolicy: SignupPolicy,
  allowPin: z.boolean(),
});
export type PublicTenant = z.infer<typeof PublicTenant>;

export const Me = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  locale: z.string().nullable(),
  isOperator: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}._-]{2,64}$/u, 'letters, digits, dot, dash or underscore; 2 to 64 characters');
export const Password = z.string().min(8, 'at least 8 characters').max(200);
export const Pin = z.string().regex(/^\d{4,6}$/, '4 to 6 digits');

export const SigninRequest = z.union([
  z.object({ username: Username, password: z.string().min(1).max(200) }),
  z.object({ username: Username, pin: Pin }),
]);
export type SigninRequest = z.infer<typeof SigninRequest>;

export const SignupRequest = z.object({
  username: Username,
  password: Password,
  displayName: z.string().trim().min(1).max(120),
  inviteCode: z.string().max(100).optional(),
  locale: z.string().max(20).optional(),
  email: z.email().optional(),
  phone: z.string().max(40).optional(),
});
export type SignupRequest = z.infer<typeof SignupRequest>;

export const MeResponse = z.object({ user: Me });
export const PublicTenantResponse = z.object({ tenant: PublicTenant });
