import { describe, expect, it } from 'vitest';
import { brandingProperties, contrastRatio, readableOn, textOn, TEXT_CONTRAST } from './branding.js';

describe('tenant branding', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('puts white text on dark brand colours and near-black text on pale ones', () => {
    expect(textOn('#1f5f8b')).toBe('#ffffff');
    expect(textOn('#ffe14d')).toBe('#111111');
  });

  it('darkens a pale brand colour until links in it are readable on white', () => {
    const pale = '#7fd1ff';
    expect(contrastRatio(pale, '#ffffff')).toBeLessThan(TEXT_CONTRAST);
    const ink = readableOn(pale, '#ffffff');
    expect(contrastRatio(ink, '#ffffff')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(readableOn('#1f5f8b', '#ffffff')).toBe('#1f5f8b');
  });

  it('produces readable custom properties for any valid colours, and defaults for broken ones', () => {
    for (const primaryColor of ['#ffffff', '#000000', '#ff0000', '#00ff00', '#ffe14d']) {
      const props = brandingProperties({ primaryColor, accentColor: primaryColor });
      expect(contrastRatio(props['--brand-text'] ?? '', primaryColor)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(props['--brand-ink'] ?? '', '#ffffff')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(props['--accent-ink'] ?? '', '#ffffff')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
    expect(brandingProperties({ primaryColor: 'red', accentColor: '#12345' })['--brand']).toBe('#1f5f8b');
  });
});
