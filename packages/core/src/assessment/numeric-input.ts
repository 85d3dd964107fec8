// What a learner types into a numeric answer box, turned into a number. The
// grader only takes numbers; this is the one place that knows "3,5" is three
// and a half in Portuguese, "٣٫٥" is the same in Arabic, and "1,000" is a
// thousand in English.

/** Zero of each decimal-digit block learners are likely to type in. */
const DIGIT_ZEROS = [
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic (Persian, Urdu)
  0x07c0, // NKo
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0e50, // Thai
  0x1040, // Myanmar
  0x17e0, // Khmer
];

const ARABIC_DECIMAL = '\u066b';

function toAsciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    out += zero === undefined ? ch : String(code - zero);
  }
  return out;
}

/** The decimal mark of a locale, when it is `.` or `,`; undefined for unknown locales. */
function localeDecimalMark(locale: string): '.' | ',' | undefined {
  try {
    const parts = new Intl.NumberFormat(locale).formatToParts(1.5);
    const decimal = parts.find((p) => p.type === 'decimal')?.value;
    return decimal === ',' ? ',' : decimal === '.' ? '.' : undefined;
  } catch {
    return undefined;
  }
}

const GROUPED_BY_THOUSANDS = /^\d{1,3}([.,]\d{3})+$/;

/**
 * Reads a number typed by a learner, or null when the text is not one.
 *
 * Accepts other digit scripts (Arabic-Indic, Persian, Devanagari…), full-width
 * forms, the Unicode minus sign, spaces and apostrophes as thousands
 * separators, and `.`, `,` or `٫` as the decimal mark:
 * - with both `.` and `,`, the last one is the decimal mark ("1.234,5", "1,234.5");
 * - a mark repeated ("1,000,000") is a thousands separator;
 * - a single mark is decimal, except when `locale` uses it as the thousands
 *   separator and it is followed by exactly three digits ("1,000" in `en`).
 * No exponents, no text around the number.
 */
export function parseNumericInput(text: string, locale?: string): number | null {
  let s = toAsciiDigits(text.normalize('NFKC'))
    .replace(/[\u2212\u2012\u2013\uFE63]/g, '-')
    .replace(/[\s'\u2019\u066c]/g, '');
  if (s.includes(ARABIC_DECIMAL)) {
    s = s.replace(/[.,]/g, '').replace(ARABIC_DECIMAL, '.');
    return toNumber(s, '.');
  }
  const sign = s.startsWith('-') || s.startsWith('+') ? s[0]! : '';
  const body = sign ? s.slice(1) : s;
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return null;

  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let decimal: '.' | ',' | null;
  if (lastDot !== -1 && lastComma !== -1) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot === -1 && lastComma === -1) {
    decimal = null;
  } else {
    const mark = lastDot !== -1 ? '.' : ',';
    const occurrences = body.split(mark).length - 1;
    const localeDecimal = locale === undefined ? undefined : localeDecimalMark(locale);
    const isLocaleGroup = localeDecimal !== undefined && localeDecimal !== mark;
    decimal = occurrences > 1 || (isLocaleGroup && GROUPED_BY_THOUSANDS.test(body)) ? null : mark;
  }
  return toNumber(sign + body, decimal);
}

function toNumber(text: string, decimal: '.' | ',' | null): number | null {
  const sign = text.startsWith('-') ? '-' : '';
  const unsigned = text.replace(/^[+-]/, '');
  let integer = unsigned;
  let fraction = '';
  if (decimal !== null) {
    const at = unsigned.lastIndexOf(decimal);
    if (at !== -1) {
      integer = unsigned.slice(0, at);
      fraction = unsigned.slice(at + 1);
    }
  }
  // Thousands separators may only sit between digits ("1,,0" is not a number),
  // and the decimal mark appears once ("1,2.3,4" is not a number).
  if (integer !== '' && !/^\d+([.,]\d+)*$/.test(integer)) return null;
  if (decimal !== null && integer.includes(decimal)) return null;
  if (!/^\d*$/.test(fraction)) return null;
  const digits = integer.replace(/[.,]/g, '');
  if (digits === '' && fraction === '') return null;
  const value = Number(`${sign}${digits || '0'}.${fraction || '0'}`);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}
