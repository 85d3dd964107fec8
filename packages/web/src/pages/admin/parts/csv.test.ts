import { parseCsv } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { fileSlug, toCsv } from './csv.js';

describe('CSV written in the browser', () => {
  it('starts with a byte-order mark and ends each row with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, 2],
      ]),
    ).toBe('\uFEFFa,b\r\n1,2\r\n');
  });

  it('quotes commas, quotes and line breaks so a spreadsheet reads the same values back', () => {
    const rows = [
      ['name', 'note'],
      ['Ramírez, Sofía', 'said "hi"\nthen left'],
      ['علي', ''],
    ];
    expect(parseCsv(toCsv(rows)).rows).toEqual(rows);
  });

  it('defuses cells a spreadsheet would run as formulas, but keeps negative numbers', () => {
    const text = toCsv([['=HYPERLINK("x")', '+1', '@me', -5, null, true]]);
    expect(text).toBe('\uFEFF"\'=HYPERLINK(""x"")",\'+1,\'@me,-5,,true\r\n');
  });

  it('makes ASCII file names from any script, with a fallback when nothing is left', () => {
    expect(fileSlug('Grade 1 — Blue!', 'class')).toBe('grade-1-blue');
    expect(fileSlug('Élèves', 'class')).toBe('eleves');
    expect(fileSlug('الصف الأول', 'class')).toBe('class');
  });
});
