import { describe, expect, it } from 'vitest';
import { contentDisposition, etagMatches, parseRange } from './blob-response.js';

describe('byte ranges', () => {
  it('reads start-end, open-ended and suffix ranges, clamped to the file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(parseRange(' Bytes = 5 - 9 ', 1000)).toEqual({ kind: 'partial', start: 5, end: 9 });
  });

  it('refuses malformed and unsatisfiable byte ranges', () => {
    for (const header of [
      'bytes=1000-',
      'bytes=2000-3000',
      'bytes=9-5',
      'bytes=-0',
      'bytes=abc',
      'bytes=-',
      'bytes=',
    ]) {
      expect(parseRange(header, 1000), header).toEqual({ kind: 'unsatisfiable' });
    }
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('answers other units and multiple ranges with the whole file', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-1', 10)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-1,5-6', 10)).toEqual({ kind: 'full' });
  });
});

describe('conditional requests and file names', () => {
  it('matches If-None-Match weakly, in lists and with *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });

  it('makes a file name safe for the header, keeping non-ASCII names for browsers that read filename*', () => {
    expect(contentDisposition('report.pdf', 'inline')).toBe(
      `inline; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition('../../etc/pa"ss\r\nwd', 'attachment')).toBe(
      `attachment; filename="_.._etc_pa_ss_wd"; filename*=UTF-8''_.._etc_pa_ss_wd`,
    );
    expect(contentDisposition('café – مرحبا.mp4', 'inline')).toBe(
      `inline; filename="caf_ _ _____.mp4"; filename*=UTF-8''caf%C3%A9%20%E2%80%93%20%D9%85%D8%B1%D8%AD%D8%A8%D8%A7.mp4`,
    );
    expect(contentDisposition('...', 'inline')).toBe(`inline; filename="file"; filename*=UTF-8''file`);
  });
});
