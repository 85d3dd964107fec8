import { useCallback, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import {
  uuidv7,
  type AuthoringCourse,
  type AuthoringCourseSummary,
  type Category,
  type CurriculumFrameworkTree,
} from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { paths } from '../../../app/paths.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Link } from '../../../router/Link.js';
import { Alert, Button, PageHeading, showToast, useAsyncAction } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage, isEditConflict } from '../author-errors.js';
import { focusById } from '../field-ids.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { ErrorSummary, problemText } from '../parts/ErrorSummary.js';
import { useUnsavedWarning } from '../parts/use-unsaved-warning.js';
import { problemsByTarget, type Problem } from '../problems.js';
import { CourseDetails } from './CourseDetails.js';
import { CourseStatusBadge } from './CourseStatusBadge.js';
import { editorReducer, findLesson, initialState, type LoadedCourse } from './draft-ops.js';
import { draftForSave, draftProblems } from './draft-validation.js';
import { EditorContext, type EditorContextValue } from './editor-context.js';
import { ModulesEditor } from './ModulesEditor.js';
import { problemsFromPublishError, problemsFromSaveError } from './server-problems.js';
import { VariantsPanel } from './VariantsPanel.js';
import { VersionHistory } from './VersionHistory.js';

export interface CourseEditorProps {
  readonly course: AuthoringCourse;
  readonly frameworks: readonly CurriculumFrameworkTree[];
  readonly categories: readonly Category[];
  readonly otherCourses: readonly Pick<AuthoringCourseSummary, 'id' | 'title'>[];
  /** Throws the editor away and loads the course again (after an edit conflict). */
  readonly onReload: () => void;
}

const loaded = (course: AuthoringCourse): LoadedCourse => ({
  content: course.content,
  enrolmentPolicy: course.enrolmentPolicy,
  version: course.version,
});

/**
 * The whole draft lives here and is saved in one PUT with the version it was loaded at, so a save
 * made on top of someone else's is refused (409 edit_conflict) instead of silently overwriting it.
 * Publishing saves pending changes first, then asks the server, whose refusals land beside the lessons.
 */
