import type { DraftCourseContent, DraftLesson, DraftModule, EnrolmentPolicy } from '@satchel/core';

// The course editor's state and every edit it can make, as pure functions: the editor keeps the whole
// draft in memory and sends it in one PUT, so these are the only places a draft changes shape.

export type Direction = 'up' | 'down';

export type CourseFields = Omit<DraftCourseContent, 'modules'>;

export interface EditorState {
  readonly content: DraftCourseContent;
  readonly enrolmentPolicy: EnrolmentPolicy;
  /** The draft version the editor loaded or last saved: sent back as `expectedVersion`. */
  readonly version: number;
  /** Something changed since the last load or save. */
  readonly dirty: boolean;
}

export interface LoadedCourse {
  readonly content: DraftCourseContent;
  readonly enrolmentPolicy: EnrolmentPolicy;
  readonly version: number;
}

export type EditorAction =
  | { readonly type: 'load'; readonly course: LoadedCourse }
  /**
   * A save finished. `basis` is the content that was sent: if nothing changed while the request was
   * out, the server's copy (with its assigned ids and defaults) replaces it; otherwise the newer edits
   * stay, still unsaved, and only the version moves on so the next save is not a false conflict.
   */
  | { readonly type: 'saved'; readonly course: LoadedCourse; readonly basis: DraftCourseContent }
  | { readonly type: 'setCourse'; readonly patch: Partial<CourseFields> }
  | { readonly type: 'setPolicy'; readonly policy: EnrolmentPolicy }
  | { readonly type: 'addModule'; readonly module: DraftModule }
  | { readonly type: 'renameModule'; readonly moduleId: string; readonly title: string }
  | { readonly type: 'moveModule'; readonly moduleId: string; readonly direction: Direction }
  | { readonly type: 'deleteModule'; readonly moduleId: string }
  | { readonly type: 'addLesson'; readonly moduleId: string; readonly lesson: DraftLesson }
  | {
      readonly type: 'updateLesson';
      readonly lessonId: string;
      readonly update: (lesson: DraftLesson) => DraftLesson;
    }
  | { readonly type: 'moveLesson'; readonly lessonId: string; readonly direction: Direction }
  | { readonly type: 'deleteLesson'; readonly lessonId: string };

export function initialState(course: LoadedCourse): EditorState {
  return { ...course, dirty: false };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  if (action.type === 'load') return initialState(action.course);
  if (action.type === 'saved') {
    return state.content === action.basis && state.enrolmentPolicy === action.course.enrolmentPolicy
      ? initialState(action.course)
      : { ...state, version: action.course.version, dirty: true };
  }
  if (action.type === 'setPolicy') {
    return action.policy === state.enrolmentPolicy
      ? state
      : { ...state, enrolmentPolicy: action.policy, dirty: true };
  }
  const content = applyEdit(state.content, action);
  return content === state.content ? state : { ...state, content, dirty: true };
}

function applyEdit(
  content: DraftCourseContent,
  action: Exclude<EditorAction, { type: 'load' } | { type: 'saved' } | { type: 'setPolicy' }>,
): DraftCourseContent {
  switch (action.type) {
    case 'setCourse':
      return { ...content, ...action.patch };
    case 'addModule':
      return addModule(content, action.module);
    case 'renameModule':
      return renameModule(content, action.moduleId, action.title);
    case 'moveModule':
      return moveModule(content, action.moduleId, action.direction);
    case 'deleteModule':
      return deleteModule(content, action.moduleId);
    case 'addLesson':
      return addLesson(content, action.moduleId, action.lesson);
    case 'updateLesson':
      return updateLesson(content, action.lessonId, action.update);
    case 'moveLesson':
      return moveLesson(content, action.lessonId, action.direction);
    case 'deleteLesson':
      return deleteLesson(content, action.lessonId);
  }
}

/** A new empty module. */
export function newModule(id: string, title: string): DraftModule {
  return { id, title, lessons: [] };
}

export function addModule(content: DraftCourseContent, module: DraftModule): DraftCourseContent {
  return { ...content, modules: [...content.modules, module] };
}

export function renameModule(
  content: DraftCourseContent,
  moduleId: string,
  title: string,
): DraftCourseContent {
  return mapModule(content, moduleId, (module) => (module.title === title ? module : { ...module, title }));
}

/** Swaps a module with its neighbour; the first cannot go up nor the last down. */
export function moveModule(
  content: DraftCourseContent,
  moduleId: string,
  direction: Direction,
): DraftCourseContent {
  const index = content.modules.findIndex((module) => module.id === moduleId);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= content.modules.length) return content;
  return { ...content, modules: swap(content.modules, index, target) };
}

