import { useState } from 'preact/hooks';
import type { LibraryItem, LibraryItemDetail } from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { paths } from '../../../app/paths.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { href } from '../../../router/history.js';
import { Alert, Button, Form, TextField, useAsyncAction } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage, kindName } from '../author-errors.js';
import { licenceName } from './MetadataFields.js';
import type { UploadKind } from './library-filters.js';

export interface LibraryPickerProps {
  readonly kind: UploadKind;
  /** Names each item's button: "Use", "Add lesson from"... followed by the item's title. */
  readonly actionLabel: string;
  readonly onPick: (item: LibraryItemDetail) => void;
}

/**
 * Finds a library item of one kind and hands over its full detail (an html5 package's file list is only
 * in the detail). New files are uploaded on the library page, opened in another tab so the editor keeps
 * its unsaved changes.
 */
export function LibraryPicker({ kind, actionLabel, onPick }: LibraryPickerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const list = useResource(
    (signal) => authorApi.library(api, { kind, q: q.trim() || undefined, limit: 50, offset: 0 }, signal),
    [api, kind, q],
  );
  const pick = useAsyncAction(async (item: LibraryItem) => {
    onPick(await authorApi.libraryItem(api, item.id));
  });
  return (
    <div class="stack author-picker">
      <Form
        onSubmit={() => setQ(text)}
        role="search"
        aria-label={t('author.picker.searchLabel', { kind: kindName(i18n, kind) })}
      >
        <TextField
          label={t('author.picker.search')}
          type="search"
          optional
          maxLength={200}
          value={text}
          onValue={setText}
        />
        <div class="form-actions">
          <Button type="submit">{t('author.library.searchSubmit')}</Button>
        </div>
      </Form>
      {pick.error !== null && <Alert tone="error">{authorErrorMessage(i18n, pick.error)}</Alert>}
      <Loaded
        resource={list}
        block
        errorMessage={(error) => authorErrorMessage(i18n, error)}
        isEmpty={(data) => data.items.length === 0}
        empty={<p>{t('author.picker.none', { kind: kindName(i18n, kind) })}</p>}
      >
        {(data) => (
          <ul class="author-plain-list author-picker__list">
            {data.items.map((item) => (
              <li key={item.id} class="author-row">
                <span class="author-row__text">
                  <span dir="auto">{item.title}</span>
                  <span class="author-muted">
                    {' '}
                    · {licenceName(t, item.licence)} · {i18n.formatBytes(item.size)}
                  </span>
                </span>
                <Button busy={pick.busy} onClick={() => void pick.run(item)}>
                  {actionLabel}
                  <span class="sr-only"> {item.title}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <p>
        <a href={href(paths.authorLibrary)} target="_blank" rel="noopener">
          {t('author.picker.openLibrary')}
        </a>
      </p>
    </div>
  );
}
