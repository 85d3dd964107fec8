import { describe, expect, it } from 'vitest';
import { clockTime, cuePlainText, defaultCaptions, preferredRendition } from './captions.js';

const file = { sha256: 'a'.repeat(64), size: 1, mediaType: 'text/vtt' };

describe('captions and media controls', () => {
  it('starts with captions in the interface language when there are some', () => {
    const captions = [
      { lang: 'en', label: 'English', file },
      { lang: 'pt-BR', label: 'Português', file },
    ];
    expect(defaultCaptions(captions, 'pt')?.label).toBe('Português');
    expect(defaultCaptions(captions, 'en-GB')?.label).toBe('English');
    expect(defaultCaptions(captions, 'ar')).toBeNull();
  });

  it('shows cue text without WebVTT markup', () => {
    expect(cuePlainText('<v Amina>Wash <b>both</b>\nhands &amp; dry</v>')).toBe('Wash both hands & dry');
  });

  it('writes media times as a clock, in the locale’s digits', () => {
    expect(clockTime(75.9, 'en')).toBe('1:15');
    expect(clockTime(3725, 'en')).toBe('1:02:05');
    expect(clockTime(5, 'ar-EG')).toBe('٠:٠٥');
  });

  it('plays a small but readable rendition first', () => {
    const renditions = [{ height: 720 }, { height: 240 }, { height: 480 }, { height: 360 }];
    expect(preferredRendition(renditions)).toEqual({ height: 360 });
    expect(preferredRendition([{ height: 240 }])).toBeNull();
  });
});
