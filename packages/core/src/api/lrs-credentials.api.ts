import { z } from 'zod';
import { SlugParam } from './common.api.js';

/** A key/secret pair for HTTP Basic access to the tenant's LRS (/xapi) by outside tools. */
export const LrsCredential = z.object({
  id: z.uuid(),
  name: z.string(),
  key: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type LrsCredential = z.infer<typeof LrsCredential>;

export const CreateLrsCredentialRequest = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export type CreateLrsCredentialRequest = z.infer<typeof CreateLrsCredentialRequest>;

/** Returned once, at creation: the secret is stored hashed and cannot be shown again. */
export const CreatedLrsCredential = LrsCredential.extend({ secret: z.string() });
export type CreatedLrsCredential = z.infer<typeof CreatedLrsCredential>;

export const LrsCredentialListResponse = z.object({ items: z.array(LrsCredential) });
export const LrsCredentialParams = SlugParam.extend({ credentialId: z.uuid() });
