import { describe, expect, it } from 'vitest';
import {
  isIri,
  isIsoDuration,
  isIsoTimestamp,
  isLanguageTag,
  isMailtoIri,
  isMediaType,
  isSha1Hex,
  isSha2Hex,
  isXapiUuid,
  isXapiVersion,
  timestampInstant,
} from './validators.js';

describe('4.3 IRIs', () => {
  it.each([
    'http://adlnet.gov/expapi/verbs/voided',
    'https://satchel.invalid/activities/lesson/0190a5b2-7c3d-7000-8abc-0123456789ab',
    'http://example.com/xapi/verbs#defenestrated',
    'http://example.com/فعل/خواندن',
    'urn:uuid:6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
    'mailto:xapi@adlnet.gov',
    'http://example.com/a%20b',
    'tag:example.com,2026:lesson',
  ])('accepts the absolute IRI %s', (iri) => {
    expect(isIri(iri)).toBe(true);
  });

  it.each([
    ['', 'the empty string'],
    ['example.com/activity', 'no scheme'],
    ['/activities/1', 'a relative reference'],
    ['#defenestrated', 'a fragment (Data 2.4.4.1 note)'],
    ['ab=c://should.fail.com', 'an invalid scheme'],
    ['1http://example.com', 'a scheme starting with a digit'],
    ['http:', 'nothing after the scheme'],
    ['http://example.com/a b', 'a space'],
    ['http://example.com/<x>', 'angle brackets'],
    ['http://example.com/a%2', 'a broken percent escape'],
    ['http://example.com/\u0000', 'a control character'],
    ['https://example.com|x', 'a pipe'],
  ])('rejects %j (%s)', (iri) => {
    expect(isIri(iri)).toBe(false);
  });
});

describe('2.4.2.3 Inverse Functional Identifier formats', () => {
  it('an mbox is "mailto:" followed by an email address', () => {
    expect(isMailtoIri('mailto:xapi@adlnet.gov')).toBe(true);
    expect(isMailtoIri('mailto:first.last+tag@sub.example.org')).toBe(true);
    expect(isMailtoIri('mailto:should.fail.com')).toBe(false);
    expect(isMailtoIri('http://should.fail.com')).toBe(false);
    expect(isMailtoIri('xapi@adlnet.gov')).toBe(false);
    expect(isMailtoIri('mailto:a b@example.com')).toBe(false);
    expect(isMailtoIri('mailto:a@example..com')).toBe(false);
  });

  it('an mbox_sha1sum is 40 hex digits', () => {
    expect(isSha1Hex('ebd31e95054c018b10727ccffd2ef2ec3a016ee9')).toBe(true);
    expect(isSha1Hex('EBD31E95054C018B10727CCFFD2EF2EC3A016EE9')).toBe(true);
    expect(isSha1Hex('ebd31e95054c018b10727ccffd2ef2ec3a016ee')).toBe(false);
    expect(isSha1Hex('zbd31e95054c018b10727ccffd2ef2ec3a016ee9')).toBe(false);
  });
});

describe('4.2 Language Maps: keys are RFC 5646 language tags', () => {
  it.each([
    'en',
    'en-US',
    'es-MX',
    'tlh',
    'ine',
    'de-CH-1901',
    'zh-Hant',
    'sr-Latn-RS',
    'zh-cmn-Hans-CN',
    'sl-rozaj-biske',
    'hy-Latn-IT-arevela',
    'es-419',
    'az-Arab-x-AZE-derbend',
    'x-whatever',
    'i-enochian',
    'en-GB-oed',
    'zh-min-nan',
    'en-a-bbb-x-a-ccc',
    'EN-us',
  ])('accepts %s', (tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });

  it.each([
    ['', 'the empty string'],
    ['a12345', 'digits in the language subtag'],
    ['de-419-DE', 'two region subtags'],
    ['a-DE', 'a single-letter primary subtag'],
    ['ar-a-aaa-b-bbb-a-ccc', 'a repeated extension singleton'],
    ['de-DE-1901-1901', 'a repeated variant'],
    ['en_US', 'an underscore'],
    ['en-', 'a trailing hyphen'],
    ['englishlanguage', 'a primary subtag longer than 8 letters'],
  ])('rejects %j (%s)', (tag) => {
    expect(isLanguageTag(tag)).toBe(false);
  });
});

describe('4.4 UUIDs', () => {
  it('accepts any UUID in standard string form, in either case', () => {
    expect(isXapiUuid('e05aa883-acaf-40ad-bf54-02c8ce485fb0')).toBe(true);
    expect(isXapiUuid('E05AA883-ACAF-40AD-BF54-02C8CE485FB0')).toBe(true);
    // The spec's own example id is not an RFC 4122 variant, and must still pass.
    expect(isXapiUuid('12345678-1234-5678-1234-567812345678')).toBe(true);
  });

  it('rejects other forms', () => {
    expect(isXapiUuid('AA97B177-9383-4934-8543-0F91A7A028368')).toBe(false);
    expect(isXapiUuid('MA97B177-9383-4934-8543-0F91A7A02836')).toBe(false);
    expect(isXapiUuid('e05aa883acaf40adbf5402c8ce485fb0')).toBe(false);
    expect(isXapiUuid('{e05aa883-acaf-40ad-bf54-02c8ce485fb0}')).toBe(false);
    expect(isXapiUuid('')).toBe(false);
  });
});

