import { describe, expect, it } from 'vitest';
import { compilePattern, createMatcher, matchPattern } from './match.js';
import { safeNext, signInPath, splitTenantPath } from './paths.js';
import { decideAccess } from './guards.js';
import { isCurrent, isPlainLeftClick } from './Link.js';

describe('route patterns', () => {
  it('matches static paths exactly, ignoring a trailing slash', () => {
    const catalog = compilePattern('/catalog');
    expect(matchPattern(catalog, '/catalog')).toEqual({});
    expect(matchPattern(catalog, '/catalog/')).toEqual({});
    expect(matchPattern(catalog, '/catalog/extra')).toBeNull();
    expect(matchPattern(catalog, '/Catalog')).toBeNull();
    expect(matchPattern(compilePattern('/'), '/')).toEqual({});
    expect(matchPattern(compilePattern('/'), '/x')).toBeNull();
  });

  it('captures and decodes parameters', () => {
    const lesson = compilePattern('/courses/:courseId/lessons/:lessonId');
    expect(matchPattern(lesson, '/courses/c%201/lessons/l-2')).toEqual({ courseId: 'c 1', lessonId: 'l-2' });
    expect(matchPattern(lesson, '/courses/c1/lessons')).toBeNull();
    expect(matchPattern(lesson, '/courses/%E0%A4/lessons/x')).toBeNull();
  });

  it('collects the rest of the path after a final *', () => {
    const files = compilePattern('/files/*');
    expect(matchPattern(files, '/files/a/b%20c')).toEqual({ rest: 'a/b c' });
    expect(matchPattern(files, '/files')).toEqual({ rest: '' });
    expect(() => compilePattern('/files/*/more')).toThrow();
    expect(() => compilePattern('files')).toThrow();
  });

  it('prefers the most specific route whatever the table order', () => {
    const routes = [
      { path: '/*', name: 'fallback' },
      { path: '/courses/:id', name: 'course' },
      { path: '/courses/new', name: 'new-course' },
      { path: '/', name: 'home' },
      { path: '/courses/*', name: 'course-files' },
    ];
    const resolve = createMatcher(routes);
    expect(resolve('/courses/new')?.route.name).toBe('new-course');
    expect(resolve('/courses/42')).toMatchObject({ route: { name: 'course' }, params: { id: '42' } });
    expect(resolve('/courses/42/x')?.route.name).toBe('course-files');
    expect(resolve('/')?.route.name).toBe('home');
    expect(resolve('/anything/else')?.route.name).toBe('fallback');
    expect(createMatcher([{ path: '/a' }])('/b')).toBeNull();
  });
});

describe('tenant paths', () => {
  it('splits /t/<slug>/... into the slug and the app path', () => {
    expect(splitTenantPath('/t/demo')).toEqual({ slug: 'demo', path: '/' });
    expect(splitTenantPath('/t/demo/')).toEqual({ slug: 'demo', path: '/' });
    expect(splitTenantPath('/t/br-youth/courses/1')).toEqual({ slug: 'br-youth', path: '/courses/1' });
    expect(splitTenantPath('/')).toBeNull();
    expect(splitTenantPath('/t/')).toBeNull();
    expect(splitTenantPath('/t/Bad_Slug/')).toBeNull();
  });

  it('only follows `next` inside the app, so sign-in links cannot send learners elsewhere', () => {
    expect(safeNext('/courses/1?tab=2')).toBe('/courses/1?tab=2');
    for (const hostile of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'x',
      '',
    ]) {
      expect(safeNext(hostile)).toBe('/');
    }
    expect(safeNext(null)).toBe('/');
    expect(signInPath('/courses/1?tab=2')).toBe('/signin?next=%2Fcourses%2F1%3Ftab%3D2');
    expect(signInPath('/')).toBe('/signin');
  });
});

describe('route guards', () => {
  const learner = { roles: ['learner'] as const };
  const admin = { roles: ['admin', 'educator'] as const };

  it('sends signed-out visitors to sign in, and signed-in users away from guest pages', () => {
    expect(decideAccess('user', null)).toBe('sign-in');
    expect(decideAccess(['admin'], null)).toBe('sign-in');
    expect(decideAccess('guest', null)).toBe('allow');
    expect(decideAccess('guest', learner)).toBe('leave');
    expect(decideAccess('public', null)).toBe('allow');
    expect(decideAccess('public', learner)).toBe('allow');
  });

  it('opens a role route to anyone holding one of its roles, and no one else', () => {
    expect(decideAccess(['admin'], learner)).toBe('not-allowed');
    expect(decideAccess(['admin'], admin)).toBe('allow');
    expect(decideAccess(['author', 'educator'], admin)).toBe('allow');
    expect(decideAccess('user', learner)).toBe('allow');
  });
});

describe('links', () => {
  const click = (init: MouseEventInit = {}) =>
    ({
      defaultPrevented: false,
      button: 0,
      metaKey: false,
      ctrlKey: false,
      shiftKey: false,
      altKey: false,
      ...init,
    }) as MouseEvent;

  it('leaves modified clicks and other targets to the browser', () => {
    expect(isPlainLeftClick(click(), undefined)).toBe(true);
    expect(isPlainLeftClick(click(), '_self')).toBe(true);
    for (const modifier of ['metaKey', 'ctrlKey', 'shiftKey', 'altKey'] as const) {
      expect(isPlainLeftClick(click({ [modifier]: true }), undefined)).toBe(false);
    }
    expect(isPlainLeftClick(click({ button: 1 }), undefined)).toBe(false);
    expect(isPlainLeftClick(click(), '_blank')).toBe(false);
  });

  it('marks the current page, and sections by prefix except home', () => {
    expect(isCurrent('/admin/users/7', '/admin/users', 'prefix')).toBe(true);
    expect(isCurrent('/admin/users/7', '/admin/users', 'exact')).toBe(false);
    expect(isCurrent('/admin/usersx', '/admin/users', 'prefix')).toBe(false);
    expect(isCurrent('/catalog', '/', 'prefix')).toBe(false);
    expect(isCurrent('/', '/', 'exact')).toBe(true);
  });
});
