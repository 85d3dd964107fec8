import { Password, Pin, Username } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import {
  asciiDigits,
  newPasswordProblem,
  normaliseUsername,
  pinProblem,
  usernameProblem,
} from './validation.js';

describe('sign-in and sign-up checks agree with the server schemas in core', () => {
  it('usernames', () => {
    for (const value of [
      'amina',
      ' Amina.B ',
      'a1',
      'حسن_99',
      'x',
      'has space',
      'semi;colon',
      'a'.repeat(64),
      'a'.repeat(65),
      '',
    ]) {
      expect(usernameProblem(value) === null, JSON.stringify(value)).toBe(Username.safeParse(value).success);
    }
    expect(normaliseUsername('  Amina.B ')).toBe(Username.parse('  Amina.B '));
  });

  it('new passwords', () => {
    for (const value of ['', 'short', '12345678', 'x'.repeat(200), 'x'.repeat(201)]) {
      expect(newPasswordProblem(value) === null, value.slice(0, 12)).toBe(Password.safeParse(value).success);
    }
  });

  it('PINs', () => {
    for (const value of ['', '123', '1234', '123456', '1234567', '12a4', '١٢٣٤']) {
      expect(pinProblem(value) === null, value).toBe(Pin.safeParse(value).success);
    }
  });

  it('accepts a PIN typed with Arabic or Persian digits', () => {
    expect(asciiDigits('١٢٣٤')).toBe('1234');
    expect(asciiDigits('۵۶۷۸')).toBe('5678');
    expect(asciiDigits('12 3-4')).toBe('1234');
    expect(Pin.safeParse(asciiDigits('١٢٣٤٥٦')).success).toBe(true);
  });
});