describe('4.5 ISO 8601 Timestamps', () => {
  it.each([
    '2015-11-18T12:17:00+00:00',
    '2013-05-18T05:32:34.804+00:00',
    '2013-04-01T12:00:00Z',
    '2013-05-18T05:32:34.804123456Z',
    '2013-05-18T07:32:34+0200',
    '2013-05-18T01:32:34-04',
    '20130518T053234Z',
    '2024-02-29T00:00:00Z',
    '2016-12-31T23:59:60Z',
  ])('accepts %s', (ts) => {
    expect(isIsoTimestamp(ts)).toBe(true);
  });

  it.each([
    ['should fail', 'free text'],
    ['01/011/2015', 'a local date format'],
    ['2015-11-18T12:17:00', 'no time zone'],
    ['2015-11-18', 'a date without time'],
    ['2008-09-15T15:53:00.601-00', 'the -00 "unknown offset"'],
    ['2008-09-15T15:53:00.601-0000', 'the -0000 "unknown offset"'],
    ['2008-09-15T15:53:00.601-00:00', 'the -00:00 "unknown offset"'],
    ['2023-02-29T00:00:00Z', 'a day that does not exist'],
    ['2015-13-01T00:00:00Z', 'month 13'],
    ['2015-11-18T24:00:00Z', 'hour 24'],
    ['2015-11-18T12:17Z', 'no seconds'],
    ['2015-11-18T12:17:00+25:00', 'an offset beyond 23 hours'],
  ])('rejects %j (%s)', (ts) => {
    expect(isIsoTimestamp(ts)).toBe(false);
  });

  it('names the same instant whatever the zone or trailing zeros', () => {
    expect(timestampInstant('2013-05-18T07:32:34.804+02:00')).toBe('2013-05-18T05:32:34.804Z');
    expect(timestampInstant('2013-05-18T05:32:34.8040Z')).toBe('2013-05-18T05:32:34.804Z');
    expect(timestampInstant('2013-05-18T01:02:34.804-04:30')).toBe('2013-05-18T05:32:34.804Z');
    expect(timestampInstant('2013-01-01T00:30:00+01:00')).toBe('2012-12-31T23:30:00.000Z');
  });

  it('keeps digits beyond milliseconds, so distinct instants stay distinct', () => {
    expect(timestampInstant('2013-05-18T05:32:34.8041Z')).toBe('2013-05-18T05:32:34.8041Z');
    expect(timestampInstant('2013-05-18T05:32:34.8041Z')).not.toBe(
      timestampInstant('2013-05-18T05:32:34.804Z'),
    );
  });

  it('reads years before 100 as themselves', () => {
    expect(timestampInstant('0050-01-01T00:00:00Z')).toBe('0050-01-01T00:00:00.000Z');
  });

  it('has no instant for an invalid timestamp', () => {
    expect(timestampInstant('2015-11-18T12:17:00')).toBeNull();
  });
});

describe('4.6 ISO 8601 Durations', () => {
  it.each([
    'PT4H35M59.14S',
    'PT16559.14S',
    'P3Y1M29DT4H35M59.14S',
    'P3Y',
    'P4W',
    'PT1H2M3.5S',
    'P1D',
    'PT1234S',
    'PT1H0M0S',
    'PT0,5S',
    'P0.5Y',
  ])('accepts %s', (duration) => {
    expect(isIsoDuration(duration)).toBe(true);
  });

  it.each([
    ['', 'the empty string'],
    ['P', 'no components'],
    ['PT', 'a time designator with no components'],
    ['P1DT', 'a trailing time designator'],
    ['PA1H0M0S', 'a letter that is no designator'],
    ['P4W1D', 'weeks combined with days (the spec calls this invalid)'],
    ['P16559.14S', 'seconds without the T designator (an erratum in the spec table)'],
    ['PT1.5H30M', 'a fraction on a component that is not the last'],
    ['P0003-00-00T00:00:00', 'the alternative format, which xAPI forbids'],
    ['-PT1S', 'a negative duration'],
    ['pt1s', 'lowercase designators'],
    ['PT1H2H', 'a repeated component'],
  ])('rejects %j (%s)', (duration) => {
    expect(isIsoDuration(duration)).toBe(false);
  });
});

describe('2.4.10 Version', () => {
  it('accepts 1.0, 1.0.x and (xAPI 2.0) 2.0.x only', () => {
    expect(isXapiVersion('1.0.0')).toBe(true);
    expect(isXapiVersion('1.0.3')).toBe(true);
    expect(isXapiVersion('1.0.9')).toBe(true);
    expect(isXapiVersion('1.0')).toBe(true);
    expect(isXapiVersion('1.1.0')).toBe(false);
    expect(isXapiVersion('0.9.9')).toBe(false);
    expect(isXapiVersion('2.0.0')).toBe(true);
    expect(isXapiVersion('2.1.0')).toBe(false);
    expect(isXapiVersion('should fail')).toBe(false);
  });
});

describe('2.4.11 Attachments: content type and hash', () => {
  it('a contentType is an Internet Media Type', () => {
    expect(isMediaType('text/plain; charset=ascii')).toBe(true);
    expect(isMediaType('application/octet-stream')).toBe(true);
    expect(isMediaType('image/svg+xml')).toBe(true);
    expect(isMediaType('should fail')).toBe(false);
    expect(isMediaType('text')).toBe(false);
  });

  it('a sha2 is the hex digest of a SHA-2 function', () => {
    expect(isSha2Hex('495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a')).toBe(true);
    expect(isSha2Hex('a'.repeat(128))).toBe(true);
    expect(isSha2Hex('a'.repeat(40))).toBe(false);
    expect(isSha2Hex('g'.repeat(64))).toBe(false);
  });
});
