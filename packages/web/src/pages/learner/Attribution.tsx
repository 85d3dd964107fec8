import type { Attribution as AttributionData } from '@satchel/core';
import { useT } from '../../i18n/i18n.js';
import { safeLinkUrl } from '../../player/safe-url.js';
import { cx } from '../../ui/index.js';

/**
 * Who made a library item and under which licence: open licences require this credit, and learners
 * should know where what they learn comes from.
 */
export function Attribution({
  attribution,
  class: className,
}: {
  readonly attribution: AttributionData;
  readonly class?: string;
}) {
  const t = useT();
  const source = attribution.sourceUrl ? safeLinkUrl(attribution.sourceUrl) : null;
  const parts = [
    attribution.title ? (
      <span dir="auto">{t('course.attributionTitle', { title: attribution.title })}</span>
    ) : null,
    attribution.author ? (
      <span dir="auto">{t('course.attributionAuthor', { author: attribution.author })}</span>
    ) : null,
    attribution.provider ? (
      <span dir="auto">{t('course.attributionProvider', { provider: attribution.provider })}</span>
    ) : null,
    <span dir="auto">{t('course.attributionLicence', { licence: attribution.licence })}</span>,
    source?.kind === 'external' ? (
      <a href={source.url} target="_blank" rel="noopener noreferrer">
        {t('course.attributionSource')}
        <span class="sr-only"> {t('course.opensInNewTab')}</span>
      </a>
    ) : null,
  ].filter((part) => part !== null);
  return (
    <p class={cx('attribution', className)}>
      <span class="sr-only">{t('course.attribution')} </span>
      {parts.map((part, index) => (
        <span key={index} class="attribution__part">
          {part}
        </span>
      ))}
    </p>
  );
}
