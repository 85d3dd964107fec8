import { describe, expect, it } from 'vitest';
import { parseVerbs } from './forwarding-api.js';

describe('parseVerbs', () => {
  it('takes one verb per line or comma, dropping blanks', () => {
    expect(
      parseVerbs(' http://adlnet.gov/expapi/verbs/completed \n\n,http://adlnet.gov/expapi/verbs/passed,'),
    ).toEqual(['http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/verbs/passed']);
  });
});
