import { DraftCourseContent } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { draft, lessonIds, markdownLesson, uuid } from '../test-support.js';
import {
  addLesson,
  addModule,
  canMoveLesson,
  canMoveModule,
  deleteLesson,
  deleteModule,
  editorReducer,
  initialState,
  moveLesson,
  moveModule,
  newModule,
  updateLesson,
} from './draft-ops.js';

const [m1, m2, m3] = [uuid(1), uuid(2), uuid(3)];
const [a, b, c, d] = [uuid(11), uuid(12), uuid(13), uuid(14)];

const twoModules = () =>
  draft([
    { id: m1, lessons: [markdownLesson(a), markdownLesson(b)] },
    { id: m2, lessons: [markdownLesson(c)] },
  ]);

describe('modules', () => {
  it('adds a module at the end, empty, and the draft stays valid for the server', () => {
    const content = addModule(twoModules(), newModule(m3, 'Module 3'));
    expect(content.modules.map((module) => module.id)).toEqual([m1, m2, m3]);
    expect(content.modules[2]?.lessons).toEqual([]);
    expect(DraftCourseContent.safeParse(content).success).toBe(true);
  });

  it('moves a module up and down, and does nothing at the ends', () => {
    const start = addModule(twoModules(), newModule(m3, 'Module 3'));
    expect(moveModule(start, m3, 'up').modules.map((module) => module.id)).toEqual([m1, m3, m2]);
    expect(moveModule(start, m1, 'down').modules.map((module) => module.id)).toEqual([m2, m1, m3]);
    expect(moveModule(start, m1, 'up')).toBe(start);
    expect(moveModule(start, m3, 'down')).toBe(start);
    expect(canMoveModule(start, m1, 'up')).toBe(false);
    expect(canMoveModule(start, m2, 'up')).toBe(true);
  });

  it('deletes a module with its lessons', () => {
    const content = deleteModule(twoModules(), m1);
    expect(content.modules.map((module) => module.id)).toEqual([m2]);
    expect(lessonIds(content)).toEqual([[c]]);
  });

  it('leaves the draft untouched when the module is unknown', () => {
    const start = twoModules();
    expect(deleteModule(start, uuid(99))).toBe(start);
    expect(moveModule(start, uuid(99), 'up')).toBe(start);
  });
});

describe('lessons', () => {
  it('adds a lesson at the end of its module only', () => {
    const content = addLesson(twoModules(), m2, markdownLesson(d));
    expect(lessonIds(content)).toEqual([
      [a, b],
      [c, d],
    ]);
  });

  it('reorders within a module', () => {
    expect(lessonIds(moveLesson(twoModules(), b, 'up'))).toEqual([[b, a], [c]]);
    expect(lessonIds(moveLesson(twoModules(), a, 'down'))).toEqual([[b, a], [c]]);
  });

  it('crosses into the next or previous module at the edge of its own', () => {
    expect(lessonIds(moveLesson(twoModules(), b, 'down'))).toEqual([[a], [b, c]]);
    expect(lessonIds(moveLesson(twoModules(), c, 'up'))).toEqual([[a, b, c], []]);
  });

  it('does not move past the start or the end of the course', () => {
    const start = twoModules();
    expect(moveLesson(start, a, 'up')).toBe(start);
    expect(moveLesson(start, c, 'down')).toBe(start);
    expect(canMoveLesson(start, a, 'up')).toBe(false);
    expect(canMoveLesson(start, b, 'down')).toBe(true);
  });

  it('can move a lesson through an empty module and back, keeping every lesson once', () => {
    let content = addModule(twoModules(), newModule(m3, 'Empty'));
    content = moveModule(content, m3, 'up');
    content = moveLesson(content, b, 'down');
    expect(lessonIds(content)).toEqual([[a], [b], [c]]);
    content = moveLesson(content, b, 'down');
    expect(lessonIds(content)).toEqual([[a], [], [b, c]]);
    expect(lessonIds(content).flat().sort()).toEqual([a, b, c].sort());
  });

  it('deletes a lesson wherever it is', () => {
    expect(lessonIds(deleteLesson(twoModules(), c))).toEqual([[a, b], []]);
  });

  it('updates a lesson but never its id', () => {
    const content = updateLesson(twoModules(), b, (lesson) => ({
      ...lesson,
      id: uuid(77),
      title: 'Renamed',
    }));
    expect(content.modules[0]?.lessons[1]).toMatchObject({ id: b, title: 'Renamed' });
  });
});

describe('the editor reducer', () => {
  const loaded = { content: twoModules(), enrolmentPolicy: 'open' as const, version: 3 };

  it('marks the draft dirty on a change, not on a no-op', () => {
    const state = initialState(loaded);
    expect(editorReducer(state, { type: 'moveModule', moduleId: m1, direction: 'up' })).toBe(state);
    const renamed = editorReducer(state, { type: 'renameModule', moduleId: m1, title: 'Start here' });
    expect(renamed.dirty).toBe(true);
    expect(renamed.content.modules[0]?.title).toBe('Start here');
    expect(editorReducer(state, { type: 'setPolicy', policy: 'self' })).toMatchObject({
      dirty: true,
      enrolmentPolicy: 'self',
    });
  });

  it('takes the server copy after a save when nothing changed meanwhile', () => {
    const edited = editorReducer(initialState(loaded), {
      type: 'setCourse',
      patch: { title: 'Water for all' },
    });
    const fromServer = { ...edited.content, description: 'filled by the server' };
    const saved = editorReducer(edited, {
      type: 'saved',
      basis: edited.content,
      course: { ...loaded, content: fromServer, version: 4 },
    });
    expect(saved).toMatchObject({ dirty: false, version: 4 });
    expect(saved.content.description).toBe('filled by the server');
  });

  it('keeps edits made while a save was out, still unsaved, with the new version', () => {
    const edited = editorReducer(initialState(loaded), {
      type: 'setCourse',
      patch: { title: 'Water for all' },
    });
    const later = editorReducer(edited, {
      type: 'renameModule',
      moduleId: m2,
      title: 'Typed during the save',
    });
    const saved = editorReducer(later, {
      type: 'saved',
      basis: edited.content,
      course: { ...loaded, content: edited.content, version: 4 },
    });
    expect(saved).toMatchObject({ dirty: true, version: 4 });
    expect(saved.content.modules[1]?.title).toBe('Typed during the save');
  });
});
