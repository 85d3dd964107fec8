import { Password, Pin, Role, USER_IMPORT_COLUMNS, Username, parseCsv } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, importTemplateCsv, REQUIRED_COLUMNS, TEMPLATE_EXAMPLES } from './import-template.js';

describe('the roster template', () => {
  it('lists the same columns, in the same order, as the server reads', () => {
    expect([...IMPORT_COLUMNS]).toEqual([...USER_IMPORT_COLUMNS]);
    for (const column of REQUIRED_COLUMNS) expect(IMPORT_COLUMNS).toContain(column);
  });

  it('is a CSV whose header and example rows read back cell for cell', () => {
    const { rows, errors } = parseCsv(importTemplateCsv());
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual([...USER_IMPORT_COLUMNS]);
    expect(rows).toHaveLength(1 + TEMPLATE_EXAMPLES.length);
    expect(rows[1]?.[IMPORT_COLUMNS.indexOf('username')]).toBe('amina.b');
  });

  it('has example rows the import would accept', () => {
    for (const example of TEMPLATE_EXAMPLES) {
      expect(Username.safeParse(example.username).success).toBe(true);
      expect(Role.safeParse(example.role).success).toBe(true);
      if (example.pin) expect(Pin.safeParse(example.pin).success).toBe(true);
      if (example.password) expect(Password.safeParse(example.password).success).toBe(true);
      expect(example.pin !== '' || example.password !== '').toBe(true);
      expect(Number(example.birthYear)).toBeGreaterThanOrEqual(1900);
    }
  });
});
