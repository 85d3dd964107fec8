import type { Branding } from '@satchel/core';

/** WCAG 2 contrast: 4.5:1 for body text. */
export const TEXT_CONTRAST = 4.5;

type Rgb = readonly [number, number, number];

export function parseHex(hex: string): Rgb | null {
  const found = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!found) return null;
  return [parseInt(found[1] ?? '0', 16), parseInt(found[2] ?? '0', 16), parseInt(found[3] ?? '0', 16)];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: string, b: string): number {
  const first = parseHex(a);
  const second = parseHex(b);
  if (!first || !second) return 1;
  const [light, dark] = [luminance(first), luminance(second)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function textOn(background: string): string {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#111111') ? '#ffffff' : '#111111';
}

/**
 * `color`, darkened (or lightened on a dark background) just enough to reach `minimum` contrast against
 * `background`. A tenant may pick a pale brand colour; its links and headings must stay readable.
 */
export function readableOn(color: string, background: string, minimum = TEXT_CONTRAST): string {
  const start = parseHex(color);
  const base = parseHex(background);
  if (!start || !base) return textOn(background);
  const target: Rgb = luminance(base) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const [r, g, b] = start;
  const [tr, tg, tb] = target;
  for (let step = 0; step <= 20; step += 1) {
    const mix = step / 20;
    const candidate = toHex([r + (tr - r) * mix, g + (tg - g) * mix, b + (tb - b) * mix]);
    if (contrastRatio(candidate, background) >= minimum) return candidate;
  }
  return toHex(target);
}

const DEFAULT_PRIMARY = '#1f5f8b';
const DEFAULT_ACCENT = '#c2571a';

/** The CSS custom properties a tenant's branding sets (pure, for tests and for applyBranding). */
export function brandingProperties(
  branding: Pick<Branding, 'primaryColor' | 'accentColor'>,
): Record<string, string> {
  const primary = parseHex(branding.primaryColor) ? branding.primaryColor : DEFAULT_PRIMARY;
  const accent = parseHex(branding.accentColor) ? branding.accentColor : DEFAULT_ACCENT;
  return {
    '--brand': primary,
    '--brand-text': textOn(primary),
    '--brand-ink': readableOn(primary, '#ffffff'),
    '--accent': accent,
    '--accent-text': textOn(accent),
    '--accent-ink': readableOn(accent, '#ffffff'),
  };
}

export function applyBranding(branding: Branding): void {
  const root = document.documentElement;
  for (const [name, value] of Object.entries(brandingProperties(branding)))
    root.style.setProperty(name, value);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', branding.primaryColor);
}
