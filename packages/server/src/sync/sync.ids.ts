import { createHash } from 'node:crypto';

/**
 * The sync id of a row keyed by a natural key (an xAPI document, a SCORM item state, a cmi5
 * registration): the same on every replica that writes that key, so two servers writing it
 * independently name one record and its versions merge instead of colliding on the key.
 * Migration 0800 holds a frozen copy: change neither.
 */
export function naturalId(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