export function CourseEditor({ course, frameworks, categories, otherCourses, onReload }: CourseEditorProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [state, dispatch] = useReducer(editorReducer, course, (initial) => initialState(loaded(initial)));
  const stateRef = useRef(state);
  stateRef.current = state;
  const [summary, setSummary] = useState<AuthoringCourseSummary>(course);
  const [serverProblems, setServerProblems] = useState<readonly Problem[]>([]);
  const [checked, setChecked] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [expanded, setExpandedSet] = useState<ReadonlySet<string>>(new Set());
  const [conflict, setConflict] = useState(false);
  const [versionsRevision, setVersionsRevision] = useState(0);
  const [confirmingPublish, setConfirmingPublish] = useState(false);

  // After a failed attempt, the editor's own checks follow every edit, so fixed problems disappear.
  const clientProblems = useMemo(
    () => (checked ? draftProblems(state.content) : []),
    [checked, state.content],
  );
  const problems = serverProblems.length > 0 ? serverProblems : clientProblems;
  const byTarget = useMemo(() => problemsByTarget(problems), [problems]);

  const setExpanded = useCallback((lessonId: string, open: boolean) => {
    setExpandedSet((current) => {
      if (current.has(lessonId) === open) return current;
      const next = new Set(current);
      if (open) next.add(lessonId);
      else next.delete(lessonId);
      return next;
    });
  }, []);

  const showProblems = (found: readonly Problem[], fromServer: boolean) => {
    setServerProblems(fromServer ? found : []);
    setChecked(!fromServer);
    setAttempt((count) => count + 1);
    setExpandedSet(
      (current) =>
        new Set([...current, ...found.flatMap((problem) => (problem.lessonId ? [problem.lessonId] : []))]),
    );
  };

  /** Saves if needed; the saved version, or null when there were problems or a conflict (shown). */
  const save = async (): Promise<number | null> => {
    const current = stateRef.current;
    const found = draftProblems(current.content);
    if (found.length > 0) {
      showProblems(found, false);
      return null;
    }
    if (!current.dirty) return current.version;
    const sent = draftForSave(current.content);
    try {
      const saved = await authorApi.saveCourse(api, summary.id, {
        expectedVersion: current.version,
        content: sent,
        enrolmentPolicy: current.enrolmentPolicy,
      });
      dispatch({ type: 'saved', course: loaded(saved), basis: current.content });
      setSummary(saved);
      setServerProblems([]);
      setChecked(false);
      return saved.version;
    } catch (error) {
      if (isEditConflict(error)) {
        setConflict(true);
        return null;
      }
      const mapped = problemsFromSaveError(error, sent);
      if (mapped) {
        showProblems(mapped, true);
        return null;
      }
      throw error;
    }
  };

  const saveAction = useAsyncAction(async () => {
    const wasDirty = stateRef.current.dirty;
    const version = await save();
    if (version !== null)
      showToast(wasDirty ? t('author.editor.saved') : t('author.editor.nothingToSave'), 'success');
  });

  const publishAction = useAsyncAction(async () => {
    if ((await save()) === null) return;
    try {
      const result = await authorApi.publish(api, summary.id);
      setSummary(result.course);
      setServerProblems([]);
      setVersionsRevision((revision) => revision + 1);
      showToast(t('author.editor.published', { version: result.manifest.version }), 'success');
    } catch (error) {
      const mapped = problemsFromPublishError(error, stateRef.current.content);
      if (!mapped) throw error;
      showProblems(mapped, true);
    }
  });

  useUnsavedWarning(state.dirty, t('author.editor.leaveWarning'));

  const context: EditorContextValue = {
    courseId: summary.id,
    content: state.content,
    dispatch,
    newId: () => uuidv7(),
    problemAt: (target) => {
      const problem = byTarget.get(target);
      return problem ? problemText(t, problem) : null;
    },
    problems,
    expanded,
    setExpanded,
    frameworks,
    saveNow: save,
    replaceWithSaved: (saved) => {
      dispatch({ type: 'load', course: loaded(saved) });
      setSummary(saved);
    },
  };

  const where = (problem: Problem): string | null => {
    if (problem.lessonId) {
      const at = findLesson(state.content, problem.lessonId);
      return at
        ? t('author.problem.whereLesson', { title: at.lesson.title || t('author.lesson.untitled') })
        : null;
    }
    if (problem.moduleId) {
      const module = state.content.modules.find((item) => item.id === problem.moduleId);
      return module
        ? t('author.problem.whereModule', { title: module.title || t('author.module.untitled') })
        : null;
    }
    return null;
  };

  const busy = saveAction.busy || publishAction.busy;
  const failure = saveAction.error ?? publishAction.error;
  return (
    <EditorContext.Provider value={context}>
      <div class="page stack author-page author-editor">
        <p class="author-breadcrumb">
          <Link to={paths.authorCourses}>{t('author.courses.heading')}</Link>
        </p>
        <PageHeading>
          <span dir="auto">{t('author.editor.heading', { title: summary.title })}</span>
        </PageHeading>
        <div class="author-toolbar" role="region" aria-label={t('author.editor.toolbar')}>
          <CourseStatusBadge course={summary} />
          <span class="author-toolbar__state" role="status">
            {state.dirty ? t('author.editor.unsaved') : t('author.editor.allSaved')}
          </span>
          <span class="author-actions">
            <Button
              variant="primary"
              busy={saveAction.busy}
              aria-disabled={publishAction.busy ? 'true' : undefined}
              onClick={() => !busy && void saveAction.run()}
            >
              {saveAction.busy ? t('common.saving') : t('author.editor.save')}
            </Button>
            <Button
              busy={publishAction.busy}
              aria-disabled={saveAction.busy ? 'true' : undefined}
              onClick={() => !busy && setConfirmingPublish(true)}
            >
              {publishAction.busy ? t('author.editor.publishing') : t('author.editor.publish')}
            </Button>
          </span>
        </div>
        {conflict && (
          <Alert tone="error" title={t('author.editor.conflictTitle')}>
            <p>{t('author.editor.conflictBody')}</p>
            <Button variant="primary" onClick={onReload}>
              {t('author.editor.reload')}
            </Button>
          </Alert>
        )}
        {failure !== null && <Alert tone="error">{authorErrorMessage(i18n, failure)}</Alert>}
        <ErrorSummary
          problems={problems}
          attempt={attempt}
          where={where}
          onGo={(problem) => {
            if (problem.lessonId) setExpanded(problem.lessonId, true);
            focusById(problem.target);
          }}
        />
        {summary.publishedVersion !== null && !summary.archived && (
          <p>
            <Link to={paths.course(summary.id)}>{t('author.editor.viewPublished')}</Link>
          </p>
        )}
        <CourseDetails
          enrolmentPolicy={state.enrolmentPolicy}
          categories={categories}
          otherCourses={otherCourses}
        />
        <ModulesEditor />
        <VariantsPanel course={course} />
        <VersionHistory courseId={summary.id} revision={versionsRevision} />
        <ConfirmDialog
          open={confirmingPublish}
          title={t('author.editor.publishTitle')}
          confirmLabel={t('author.editor.publishConfirm')}
          onConfirm={() => {
            setConfirmingPublish(false);
            void publishAction.run();
          }}
          onCancel={() => setConfirmingPublish(false)}
        >
          <p>
            {summary.publishedVersion === null
              ? t('author.editor.publishFirst')
              : t('author.editor.publishNext', { version: summary.publishedVersion + 1 })}
          </p>
          {state.dirty && <p>{t('author.editor.publishSavesFirst')}</p>}
        </ConfirmDialog>
      </div>
    </EditorContext.Provider>
  );
}
