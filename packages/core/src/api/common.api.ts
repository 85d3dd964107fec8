import { z } from 'zod';

/** The one error envelope every Satchel endpoint answers with. */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export const ROLES = ['admin', 'author', 'educator', 'facilitator', 'learner'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const SUPPORTED_LOCALES = ['en', 'fr', 'es', 'pt', 'ar'] as const;
export const SupportedLocale = z.enum(SUPPORTED_LOCALES);
export type SupportedLocale = z.infer<typeof SupportedLocale>;
export const RTL_LOCALES: readonly string[] = ['ar', 'fa', 'he', 'ur', 'ps', 'ku'];
export function textDirection(locale: string): 'rtl' | 'ltr' {
  return RTL_LOCALES.includes(locale.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative() });

export const SlugParam = z.object({ tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) });
