import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

// Passwords and PINs are hashed with scrypt (memory-hard, in node:crypto, so no
// native dependency). The stored string carries its own parameters and salt:
//   scrypt$<N>$<r>$<p>$<salt, base64>$<key, base64>
// so parameters can be raised later without invalidating old hashes, and a
// hash made with weaker parameters is upgraded when its owner next signs in.

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Interactive sign-up, sign-in upgrades, admin-set passwords: ~16 MiB and tens of milliseconds per hash. */
export const INTERACTIVE_PARAMS: ScryptParams = { N: 16384, r: 8, p: 1 };

/**
 * Bulk roster import: 1 MiB per hash, about 16 times cheaper, so 10,000 rows hash in
 * seconds rather than minutes. Still salted and memory-hard; each such hash is
 * replaced by an INTERACTIVE_PARAMS hash at its owner's first successful sign-in.
 */
export const BULK_PARAMS: ScryptParams = { N: 1024, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const PREFIX = 'scrypt';

function derive(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashSecret(secret: string, params: ScryptParams = INTERACTIVE_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(secret, salt, params);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const validPower = Number.isInteger(N) && N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0;
  if (!validPower || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16)
    return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length !== KEY_LENGTH) return null;
  return { params: { N, r, p }, salt, key };
}

/** Whether `secret` matches `stored`. A malformed stored hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(secret, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with weaker parameters than `target` and should be redone. */
export function needsRehash(stored: string, target: ScryptParams = INTERACTIVE_PARAMS): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  return parsed.params.N < target.N || parsed.params.r < target.r || parsed.params.p < target.p;
}

let decoy: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-ins with an unknown
 * username or an account without that kind of secret: the response time must not
 * tell an attacker which usernames exist.
 */
export async function verifyDecoy(secret: string): Promise<false> {
  decoy ??= hashSecret(randomBytes(16).toString('hex'));
  await verifySecret(secret, await decoy);
  return false;
}

/**
 * Hashes many secrets at once on libuv's thread pool (scrypt runs off the main
 * thread), a few at a time so memory stays bounded. `onHashed` reports progress.
 */
export async function hashMany(
  secrets: readonly string[],
  params: ScryptParams = BULK_PARAMS,
  onHashed?: (done: number) => void,
): Promise<string[]> {
  const out: string[] = Array.from({ length: secrets.length }, () => '');
  const workers = Math.max(2, Math.min(8, availableParallelism()));
  let next = 0;
  let done = 0;
  const work = async (): Promise<void> => {
    while (next < secrets.length) {
      const i = next++;
      out[i] = await hashSecret(secrets[i]!, params);
      done += 1;
      onHashed?.(done);
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
  return out;
}

/** A random, URL-safe secret of `bytes` random bytes (cookies, API tokens, LRS secrets). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 (hex) of a high-entropy random token: enough for session ids, API tokens and
 * LRS secrets, which are 32 random bytes and so cannot be guessed from their hash.
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Constant-time comparison of two strings (hashes, invite codes). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
