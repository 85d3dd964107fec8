/** Locale-aware formatting for numbers, dates, percentages, sizes and durations (all via Intl). */

type DateInput = Date | string | number;

const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

export function formatNumber(locale: string, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** `percent` is 0 to 100, as the API sends it. */
export function formatPercent(locale: string, percent: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

export function formatDate(
  locale: string,
  value: DateInput,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return new Intl.DateTimeFormat(locale, options).format(toDate(value));
}

const RELATIVE_STEPS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "2 days ago", "in 3 hours". `now` is a parameter so callers and tests control the clock. */
export function formatRelativeTime(locale: string, value: DateInput, now: DateInput = Date.now()): string {
  let amount = (toDate(value).getTime() - toDate(now).getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return format.format(Math.round(amount), 'year');
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** Decimal units (1 MB = 1,000,000 bytes), as phones show storage. */
export function formatBytes(locale: string, bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    // "999 bytes", not the short form's "999 byte"; larger units read well short ("1.5 MB").
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  }).format(value);
}

/** A duration in seconds as "1 h 5 min" or "4 min 30 s"; seconds are dropped once there are hours. */
export function formatDuration(locale: string, totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts: Array<[number, string]> = [];
  if (hours > 0) parts.push([hours, 'hour']);
  if (minutes > 0) parts.push([minutes, 'minute']);
  if (hours === 0 && (rest > 0 || parts.length === 0)) parts.push([rest, 'second']);
  const words = parts.map(([amount, unit]) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(amount),
  );
  // Intl.ListFormat is missing from some browsers learners still use; a space is a fair fallback.
  return typeof Intl.ListFormat === 'function'
    ? new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(words)
    : words.join(' ');
}
