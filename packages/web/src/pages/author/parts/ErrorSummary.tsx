import { useEffect, useId, useRef } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.js';
import type { Problem } from '../problems.js';

export interface ErrorSummaryProps {
  readonly problems: readonly Problem[];
  /** Where a problem is ("Lesson “Water”"), put before its message; null for course-wide problems. */
  readonly where: (problem: Problem) => string | null;
  /** Opens whatever hides the problem's field (a collapsed lesson) and moves focus to it. */
  readonly onGo: (problem: Problem) => void;
  /** Bumped on each failed attempt: the summary then takes focus so screen readers read it. */
  readonly attempt: number;
  readonly title?: string;
}

/** The problems of the last save or publish, each a link to the field to fix (GOV.UK pattern). */
export function ErrorSummary({ problems, where, onGo, attempt, title }: ErrorSummaryProps) {
  const i18n = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (attempt > 0 && problems.length > 0) ref.current?.focus();
  }, [attempt]);
  if (problems.length === 0) return null;
  return (
    <div
      ref={ref}
      class="alert alert--error error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby={titleId}
    >
      <h2 class="alert__title" id={titleId}>
        {title ?? i18n.t('author.problem.summary', { count: problems.length })}
      </h2>
      <ul class="error-summary__list">
        {problems.map((problem, index) => {
          const place = where(problem);
          const message = problemText(i18n.t, problem);
          return (
            <li key={`${problem.target}-${index}`}>
              <a
                href={`#${problem.target}`}
                onClick={(event) => {
                  event.preventDefault();
                  onGo(problem);
                }}
              >
                {place ? `${place}: ${message}` : message}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function problemText(t: ReturnType<typeof useI18n>['t'], problem: Problem): string {
  const message = t(problem.message, problem.params);
  return problem.detail ? `${message} (${problem.detail})` : message;
}
