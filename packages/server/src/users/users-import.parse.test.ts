import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { decodeRoster, parseRoster } from './users-import.parse.js';

const YEAR = 2026;
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `unexpected ${String(err)}`;
  }
  return undefined;
};

describe('reading a roster CSV', () => {
  it('reads OneRoster-like rows in any column order, mapping roles and values', () => {
    const csv = [
      'role,username,givenName,familyName,sourcedId,sex,birthYear,disability,classCode,grades,pin,email',
      'student,Ama.B,Ama,Boateng,S-1,F,2014,no,5A;Choir,05,1234,ama@example.org',
      'teacher,mr.osei,Kwame,Osei,T-1,m,1980,yes,5A,,,',
    ].join('\n');
    const parsed = parseRoster(csv, YEAR);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rowCount).toBe(2);
    expect(parsed.rows[0]).toMatchObject({
      row: 2,
      username: 'ama.b',
      displayName: 'Ama Boateng',
      roles: ['learner'],
      sourcedId: 'S-1',
      sex: 'female',
      birthYear: 2014,
      disability: false,
      classCodes: ['5A', 'Choir'],
      grade: '05',
      pin: '1234',
      email: 'ama@example.org',
      password: null,
    });
    expect(parsed.rows[1]).toMatchObject({
      username: 'mr.osei',
      roles: ['educator'],
      sex: 'male',
      disability: true,
      grade: null,
    });
  });

  it('accepts Excel’s semicolons, a BOM, CRLF line ends, header spelling variants and blank lines', () => {
    const csv =
      '\uFEFFUser Name;Role;Given_Name;Birth Year\r\nzola;learner;Zola;2012\r\n;;;\r\n\r\nyusuf;administrator;Yusuf;\r\n';
    const parsed = parseRoster(csv, YEAR);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.row, r.username, r.roles[0]])).toEqual([
      [2, 'zola', 'learner'],
      [5, 'yusuf', 'admin'],
    ]);
  });

  it('reports unknown columns without failing', () => {
    const parsed = parseRoster('username,role,middleName,enabledUser\nada,learner,B,true\n', YEAR);
    expect(parsed.ignoredColumns).toEqual(['middleName', 'enabledUser']);
    expect(parsed.rows).toHaveLength(1);
  });

  it('lists every problem of every row with its row number and column', () => {
    const csv = [
      'username,role,password,pin,email,sex,birthYear,disability,classCode',
      'ok1,learner,,,,,,,',
      ',wizard,short,12,not-mail,x,1850,perhaps,',
      'ok1,learner,,,,,,,',
      'bad name!,learner,,,,,,,',
    ].join('\n');
    const parsed = parseRoster(csv, YEAR);
    expect(parsed.rows.map((r) => r.username)).toEqual(['ok1']);
    const key = (e: readonly unknown[]): string => e.join('|');
    expect(
      parsed.errors.map((e) => [e.row, e.column, e.code]).sort((a, b) => key(a).localeCompare(key(b))),
    ).toEqual(
      [
        [3, 'username', 'required'],
        [3, 'role', 'invalid_role'],
        [3, 'password', 'invalid_password'],
        [3, 'pin', 'invalid_pin'],
        [3, 'email', 'invalid_email'],
        [3, 'birthYear', 'invalid_birth_year'],
        [3, 'disability', 'invalid_disability'],
        [3, 'sex', 'invalid_sex'],
        [4, 'username', 'duplicate_username'],
        [5, 'username', 'invalid_username'],
      ].sort((a, b) => key(a).localeCompare(key(b))),
    );
    for (const e of parsed.errors) expect(e.message.length).toBeGreaterThan(5);
  });

  it('flags duplicate sourcedIds, extra fields and broken quoting on the row', () => {
    const csv =
      'sourcedId,username,role\nS1,a1,learner\nS1,a2,learner\nS3,a3,learner,surplus\nS4,"a4,learner\n';
    const codes = parseRoster(csv, YEAR).errors.map((e) => [e.row, e.code]);
    expect(codes).toContainEqual([3, 'duplicate_sourced_id']);
    expect(codes).toContainEqual([4, 'extra_fields']);
    expect(codes).toContainEqual([5, 'csv_syntax']);
  });

  it('refuses files that are not a roster at all, saying why', () => {
    expect(codeOf(() => parseRoster('', YEAR))).toBe('csv_empty');
    expect(codeOf(() => parseRoster('  \n \n', YEAR))).toBe('csv_empty');
    expect(codeOf(() => parseRoster('PK\u0003\u0004\u0000\u0000binary', YEAR))).toBe('csv_not_text');
    expect(codeOf(() => parseRoster('name,email\nada,ada@example.org\n', YEAR))).toBe('csv_missing_columns');
    expect(codeOf(() => parseRoster('{"users": [1, 2]}', YEAR))).toBe('csv_missing_columns');
    expect(codeOf(() => parseRoster('username,role\n', YEAR))).toBe('csv_no_rows');
    expect(codeOf(() => parseRoster('username,role,User Name\n', YEAR))).toBe('csv_duplicate_columns');
    expect(codeOf(() => parseRoster('"username,role\nx,y', YEAR))).toBe('csv_unreadable');
    expect(codeOf(() => decodeRoster(new Uint8Array([0x75, 0x73, 0xe9, 0x72])))).toBe('csv_not_utf8');
  });

  it('decodes UTF-16 files saved by spreadsheets', () => {
    const text = 'username,role\nnoël,learner\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(parseRoster(decodeRoster(utf16), YEAR).rows[0]?.username).toBe('noël');
  });
});
