import { contrastRatio, parseHex, textOn } from '../../../app/branding.js';

// WCAG 2.1 AA thresholds: 4.5:1 for body text (1.4.3), 3:1 for the edges of controls against what
// surrounds them (1.4.11), here a primary button on the white page.
export const AA_TEXT = 4.5;
export const AA_NON_TEXT = 3;
const PAGE = '#ffffff';

export interface ColourCheck {
  /** The text colour the app puts on this colour (white or near-black, whichever reads better). */
  readonly text: string;
  /** Contrast of that text on the colour. */
  readonly textRatio: number;
  readonly textPasses: boolean;
  /** Contrast of the colour against the white page (a button's edge). */
  readonly pageRatio: number;
  readonly pagePasses: boolean;
}

/** How readable a brand colour is as the app will use it; null when `hex` is not a #rrggbb colour. */
export function checkColour(hex: string): ColourCheck | null {
  if (!parseHex(hex)) return null;
  const text = textOn(hex);
  const textRatio = contrastRatio(hex, text);
  const pageRatio = contrastRatio(hex, PAGE);
  return {
    text,
    textRatio,
    textPasses: textRatio >= AA_TEXT,
    pageRatio,
    pagePasses: pageRatio >= AA_NON_TEXT,
  };
}

/**
 * A ratio as WCAG writes it, rounded DOWN to one decimal: 4.49 must not read as "4.5:1" next to a
 * warning that says 4.5:1 is needed.
 */
export function ratioText(
  ratio: number,
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string,
): string {
  const floored = Math.floor(ratio * 10) / 10;
  return `${formatNumber(floored, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}:1`;
}

/** A colour typed by hand: `1d4ed8`, `#1D4ED8` and ` #1d4ed8 ` all become `#1d4ed8`. */
export function normaliseHex(value: string): string {
  const trimmed = value.trim().toLowerCase();
  return /^[0-9a-f]{6}$/.test(trimmed) ? `#${trimmed}` : trimmed;
}

export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
