import { describe, expect, it } from 'vitest';
import { clampPage, nextZoom, outputScale } from './pdf-view.js';

describe('the PDF reader', () => {
  it('zooms in and out by steps, stopping at the ends', () => {
    expect(nextZoom(1, 1)).toBe(1.25);
    expect(nextZoom(1, -1)).toBe(0.75);
    expect(nextZoom(3, 1)).toBe(3);
    expect(nextZoom(0.5, -1)).toBe(0.5);
    expect(nextZoom(1.1, -1)).toBe(1);
  });

  it('renders sharp on dense screens but never beyond what a phone can hold in one canvas', () => {
    expect(outputScale(400, 600, 2)).toBe(2);
    expect(outputScale(400, 600, 0.5)).toBe(1);
    const scale = outputScale(3000, 4000, 3);
    expect(3000 * scale * 4000 * scale).toBeLessThanOrEqual(16_000_000 + 1);
  });

  it('keeps typed page numbers inside the document', () => {
    expect(clampPage('7', 12)).toBe(7);
    expect(clampPage('40', 12)).toBe(12);
    expect(clampPage('0', 12)).toBe(1);
    expect(clampPage('abc', 12)).toBeNull();
  });
});
