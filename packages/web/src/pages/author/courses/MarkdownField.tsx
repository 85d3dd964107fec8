import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.js';
import { textDirection } from '../../../i18n/locales.js';
import { Alert, Button, Spinner } from '../../../ui/index.js';
import { TextArea } from '../parts/TextArea.js';
import { previewDocument, renderMarkdown } from './markdown-preview.js';

export interface MarkdownFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  /** The course's language: the preview is laid out in it (right to left for Arabic). */
  readonly lang: string;
  readonly error?: string | null;
}

/** The text of a markdown lesson, with a preview of what learners will see. */
export function MarkdownField({ label, value, onValue, lang, error }: MarkdownFieldProps) {
  const { t } = useI18n();
  const [previewing, setPreviewing] = useState(false);
  return (
    <div class="stack">
      <TextArea
        label={label}
        description={t('author.lesson.markdownHint')}
        rows={12}
        maxLength={200_000}
        value={value}
        onValue={onValue}
        error={error}
        dir="auto"
        spellcheck
      />
      <Button aria-expanded={previewing ? 'true' : 'false'} onClick={() => setPreviewing(!previewing)}>
        {previewing ? t('author.lesson.hidePreview') : t('author.lesson.showPreview')}
      </Button>
      {previewing && <MarkdownPreview source={value} lang={lang} />}
    </div>
  );
}

function MarkdownPreview({ source, lang }: { readonly source: string; readonly lang: string }) {
  const { t } = useI18n();
  const [html, setHtml] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    let live = true;
    // Re-rendered a moment after typing stops, not on every key.
    const timer = window.setTimeout(() => {
      renderMarkdown(source).then(
        (rendered) => live && setHtml(rendered),
        () => live && setFailed(true),
      );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [source]);
  const fit = () => {
    const body = frame.current?.contentDocument?.body;
    if (frame.current && body) frame.current.style.blockSize = `${Math.min(body.scrollHeight + 24, 2000)}px`;
  };
  if (failed) return <Alert tone="error">{t('author.lesson.previewFailed')}</Alert>;
  if (html === null) return <Spinner />;
  return (
    <iframe
      ref={frame}
      class="author-preview-frame"
      title={t('author.lesson.preview')}
      // Same origin only so the frame's height can be measured; without allow-scripts nothing in it runs.
      sandbox="allow-same-origin"
      srcdoc={previewDocument(html, lang, textDirection(lang))}
      onLoad={fit}
    />
  );
}
