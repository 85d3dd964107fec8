import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AuthoringCourse, CurriculumFrameworkTree, DraftCourseContent } from '@satchel/core';
import type { Problem } from '../problems.js';
import type { EditorAction } from './draft-ops.js';

/** What every part of the course editor needs: the draft, a way to change it, and where problems are. */
export interface EditorContextValue {
  readonly courseId: string;
  readonly content: DraftCourseContent;
  readonly dispatch: (action: EditorAction) => void;
  /** A new UUIDv7 for a module or lesson. */
  readonly newId: () => string;
  /** The message of the first problem about an element, for showing beside it. */
  readonly problemAt: (target: string) => string | null;
  readonly problems: readonly Problem[];
  readonly expanded: ReadonlySet<string>;
  readonly setExpanded: (lessonId: string, open: boolean) => void;
  readonly frameworks: readonly CurriculumFrameworkTree[];
  /**
   * Saves the draft if it has changes (a CSV import works on the saved draft). Resolves to the saved
   * draft version, or null when the save did not happen (the editor then shows why).
   */
  readonly saveNow: () => Promise<number | null>;
  /** Replaces the editor's draft with what the server now holds (after a CSV import). */
  readonly replaceWithSaved: (course: AuthoringCourse) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor() outside the course editor');
  return value;
}
