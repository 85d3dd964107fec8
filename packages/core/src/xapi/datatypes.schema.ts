import { z } from 'zod';
import {
  isIri,
  isIrl,
  isIsoDuration,
  isIsoTimestamp,
  isLanguageTag,
  isMailtoIri,
  isMediaType,
  isSha1Hex,
  isSha2Hex,
  isXapiUuid,
  isXapiVersion,
} from './validators.js';

// The special data types of xAPI 1.0.3 (Data 4.0), as zod schemas shared by
// every part of the statement model.

export const XapiIri = z.string().refine(isIri, 'must be an absolute IRI (scheme:…)');
export const XapiIrl = z.string().refine(isIrl, 'must be an absolute IRL (scheme:…)');
export const XapiMailto = z.string().refine(isMailtoIri, 'must be "mailto:" followed by an email address');
export const XapiSha1 = z.string().refine(isSha1Hex, 'must be a hex-encoded SHA-1 hash (40 hex digits)');
export const XapiSha2 = z.string().refine(isSha2Hex, 'must be a hex-encoded SHA-2 hash');
export const XapiUuid = z.string().refine(isXapiUuid, 'must be a UUID in standard string form');
export const XapiTimestamp = z
  .string()
  .refine(isIsoTimestamp, 'must be an ISO 8601 timestamp with a time zone, e.g. 2015-11-18T12:17:00Z');
export const XapiDuration = z
  .string()
  .refine(isIsoDuration, 'must be an ISO 8601 duration, e.g. PT1H2M3.5S or P1D');
export const XapiLanguageTag = z.string().refine(isLanguageTag, 'must be an RFC 5646 language tag');
export const XapiMediaType = z
  .string()
  .refine(isMediaType, 'must be an Internet Media Type, e.g. text/plain');
export const XapiVersion = z
  .string()
  .refine(isXapiVersion, 'must be "1.0", "1.0.x" or "2.0.x" (xAPI 1.0.x or 2.0)');

// Language maps and extensions are checked in one pass over their keys and kept
// by reference rather than rebuilt key by key as z.record would: they are the
// most numerous objects in a statement and ingest validates every statement.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notAnObject(value: unknown, what: string, ctx: z.core.$RefinementCtx): boolean {
  if (isPlainObject(value)) return false;
  const message =
    value === undefined
      ? 'is required'
      : value === null
        ? 'must not be null'
        : `must be an object of ${what}`;
  ctx.addIssue({ code: 'custom', message });
  return true;
}

/** Human-readable text by RFC 5646 language tag (Data 4.2), e.g. `{ "en-US": "attempted" }`. */
export const XapiLanguageMap = z.custom<Record<string, string>>().superRefine((map, ctx) => {
  if (notAnObject(map, 'language tag → text', ctx)) return;
  let entries = 0;
  for (const tag in map) {
    entries++;
    const text: unknown = map[tag];
    if (!isLanguageTag(tag)) {
      ctx.addIssue({ code: 'custom', path: [tag], message: 'is not an RFC 5646 language tag' });
    }
    if (typeof text !== 'string') {
      const message = text === null ? 'must not be null' : 'must be a string';
      ctx.addIssue({ code: 'custom', path: [tag], message });
    }
  }
  // The ADL conformance suite rejects an empty language map.
  if (entries === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one language entry' });
});
export type XapiLanguageMap = z.infer<typeof XapiLanguageMap>;

/** Extension values are any JSON (null included) and never a reason to reject (Data 4.1); keys are IRIs. */
export const XapiExtensions = z.custom<Record<string, unknown>>().superRefine((map, ctx) => {
  if (notAnObject(map, 'IRI → value', ctx)) return;
  for (const key in map) {
    if (!isIri(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'is not an absolute IRI (extension keys must be IRIs)',
      });
    }
  }
});
export type XapiExtensions = z.infer<typeof XapiExtensions>;
