import { useState } from 'preact/hooks';
import type { LibraryItem, LibraryItemDetail } from '@satchel/core';
import { useApi, useTenant } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { endonym } from '../../../i18n/locales.js';
import {
  Alert,
  Button,
  Form,
  FormActions,
  Select,
  TextField,
  showToast,
  useAsyncAction,
} from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';
import { FileField } from '../../../ui/index.js';
import { languageOptions } from '../parts/languages.js';

export interface CaptionsEditorProps {
  readonly item: LibraryItem;
  readonly onChanged: (item: LibraryItemDetail) => void;
}

/** The WebVTT caption tracks of a video or audio item: one per language, added or removed here. */
export function CaptionsEditor({ item, onChanged }: CaptionsEditorProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const tenant = useTenant();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [lang, setLang] = useState(tenant.locales[0] ?? 'en');
  const [label, setLabel] = useState('');
  const [problems, setProblems] = useState<{ file?: string; label?: string }>({});
  const [invalidAttempt, setInvalidAttempt] = useState(0);

  const add = useAsyncAction(async () => {
    const found: typeof problems = {};
    if (!file) found.file = t('author.library.fileRequired');
    const trimmed = label.trim() || endonym(lang);
    if (trimmed.length > 100) found.label = t('author.problem.tooLong');
    setProblems(found);
    if (!file || Object.keys(found).length > 0) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    const updated = await authorApi.addCaptions(api, item.id, file, lang, trimmed);
    onChanged(updated);
    setFile(null);
    setFileKey((key) => key + 1);
    setLabel('');
    showToast(t('author.captions.added', { label: trimmed }), 'success');
  });

  const remove = useAsyncAction(async (captionLang: string, captionLabel: string) => {
    onChanged(await authorApi.removeCaptions(api, item.id, captionLang));
    showToast(t('author.captions.removed', { label: captionLabel }), 'success');
  });

  return (
    <section class="stack" aria-labelledby={`captions-${item.id}`}>
      <h4 id={`captions-${item.id}`}>{t('author.captions.title')}</h4>
      {remove.error !== null && <Alert tone="error">{authorErrorMessage(i18n, remove.error)}</Alert>}
      {item.captions.length === 0 ? (
        <p>{t('author.captions.none')}</p>
      ) : (
        <ul class="author-plain-list">
          {item.captions.map((track) => (
            <li key={track.lang} class="author-row">
              <span>
                <span dir="auto">{track.label}</span> <span class="author-muted">({track.lang})</span>
              </span>
              <Button
                variant="quiet"
                busy={remove.busy}
                onClick={() => void remove.run(track.lang, track.label)}
              >
                {t('author.captions.remove')}
                <span class="sr-only"> {track.label}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Form
        onSubmit={add.run}
        busy={add.busy}
        invalidAttempt={invalidAttempt}
        class="stack"
        aria-label={t('author.captions.add')}
      >
        {add.error !== null && <Alert tone="error">{authorErrorMessage(i18n, add.error)}</Alert>}
        <FileField
          key={fileKey}
          label={t('author.captions.file')}
          description={t('author.captions.fileHint')}
          accept=".vtt,text/vtt"
          onFile={setFile}
          error={problems.file}
        />
        <Select
          label={t('author.captions.language')}
          value={lang}
          onValue={setLang}
          options={languageOptions(tenant.locales, lang)}
        />
        <TextField
          label={t('author.captions.label')}
          description={t('author.captions.labelHint')}
          optional
          maxLength={100}
          value={label}
          onValue={setLabel}
          error={problems.label}
        />
        <FormActions>
          <Button type="submit" busy={add.busy}>
            {t('author.captions.add')}
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
