import { describe, expect, it } from 'vitest';
import { navItemsFor } from './nav-items.js';

const labels = (roles: Parameters<typeof navItemsFor>[0]) => navItemsFor(roles).map((item) => item.label);

describe('primary navigation by role', () => {
  it('gives learners home, catalog, their learning and their downloads', () => {
    expect(labels(['learner'])).toEqual(['nav.home', 'nav.catalog', 'nav.myLearning', 'downloads.title']);
  });

  it('gives each staff role its own tools, and facilitators Learning Cinema', () => {
    expect(labels(['author'])).toEqual(['nav.courseEditor', 'nav.library']);
    expect(labels(['educator'])).toEqual(['nav.classes', 'nav.reports']);
    expect(labels(['admin'])).toEqual(['nav.users', 'nav.classes', 'nav.settings', 'nav.reports']);
    expect(labels(['facilitator'])).toEqual(['nav.cinema', 'nav.reach']);
  });

  it('combines roles in a stable order without two links of the same name', () => {
    const items = navItemsFor(['admin', 'learner', 'educator']);
    expect(items.map((item) => item.label)).toEqual([
      'nav.home',
      'nav.catalog',
      'nav.myLearning',
      'downloads.title',
      'nav.classes',
      'nav.reports',
      'nav.users',
      'nav.allClasses',
      'nav.settings',
    ]);
    expect(new Set(items.map((item) => item.to)).size).toBe(items.length);
  });
});
