import { describe, expect, it } from 'vitest';
import { AA_TEXT, checkColour, normaliseHex, ratioText } from './brand-contrast.js';

const format = (value: number, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat('en', options).format(value);

describe('brand colour checks', () => {
  it('computes WCAG contrast with the text colour the app will use', () => {
    const black = checkColour('#000000');
    expect(black?.text).toBe('#ffffff');
    expect(black?.textRatio).toBeCloseTo(21, 5);
    const navy = checkColour('#1d4ed8');
    expect(navy?.text).toBe('#ffffff');
    expect(navy?.textRatio).toBeCloseTo(6.7, 1);
    expect(navy?.textPasses).toBe(true);
  });

  it('puts dark text on a pale colour, and still passes', () => {
    const amber = checkColour('#f59e0b');
    expect(amber?.text).toBe('#111111');
    expect(amber?.textPasses).toBe(true);
  });

  it('warns about mid-tone colours that no text colour can read well on', () => {
    // Relative luminance near 0.19: white gives about 4.35:1 and near-black about 4.40:1.
    const mid = checkColour('#797979');
    expect(mid).not.toBeNull();
    expect(mid!.textRatio).toBeLessThan(AA_TEXT);
    expect(mid!.textPasses).toBe(false);
    expect(checkColour('#767676')?.textPasses).toBe(true);
  });

  it('warns when a pale colour hardly shows on the white page', () => {
    expect(checkColour('#fff9c4')?.pagePasses).toBe(false);
    expect(checkColour('#1d4ed8')?.pagePasses).toBe(true);
  });

  it('refuses anything that is not a six-digit hex colour', () => {
    expect(checkColour('blue')).toBeNull();
    expect(checkColour('#abc')).toBeNull();
  });

  it('rounds ratios down, so a failing ratio never reads as the threshold', () => {
    expect(ratioText(4.49, format)).toBe('4.4:1');
    expect(ratioText(21, format)).toBe('21.0:1');
  });

  it('accepts hand-typed colours without the # or in capitals', () => {
    expect(normaliseHex(' 1D4ED8 ')).toBe('#1d4ed8');
    expect(normaliseHex('#1D4ED8')).toBe('#1d4ed8');
    expect(normaliseHex('red')).toBe('red');
  });
});
