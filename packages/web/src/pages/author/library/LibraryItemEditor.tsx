import { useState } from 'preact/hooks';
import type { LibraryItem, LibraryItemDetail } from '@satchel/core';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Form, FormActions, showToast, useAsyncAction } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';
import { CaptionsEditor } from './CaptionsEditor.js';
import { metadataFromItem, metadataPatch, metadataProblems, type MetadataProblems } from './metadata.js';
import { MetadataFields } from './MetadataFields.js';

export interface LibraryItemEditorProps {
  readonly item: LibraryItem;
  readonly onSaved: (item: LibraryItemDetail) => void;
  readonly onClose: () => void;
}

/** Edits an item's title, licence and origin, and its captions; a preview shows what it is. */
export function LibraryItemEditor({ item, onSaved, onClose }: LibraryItemEditorProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [current, setCurrent] = useState<LibraryItem>(item);
  const [meta, setMeta] = useState(() => metadataFromItem(item));
  const [problems, setProblems] = useState<MetadataProblems>({});
  const [invalidAttempt, setInvalidAttempt] = useState(0);

  const changed = (updated: LibraryItemDetail) => {
    setCurrent(updated);
    onSaved(updated);
  };

  const save = useAsyncAction(async () => {
    const found = metadataProblems(meta);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    const saved = await authorApi.updateItem(api, current.id, metadataPatch(meta, current.version));
    changed(saved);
    setMeta(metadataFromItem(saved));
    showToast(t('author.library.saved', { title: saved.title }), 'success');
  });

  return (
    <div class="stack author-item-editor">
      <LibraryPreview item={current} />
      <Form
        onSubmit={save.run}
        busy={save.busy}
        invalidAttempt={invalidAttempt}
        class="stack"
        aria-label={t('author.library.editTitle', { title: current.title })}
      >
        {save.error !== null && <Alert tone="error">{authorErrorMessage(i18n, save.error)}</Alert>}
        <MetadataFields value={meta} onChange={setMeta} problems={problems} />
        <FormActions>
          <Button type="submit" variant="primary" busy={save.busy}>
            {save.busy ? t('common.saving') : t('author.library.saveDetails')}
          </Button>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </FormActions>
      </Form>
      {(current.kind === 'video' || current.kind === 'audio') && (
        <CaptionsEditor item={current} onChanged={changed} />
      )}
    </div>
  );
}

/** What the item is: the image, the player, or a link to open the document or package. */
export function LibraryPreview({ item }: { readonly item: LibraryItem }) {
  const { t } = useI18n();
  const url = item.fileUrl;
  switch (item.kind) {
    case 'image':
      return url ? <img class="author-preview-image" src={url} alt="" loading="lazy" /> : null;
    case 'video':
      return url ? (
        <video
          class="author-preview-media"
          src={url}
          controls
          preload="metadata"
          aria-label={t('author.library.previewOf', { title: item.title })}
        >
          {item.captions.map((track) => (
            <track
              key={track.lang}
              kind="captions"
              srclang={track.lang}
              label={track.label}
              src={captionUrl(url, track.file.sha256)}
            />
          ))}
        </video>
      ) : null;
    case 'audio':
      return url ? (
        <audio
          class="author-preview-media"
          src={url}
          controls
          preload="metadata"
          aria-label={t('author.library.previewOf', { title: item.title })}
        />
      ) : null;
    case 'pdf':
    case 'epub':
    case 'captions':
      return url ? (
        <p>
          <a href={url} target="_blank" rel="noopener">
            {t('author.library.openFile')}
            <span class="sr-only"> {item.title}</span>
          </a>
        </p>
      ) : null;
    case 'h5p':
      // Its files are only playable through the H5P player, in a lesson.
      return null;
    case 'html5':
      return item.launchUrl ? (
        <p>
          <a href={item.launchUrl} target="_blank" rel="noopener noreferrer">
            {t('author.library.openPackage')}
            <span class="sr-only"> {item.title}</span>
          </a>
        </p>
      ) : null;
  }
}

/** A caption file's address, next to the item's own blob address (same tenant prefix). */
function captionUrl(fileUrl: string, sha256: string): string {
  const base = fileUrl.split('/blobs/')[0] ?? '';
  return `${base}/blobs/${sha256}`;
}
