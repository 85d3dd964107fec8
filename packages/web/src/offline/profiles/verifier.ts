// A verifier of a password or PIN for signing in offline: PBKDF2-SHA-256 (WebCrypto) with a random
// salt per verifier and many iterations. The secret itself is never stored. A 4-to-6-digit PIN stays
// guessable by whoever copies the device's storage (a million tries); decision 0005 says why that is
// accepted: the device token, not the verifier, is what the server trusts.

export const PBKDF2_ITERATIONS = 310_000;

export interface Verifier {
  readonly salt: string;
  readonly iterations: number;
  readonly hash: string;
}

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unbase64 = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function deriveVerifier(secret: string, iterations = PBKDF2_ITERATIONS): Promise<Verifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: base64(salt), iterations, hash: base64(await derive(secret, salt, iterations)) };
}

/** Whether `secret` matches; compares every byte, whatever the first difference. */
export async function verifierMatches(secret: string, verifier: Verifier): Promise<boolean> {
  const expected = unbase64(verifier.hash);
  const actual = await derive(secret, unbase64(verifier.salt), verifier.iterations);
  if (actual.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i += 1) difference |= actual[i]! ^ expected[i]!;
  return difference === 0;
}
