/** Zoom levels on top of "fit the page to the width" (1). */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

export function nextZoom(current: number, direction: 1 | -1): number {
  const steps: readonly number[] = ZOOM_STEPS;
  if (direction > 0) return steps.find((step) => step > current + 1e-9) ?? current;
  return [...steps].reverse().find((step) => step < current - 1e-9) ?? current;
}

/**
 * Canvas pixels per CSS pixel: the screen's density (sharp text), capped so a zoomed page stays within
 * what phones can allocate for one canvas (about 16 million pixels on Android Chrome).
 */
export function outputScale(
  cssWidth: number,
  cssHeight: number,
  devicePixelRatio: number,
  maxPixels = 16_000_000,
): number {
  const wanted = Math.min(Math.max(devicePixelRatio, 1), 3);
  const area = cssWidth * cssHeight;
  if (area <= 0) return 1;
  return Math.max(0.25, Math.min(wanted, Math.sqrt(maxPixels / area)));
}

/** A page number typed by the learner, kept within the document; null when it is not a number. */
export function clampPage(text: string, pageCount: number): number | null {
  const value = Number.parseInt(text.trim(), 10);
  if (!Number.isFinite(value)) return null;
  return Math.min(Math.max(1, value), Math.max(1, pageCount));
}
