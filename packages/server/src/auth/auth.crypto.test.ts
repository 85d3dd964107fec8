import { describe, expect, it } from 'vitest';
import {
  BULK_PARAMS,
  hashMany,
  hashSecret,
  INTERACTIVE_PARAMS,
  needsRehash,
  safeEqual,
  verifyDecoy,
  verifySecret,
} from './auth.crypto.js';

describe('password and PIN hashing', () => {
  it('verifies the secret it hashed and nothing else', async () => {
    const stored = await hashSecret('correct horse battery');
    expect(await verifySecret('correct horse battery', stored)).toBe(true);
    expect(await verifySecret('correct horse batterY', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
  });

  it('records its parameters and a random salt in the stored string', async () => {
    const a = await hashSecret('1234');
    const b = await hashSecret('1234');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifySecret('1234', b)).toBe(true);
  });

  it('treats the same text in composed and decomposed Unicode as one password', async () => {
    const stored = await hashSecret('café-au-lait');
    expect(await verifySecret('cafe\u0301-au-lait', stored)).toBe(true);
  });

  it('never matches a malformed or foreign stored hash', async () => {
    for (const stored of [
      '',
      'scrypt$1$8$1$AAAA$AAAA',
      'bcrypt$2b$10$abc',
      'scrypt$16384$8$1$c2FsdHNhbHQ=$c2hvcnQ=',
      'scrypt$3000$8$1$c2FsdHNhbHRzYWx0$' + 'A'.repeat(44),
    ]) {
      expect(await verifySecret('anything', stored)).toBe(false);
    }
  });

  it('marks bulk-import hashes for an upgrade at sign-in, and interactive ones not', async () => {
    const bulk = await hashSecret('imported pass', BULK_PARAMS);
    expect(bulk.startsWith(`scrypt$${BULK_PARAMS.N}$`)).toBe(true);
    expect(await verifySecret('imported pass', bulk)).toBe(true);
    expect(needsRehash(bulk)).toBe(true);
    expect(needsRehash(await hashSecret('x', INTERACTIVE_PARAMS))).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('hashes many secrets in order, reporting progress', async () => {
    const secrets = Array.from({ length: 20 }, (_, i) => `secret number ${i}`);
    const seen: number[] = [];
    const hashes = await hashMany(secrets, BULK_PARAMS, (done) => seen.push(done));
    expect(hashes).toHaveLength(20);
    expect(seen.at(-1)).toBe(20);
    for (const [i, hash] of hashes.entries())
      expect(await verifySecret(`secret number ${i}`, hash)).toBe(true);
  });

  it('spends a decoy check that never succeeds', async () => {
    expect(await verifyDecoy('whatever')).toBe(false);
  });

  it('compares strings of any length in constant time', () => {
    expect(safeEqual('SUNFLOWER', 'SUNFLOWER')).toBe(true);
    expect(safeEqual('SUNFLOWER', 'SUNFLOWE')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
  });
});
