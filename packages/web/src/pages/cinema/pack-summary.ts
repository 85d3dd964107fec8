import type { PackPlanResponse } from '@satchel/core';
import type { I18n } from '../../i18n/i18n.js';

/**
 * What "Pack for the field" did, in a sentence or two: whether the plan itself came from the
 * national server, how many files it copied (or that this server has nothing to copy from) and how
 * many the upstream could not deliver. Whether every item plays is said by the readiness beside it.
 */
export function packSummary(
  t: I18n['t'],
  packed: Pick<PackPlanResponse, 'upstream' | 'copiedFiles' | 'notCopied'> &
    Partial<Pick<PackPlanResponse, 'fetchedPlan'>>,
): { tone: 'info' | 'warning'; text: string } {
  if (packed.upstream === null) return { tone: 'info', text: t('cinema.pack.noUpstream') };
  const files = t('cinema.pack.copied', { count: packed.copiedFiles });
  const copied = packed.fetchedPlan ? `${t('cinema.pack.fetchedPlan')} ${files}` : files;
  if (packed.notCopied.length === 0) return { tone: 'info', text: copied };
  return {
    tone: 'warning',
    text: `${copied} ${t('cinema.pack.notCopied', { count: packed.notCopied.length })}`,
  };
}
