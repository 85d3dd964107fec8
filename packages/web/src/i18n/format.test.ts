import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRelativeTime,
} from './format.js';

describe('locale formatting', () => {
  it('formats numbers and percentages (0–100) per locale', () => {
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatNumber('pt', 1234.5)).toBe('1.234,5');
    expect(formatPercent('en', 42)).toBe('42%');
    expect(formatPercent('fr', 42.4)).toBe('42\u00a0%');
    expect(formatPercent('en', 100)).toBe('100%');
  });

  it('formats dates in the locale, from ISO strings too', () => {
    const iso = '2026-03-05T12:00:00Z';
    expect(formatDate('en', iso, { dateStyle: 'long', timeZone: 'UTC' })).toBe('March 5, 2026');
    expect(formatDate('fr', iso, { dateStyle: 'long', timeZone: 'UTC' })).toBe('5 mars 2026');
  });

  it('says how long ago something happened, against a given clock', () => {
    const now = Date.parse('2026-03-05T12:00:00Z');
    expect(formatRelativeTime('en', '2026-03-03T12:00:00Z', now)).toBe('2 days ago');
    expect(formatRelativeTime('en', '2026-03-04T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('en', '2026-03-05T11:59:30Z', now)).toBe('30 seconds ago');
    expect(formatRelativeTime('en', '2026-03-05T15:00:00Z', now)).toBe('in 3 hours');
    expect(formatRelativeTime('es', '2025-03-05T12:00:00Z', now)).toBe('el año pasado');
  });

  it('formats sizes in decimal units, with a decimal only for small values', () => {
    expect(formatBytes('en', 0)).toBe('0 bytes');
    expect(formatBytes('en', 999)).toBe('999 bytes');
    expect(formatBytes('fr', 1500)).toBe('1,5\u202fko');
    expect(formatBytes('en', 1500)).toBe('1.5 kB');
    expect(formatBytes('en', 12_345_678)).toBe('12 MB');
    expect(formatBytes('en', 3_200_000_000)).toBe('3.2 GB');
  });

  it('formats durations, dropping seconds once there are hours', () => {
    expect(formatDuration('en', 0)).toBe('0 sec');
    expect(formatDuration('en', 45)).toBe('45 sec');
    expect(formatDuration('en', 270)).toBe('4 min 30 sec');
    expect(formatDuration('en', 3725)).toBe('1 hr 2 min');
    expect(formatDuration('en', 7200)).toBe('2 hr');
  });
});
