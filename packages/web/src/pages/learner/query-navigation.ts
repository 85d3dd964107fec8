import { navigate } from '../../router/history.js';
import { claimHeadingFocus } from '../../router/focus.js';

/**
 * Moves to another address of the same page (filters, paging) without the route-change behaviour:
 * focus stays where the learner is working instead of jumping to the page heading. `push` adds a
 * history entry (paging, a new search) so Back returns to the previous results.
 */
export function showQuery(target: string, push: boolean): void {
  navigate(target, { replace: !push });
  // navigate() asks the next page heading to take focus; this is the same page, so withdraw that.
  claimHeadingFocus();
}
