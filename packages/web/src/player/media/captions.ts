import type { Captions } from '@satchel/core';

/** The captions to show first: those in the interface language, else none (the learner can choose). */
export function defaultCaptions(captions: readonly Captions[], locale: string): Captions | null {
  const base = (tag: string) => (tag.split('-')[0] ?? '').toLowerCase();
  return (
    captions.find((c) => c.lang.toLowerCase() === locale.toLowerCase()) ??
    captions.find((c) => base(c.lang) === base(locale)) ??
    null
  );
}

/** A cue's text without WebVTT markup (`<v Amina>`, `<b>`, timestamps) or entities. */
export function cuePlainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A media time as m:ss or h:mm:ss, with the locale's digits. */
export function clockTime(seconds: number, locale: string): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(locale, { useGrouping: false });
  return hours > 0
    ? `${one.format(hours)}:${two.format(minutes)}:${two.format(rest)}`
    : `${one.format(minutes)}:${two.format(rest)}`;
}

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;

/** The video to play first: a rendition of at least 360 lines, the smallest such (data is dear), else the original. */
export function preferredRendition<R extends { readonly height: number }>(
  renditions: readonly R[],
): R | null {
  const enough = renditions.filter((r) => r.height >= 360).sort((a, b) => a.height - b.height);
  return enough[0] ?? null;
}
