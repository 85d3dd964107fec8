// Format checks for the xAPI 1.0.3 data types (Data 2.2, 4.2–4.6). Every regex
// is compiled once, at module load: the LRS runs these for each statement it
// ingests, so they sit on the hot path.

// An absolute IRI: a scheme, a colon and at least one character (Data 2.2.s4.b1.b8).
// Full RFC 3987 parsing is not required (Data 2.2.s4.b6); we reject what can never
// appear unescaped in an IRI (spaces, controls, <>"{}|\^`) and broken %-escapes.
const IRI_SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:[^]/;
const IRI_BAD_CHAR_RE = /[\s<>"{}|\\^`\p{Cc}]|%(?![0-9A-Fa-f]{2})/u;

/** An absolute IRI (`scheme:…`); relative references and fragments are not IRIs in xAPI. */
export function isIri(value: string): boolean {
  return IRI_SCHEME_RE.test(value) && !IRI_BAD_CHAR_RE.test(value);
}

/** An IRL is an IRI meant to resolve; xAPI allows best-effort checks, so the syntax is the IRI's. */
export const isIrl: (value: string) => boolean = isIri;

const MAILTO_RE = /^mailto:[^\s@<>"]+@[^\s@<>".]+(?:\.[^\s@<>".]+)*$/;

/** The `mbox` form: `mailto:` followed by an email address (Data 2.4.2.3). */
export function isMailtoIri(value: string): boolean {
  return MAILTO_RE.test(value) && isIri(value);
}

const SHA1_RE = /^[0-9a-fA-F]{40}$/;
export function isSha1Hex(value: string): boolean {
  return SHA1_RE.test(value);
}

// SHA-224, SHA-256, SHA-384 and SHA-512 digests in hex.
const SHA2_RE = /^(?:[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})$/;
export function isSha2Hex(value: string): boolean {
  return SHA2_RE.test(value);
}

// Standard string form of any version or variant: the spec's own example id
// (12345678-1234-5678-1234-567812345678) is not an RFC 4122 variant (Data 4.4).
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export function isXapiUuid(value: string): boolean {
  return UUID_RE.test(value);
}

const MEDIA_TYPE_RE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(?:\s*;.*)?$/;
/** An Internet Media Type such as `text/plain; charset=ascii` (Data 2.4.11). */
export function isMediaType(value: string): boolean {
  return MEDIA_TYPE_RE.test(value);
}

// "1.0" is accepted alongside "1.0.x": the ADL conformance suite requires it; xAPI 2.0
// (IEEE 9274.1.1) statements and clients say "2.0.0", and are accepted too.
const VERSION_RE = /^(?:1\.0|2\.0)(?:\.\d+)?$/;
export function isXapiVersion(value: string): boolean {
  return VERSION_RE.test(value);
}

// RFC 5646 langtag, private-use tag, or one of the irregular grandfathered tags.
// (Regular grandfathered tags such as zh-min-nan already parse as langtags.)
const LANGUAGE_TAG_RE = new RegExp(
  '^(?:' +
    '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})' + // language, extlangs
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|\\d{3}))?' + // region
    '(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*' + // variants
    '(?:-[a-wyz\\d](?:-[a-z\\d]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z\\d]{1,8})+)?' + // private use
    '|x(?:-[a-z\\d]{1,8})+' +
    '|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)' +
    '|sgn-(?:be-fr|be-nl|ch-de)' +
    ')$',
  'i',
);
const VARIANT_RE = /^(?:[a-z\d]{5,8}|\d[a-z\d]{3})$/i;

/** A well-formed BCP 47 (RFC 5646) language tag, as language map keys must be (Data 4.2). */
export function isLanguageTag(value: string): boolean {
  if (!LANGUAGE_TAG_RE.test(value)) return false;
  // The grammar alone admits repeated variants and extension singletons; RFC 5646 2.2.5/2.2.6 forbid them.
  if (value.indexOf('-') === value.lastIndexOf('-')) return true;
  const seen = new Set<string>();
  const subtags = value.toLowerCase().split('-');
  if (subtags[0] === 'x') return true;
  for (let i = 1; i < subtags.length; i++) {
    const subtag = subtags[i]!;
    if (subtag === 'x') break;
    const isSingleton = subtag.length === 1;
    if (!isSingleton && !VARIANT_RE.test(subtag)) continue;
    if (seen.has(subtag)) return false;
    seen.add(subtag);
    // Past a singleton, only further singletons can clash; variants sit before the first one.
    if (isSingleton) {
      while (i + 1 < subtags.length && subtags[i + 1]!.length > 1) i++;
    }
  }
  return true;
}

// ISO 8601:2004 4.4.3.2 durations: PnYnMnDTnHnMnS or PnW; the alternative
// (time-point-like) format is not allowed (Data 4.6).
const DURATION_RE =
  /^P(?:\d+(?:[.,]\d+)?W|(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?)$/;
const DURATION_FRACTION_RE = /[.,]/g;
const DURATION_TRAILING_FRACTION_RE = /[.,]\d+[A-Z]$/;

/** An ISO 8601 duration such as `PT1H2M3.5S`, `P1D` or `P4W`; only the last component may be fractional. */
export function isIsoDuration(value: string): boolean {
  if (!DURATION_RE.test(value)) return false;
  const fractions = value.match(DURATION_FRACTION_RE);
  if (fractions === null) return true;
  return fractions.length === 1 && DURATION_TRAILING_FRACTION_RE.test(value);
}

// Calendar date and time with seconds and a zone, in extended or basic format.
const TIMESTAMP_EXTENDED_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
const TRAILING_ZEROS_RE = /0+$/;
const TIMESTAMP_BASIC_RE =
  /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(\d{2})(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2})(\d{2})?)$/;

interface TimestampParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  offsetMinutes: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseTimestamp(value: string): TimestampParts | null {
  const m = TIMESTAMP_EXTENDED_RE.exec(value) ?? TIMESTAMP_BASIC_RE.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // Second 60 is a leap second (RFC 3339 5.6).
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = m[11] === undefined ? 0 : Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = offsetHours * 60 + offsetMins;
    // "-00:00" means "local offset unknown" (RFC 3339 4.3), which is no time zone at all.
    if (offsetMinutes === 0 && m[9] === '-') return null;
    if (m[9] === '-') offsetMinutes = -offsetMinutes;
  }
  return { year, month, day, hour, minute, second, fraction: m[7] ?? '', offsetMinutes };
}

/** An ISO 8601 date-time with seconds and a time zone (`Z` or an offset), e.g. `2015-11-18T12:17:00+00:00`. */
export function isIsoTimestamp(value: string): boolean {
  return parseTimestamp(value) !== null;
}

/**
 * The instant a timestamp names, as a UTC string that compares equal for equal
 * instants: `2013-05-18T07:32:34.804+02:00` and `2013-05-18T05:32:34.8040Z` both
 * give `2013-05-18T05:32:34.804Z`. Digits beyond milliseconds are kept. Null when
 * the value is not a valid timestamp.
 */
export function timestampInstant(value: string): string | null {
  const t = parseTimestamp(value);
  if (t === null) return null;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(t.year, t.month - 1, t.day);
  date.setUTCHours(
    t.hour,
    t.minute - t.offsetMinutes,
    t.second,
    Number(t.fraction.slice(0, 3).padEnd(3, '0')),
  );
  const iso = date.toISOString();
  const subMillisecond = t.fraction.slice(3).replace(TRAILING_ZEROS_RE, '');
  return subMillisecond === '' ? iso : `${iso.slice(0, -1)}${subMillisecond}Z`;
}
