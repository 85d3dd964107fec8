import { useEffect, useId, useRef } from 'preact/hooks';
import { useT } from '../../../i18n/i18n.js';

export interface FieldProblem {
  /** Id of the field's wrapper (or the control itself); the summary's link moves focus there. */
  readonly target: string;
  readonly message: string;
}

/** Focuses the control inside `target` (a wrapper div, a fieldset) or the element itself. */
export function focusField(target: string): void {
  const element = document.getElementById(target);
  if (!element) return;
  const control = element.matches('input, select, textarea, button')
    ? element
    : element.querySelector<HTMLElement>('input, select, textarea, button');
  (control ?? element).focus();
  element.scrollIntoView({ block: 'center' });
}

export interface ErrorSummaryProps {
  readonly problems: readonly FieldProblem[];
  /** Bump it on each failed submit: the summary then takes focus so screen readers read it out. */
  readonly attempt: number;
}

/** The problems of the last submit, each a link to its field (the GOV.UK error summary pattern). */
export function ErrorSummary({ problems, attempt }: ErrorSummaryProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (attempt > 0 && problems.length > 0) ref.current?.focus();
  }, [attempt]);
  if (problems.length === 0) return null;
  return (
    <div
      ref={ref}
      class="alert alert--error admin-error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby={titleId}
    >
      <h2 class="alert__title" id={titleId}>
        {t('admin.form.problems', { count: problems.length })}
      </h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem.target}>
            <a
              href={`#${problem.target}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(problem.target);
              }}
            >
              {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
