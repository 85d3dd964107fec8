import { useI18n } from '../i18n/i18n.js';
import { safeLinkUrl } from './safe-url.js';
import type { ViewerProps } from './viewer-types.js';

/** The host a link goes to, shown so the learner knows where they are sent. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A page elsewhere on the web. It opens in a new tab; opening it counts as taking the lesson. */
export default function LinkViewer({ lesson, report }: ViewerProps<'link'>) {
  const { t } = useI18n();
  const safe = safeLinkUrl(lesson.url);
  if (safe?.kind !== 'external') return <p>{t('player.linkUnavailable')}</p>;
  return (
    <div class="link-lesson">
      {!navigator.onLine && <p role="status">{t('downloads.needsInternet')}</p>}
      <p>{t('player.linkIntro', { host: hostOf(safe.url) })}</p>
      <a
        class="button button--primary"
        href={safe.url}
        target="_blank"
        rel="noopener noreferrer"
        onClick={() => report('completed')}
      >
        {t('player.openLink')}
        <span class="sr-only"> {t('course.opensInNewTab')}</span>
      </a>
    </div>
  );
}