export function deleteModule(content: DraftCourseContent, moduleId: string): DraftCourseContent {
  const modules = content.modules.filter((module) => module.id !== moduleId);
  return modules.length === content.modules.length ? content : { ...content, modules };
}

export function addLesson(
  content: DraftCourseContent,
  moduleId: string,
  lesson: DraftLesson,
): DraftCourseContent {
  return mapModule(content, moduleId, (module) => ({ ...module, lessons: [...module.lessons, lesson] }));
}

export function updateLesson(
  content: DraftCourseContent,
  lessonId: string,
  update: (lesson: DraftLesson) => DraftLesson,
): DraftCourseContent {
  const at = findLesson(content, lessonId);
  if (!at) return content;
  const changed = update(at.lesson);
  if (changed === at.lesson) return content;
  // The id is what progress and errors are keyed by: an update may never change it.
  const kept = changed.id === lessonId ? changed : { ...changed, id: lessonId };
  return mapModule(content, at.module.id, (module) => ({
    ...module,
    lessons: module.lessons.map((lesson) => (lesson.id === lessonId ? kept : lesson)),
  }));
}

/**
 * Moves a lesson one place. At the edge of its module it crosses into the neighbouring module (to the
 * end of the previous one, or the start of the next), so keyboard users can move a lesson anywhere with
 * the two buttons alone. At the very start or end of the course nothing changes.
 */
export function moveLesson(
  content: DraftCourseContent,
  lessonId: string,
  direction: Direction,
): DraftCourseContent {
  const at = findLesson(content, lessonId);
  if (!at) return content;
  const { moduleIndex, lessonIndex, lesson } = at;
  const lessons = at.module.lessons;
  const modules = [...content.modules];
  const within = direction === 'up' ? lessonIndex - 1 : lessonIndex + 1;
  if (within >= 0 && within < lessons.length) {
    modules[moduleIndex] = { ...at.module, lessons: swap(lessons, lessonIndex, within) };
    return { ...content, modules };
  }
  const neighbourIndex = direction === 'up' ? moduleIndex - 1 : moduleIndex + 1;
  const neighbour = modules[neighbourIndex];
  if (!neighbour) return content;
  modules[moduleIndex] = { ...at.module, lessons: lessons.filter((item) => item.id !== lessonId) };
  modules[neighbourIndex] = {
    ...neighbour,
    lessons: direction === 'up' ? [...neighbour.lessons, lesson] : [lesson, ...neighbour.lessons],
  };
  return { ...content, modules };
}

export function deleteLesson(content: DraftCourseContent, lessonId: string): DraftCourseContent {
  const at = findLesson(content, lessonId);
  if (!at) return content;
  return mapModule(content, at.module.id, (module) => ({
    ...module,
    lessons: module.lessons.filter((lesson) => lesson.id !== lessonId),
  }));
}

export interface LessonLocation {
  readonly module: DraftModule;
  readonly moduleIndex: number;
  readonly lesson: DraftLesson;
  readonly lessonIndex: number;
}

export function findLesson(content: DraftCourseContent, lessonId: string): LessonLocation | null {
  for (const [moduleIndex, module] of content.modules.entries()) {
    const lessonIndex = module.lessons.findIndex((lesson) => lesson.id === lessonId);
    const lesson = module.lessons[lessonIndex];
    if (lesson) return { module, moduleIndex, lesson, lessonIndex };
  }
  return null;
}

/** Whether a move button can do anything: the reorder buttons of the ends are disabled. */
export function canMoveLesson(content: DraftCourseContent, lessonId: string, direction: Direction): boolean {
  return moveLesson(content, lessonId, direction) !== content;
}

export function canMoveModule(content: DraftCourseContent, moduleId: string, direction: Direction): boolean {
  return moveModule(content, moduleId, direction) !== content;
}

export function lessonCount(content: DraftCourseContent): number {
  return content.modules.reduce((sum, module) => sum + module.lessons.length, 0);
}

function mapModule(
  content: DraftCourseContent,
  moduleId: string,
  change: (module: DraftModule) => DraftModule,
): DraftCourseContent {
  let changed = false;
  const modules = content.modules.map((module) => {
    if (module.id !== moduleId) return module;
    const next = change(module);
    if (next !== module) changed = true;
    return next;
  });
  return changed ? { ...content, modules } : content;
}

export function swap<T>(items: readonly T[], a: number, b: number): T[] {
  const copy = [...items];
  const first = copy[a];
  const second = copy[b];
  if (first === undefined || second === undefined) return copy;
  copy[a] = second;
  copy[b] = first;
  return copy;
}
