import type { LibraryItem } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { endonym } from '../../../i18n/locales.js';
import { Button } from '../../../ui/index.js';
import { kindName } from '../author-errors.js';
import { licenceName } from './MetadataFields.js';

export interface LibraryItemCardProps {
  readonly item: LibraryItem;
  readonly editing: boolean;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
  readonly children?: preact.ComponentChildren;
}

/** One library item in the list: what it is, its licence and origin, and its actions. */
export function LibraryItemCard({ item, editing, onEdit, onDelete, children }: LibraryItemCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = `library-item-${item.id}`;
  const origin = [item.author, item.provider].filter((part): part is string => Boolean(part)).join(' · ');
  return (
    <li class="card author-item" aria-labelledby={headingId}>
      <div class="author-item__head">
        {item.kind === 'image' && item.fileUrl && (
          <img class="author-item__thumb" src={item.fileUrl} alt="" loading="lazy" />
        )}
        <div class="author-item__body">
          <h3 class="author-item__title" id={headingId} tabIndex={-1} dir="auto">
            {item.title}
          </h3>
          <p class="author-item__meta">
            <span class="badge">{kindName(i18n, item.kind)}</span> {licenceName(t, item.licence)}
            {item.language && <> · {endonym(item.language)}</>} · {i18n.formatBytes(item.size)}
            {item.captions.length > 0 && (
              <> · {t('author.library.captionCount', { count: item.captions.length })}</>
            )}
          </p>
          {origin && (
            <p class="author-item__meta" dir="auto">
              {origin}
            </p>
          )}
        </div>
      </div>
      <div class="author-actions">
        <Button variant="secondary" aria-expanded={editing ? 'true' : 'false'} onClick={onEdit}>
          {t('author.library.edit')}
          <span class="sr-only"> {item.title}</span>
        </Button>
        <Button variant="quiet" onClick={onDelete}>
          {t('author.library.delete')}
          <span class="sr-only"> {item.title}</span>
        </Button>
      </div>
      {children}
    </li>
  );
}
