import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, formatCsv, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads plain records', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual({
      rows: [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
      errors: [],
    });
  });

  it('reads quoted fields holding delimiters, escaped quotes and line breaks', () => {
    const text = '"a,b","say ""hi""","line 1\r\nline 2"\r\nlast,"",x';
    expect(parseCsv(text).rows).toEqual([
      ['a,b', 'say "hi"', 'line 1\r\nline 2'],
      ['last', '', 'x'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends and a final line break or none', () => {
    expect(parseCsv('a\r\nb\nc\rd').rows).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(parseCsv('a\r\n').rows).toEqual([['a']]);
  });

  it('drops the UTF-8 byte order mark Excel writes', () => {
    expect(parseCsv('\uFEFFtype,prompt\n').rows).toEqual([['type', 'prompt']]);
  });

  it('keeps empty fields and blank lines', () => {
    expect(parseCsv(',a,\n\nb').rows).toEqual([['', 'a', ''], [''], ['b']]);
  });

  it('reads nothing from an empty text', () => {
    expect(parseCsv('')).toEqual({ rows: [], errors: [] });
    expect(parseCsv('\uFEFF')).toEqual({ rows: [], errors: [] });
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('a 5" screen,b').rows).toEqual([['a 5" screen', 'b']]);
  });

  it('reports an unclosed quote with its row, keeping the text', () => {
    const result = parseCsv('a,b\n"never closed,c\nd');
    expect(result.rows).toEqual([['a', 'b'], ['never closed,c\nd']]);
    expect(result.errors).toEqual([{ row: 2, message: expect.stringContaining('never closed') }]);
  });

  it('reports text after a closing quote', () => {
    const result = parseCsv('x\n"a"b,c');
    expect(result.rows).toEqual([['x'], ['ab', 'c']]);
    expect(result.errors).toEqual([{ row: 2, message: expect.stringContaining('closing quote') }]);
  });

  it('reads other delimiters', () => {
    expect(parseCsv('a;"b;c"\t\n', { delimiter: ';' }).rows).toEqual([['a', 'b;c\t']]);
    expect(parseCsv('a\tb', { delimiter: '\t' }).rows).toEqual([['a', 'b']]);
  });

  it('refuses a delimiter it cannot use', () => {
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow(RangeError);
    expect(() => parseCsv('a', { delimiter: ',,' })).toThrow(RangeError);
  });

  it('parses 20,000 rows', () => {
    const line = 'single,"What is 2+2, really?",1,2,3,4,,,4,1,"Yes, ""four""",No,,\r\n';
    const text = 'type,prompt,o1,o2,o3,o4,o5,o6,correct,points,fc,fi,t,cs\r\n' + line.repeat(20_000);
    const { rows, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(20_001);
    expect(rows[20_000]![10]).toBe('Yes, "four"');
  });
});

describe('detectDelimiter', () => {
  it('finds the delimiter of the header row, ignoring quoted text', () => {
    expect(detectDelimiter('type;prompt;correct\nsingle;"a,b,c";1')).toBe(';');
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('prompt')).toBe(',');
  });
});

describe('formatCsv', () => {
  it('quotes only fields that need it', () => {
    expect(formatCsv([['a', 'b,c', 'say "hi"', 'two\nlines', '']])).toBe(
      'a,"b,c","say ""hi""","two\nlines",\r\n',
    );
  });

  it('is read back unchanged by parseCsv', () => {
    const field = fc.string({ unit: 'binary', maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 12 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\r\n' as const, '\n' as const),
        (rows, delimiter, newline) => {
          const parsed = parseCsv(formatCsv(rows, { delimiter, newline }), { delimiter });
          expect(parsed.errors).toEqual([]);
          expect(parsed.rows).toEqual(rows);
        },
      ),
    );
  });
});
