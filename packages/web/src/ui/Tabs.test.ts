import { describe, expect, it } from 'vitest';
import { nextTabIndex } from './Tabs.js';

describe('tab keyboard movement', () => {
  it('follows the reading direction with the arrow keys, wrapping around', () => {
    expect(nextTabIndex('ArrowRight', 0, 3, 'ltr')).toBe(1);
    expect(nextTabIndex('ArrowLeft', 0, 3, 'ltr')).toBe(2);
    expect(nextTabIndex('ArrowLeft', 0, 3, 'rtl')).toBe(1);
    expect(nextTabIndex('ArrowRight', 2, 3, 'rtl')).toBe(1);
    expect(nextTabIndex('ArrowRight', 2, 3, 'ltr')).toBe(0);
  });

  it('jumps to the ends with Home and End, and ignores other keys', () => {
    expect(nextTabIndex('Home', 2, 3, 'ltr')).toBe(0);
    expect(nextTabIndex('End', 0, 3, 'rtl')).toBe(2);
    expect(nextTabIndex('Enter', 1, 3, 'ltr')).toBeNull();
    expect(nextTabIndex('ArrowDown', 1, 3, 'ltr')).toBeNull();
  });
});
