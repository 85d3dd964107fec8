import { describe, expect, it } from 'vitest';
import { parseNumericInput } from './numeric-input.js';

describe('parseNumericInput', () => {
  it.each([
    ['42', 42],
    ['  -3.5 ', -3.5],
    ['+2', 2],
    ['.5', 0.5],
    ['5.', 5],
    ['3,5', 3.5],
    ['1.234,56', 1234.56],
    ['1,234.56', 1234.56],
    ['1,000,000', 1_000_000],
    ['1 000 000,5', 1_000_000.5],
    ['1\u202f234,5', 1234.5],
    ["1'234.5", 1234.5],
    ['\u2212' + '7', -7],
    ['\u0663\u066b\u0665', 3.5],
    ['\u06f1\u06f2', 12],
    ['\uff13\uff0e\uff15', 3.5],
    ['-0', 0],
  ])('reads %j as %d without a locale', (text, expected) => {
    expect(parseNumericInput(text)).toBe(expected);
  });

  it('reads a lone separator as the locale reads it', () => {
    expect(parseNumericInput('1,000', 'en')).toBe(1000);
    expect(parseNumericInput('1,000', 'pt-BR')).toBe(1);
    expect(parseNumericInput('1.000', 'pt-BR')).toBe(1000);
    expect(parseNumericInput('1.000', 'en')).toBe(1);
  });

  it('falls back to a decimal reading when the locale grouping does not fit', () => {
    expect(parseNumericInput('3,5', 'en')).toBe(3.5);
    expect(parseNumericInput('3.5', 'pt-BR')).toBe(3.5);
  });

  it('ignores a locale it does not know', () => {
    expect(parseNumericInput('3,5', 'not a locale!')).toBe(3.5);
  });

  it.each(['', '   ', 'abc', '3 apples', '1e3', '1,2.3,4', '1,,0', '--1', '.', ',', '3.5.', 'Infinity'])(
    'refuses %j',
    (text) => {
      expect(parseNumericInput(text)).toBeNull();
    },
  );
});
