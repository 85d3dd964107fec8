import { describe, expect, it } from 'vitest';
import { deriveVerifier, verifierMatches } from './verifier.js';

describe('offline sign-in verifier', () => {
  it('matches the secret it was made from and nothing else, and never holds the secret', async () => {
    const verifier = await deriveVerifier('counting-stars-9', 1000);
    expect(JSON.stringify(verifier)).not.toContain('counting-stars-9');
    expect(await verifierMatches('counting-stars-9', verifier)).toBe(true);
    expect(await verifierMatches('counting-stars-8', verifier)).toBe(false);
    expect(await verifierMatches('', verifier)).toBe(false);
  });

  it('salts each verifier, so two learners with one PIN get different verifiers', async () => {
    const [a, b] = await Promise.all([deriveVerifier('1234', 1000), deriveVerifier('1234', 1000)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifierMatches('1234', b)).toBe(true);
  });
});
