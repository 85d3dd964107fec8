import { ROLES } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { ROLES_IN_ORDER } from './roles.js';

describe('roles offered by the admin forms', () => {
  it('are every role core knows, each once', () => {
    expect([...ROLES_IN_ORDER].sort()).toEqual([...ROLES].sort());
  });
});
