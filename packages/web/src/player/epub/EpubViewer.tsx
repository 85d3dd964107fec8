import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { announce } from '../../router/focus.js';
import { Alert, Button, Spinner } from '../../ui/index.js';
import type { ViewerProps } from '../viewer-types.js';
import { BookResources, chapterDocument } from './epub-render.js';
import { fragmentOf, openEpub, resolveHref, type OpenedEpub } from './epub.js';
import { safeLinkUrl } from '../safe-url.js';

type Book =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly epub: OpenedEpub; readonly resources: BookResources }
  | { readonly status: 'error' };

/**
 * An EPUB read chapter by chapter. Each chapter is shown in a sandboxed frame that may not run
 * scripts; the frame shares this page's origin only so the reader can follow the book's links (to
 * another chapter, or out to the web in a new tab) and size the frame to its text.
 */
export default function EpubViewer({ lesson, blobUrl, report }: ViewerProps<'epub'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [book, setBook] = useState<Book>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [chapter, setChapter] = useState(0);
  const fragment = useRef('');
  const frame = useRef<HTMLIFrameElement>(null);
  const opened = useRef(false);
  const turned = useRef(false);
  const tocId = useId();
  const url = blobUrl(lesson.file);

  useEffect(() => {
    const controller = new AbortController();
    let resources: BookResources | null = null;
    setBook({ status: 'loading' });
    fetch(url, { credentials: 'same-origin', signal: controller.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.arrayBuffer();
      })
      .then((buffer) => {
        const epub = openEpub(new Uint8Array(buffer));
        resources = new BookResources(epub);
        setBook({ status: 'ready', epub, resources });
      })
      .catch(() => {
        if (!controller.signal.aborted) setBook({ status: 'error' });
      });
    return () => {
      controller.abort();
      resources?.revokeAll();
    };
  }, [url, attempt]);

  const chapters = book.status === 'ready' ? book.epub.book.chapters : [];
  const current = chapters[chapter];

  useEffect(() => {
    const element = frame.current;
    if (book.status !== 'ready' || !element || !current) return;
    element.srcdoc = chapterDocument(book.epub.book, book.resources, current.path);
  }, [book, current?.path]);

  const goTo = (index: number, hash = '') => {
    if (index < 0 || index >= chapters.length) return;
    fragment.current = hash;
    turned.current = true;
    setChapter(index);
    if (index !== chapter) announce(t('player.chapterOf', { chapter: index + 1, chapters: chapters.length }));
  };

  const onFrameLoad = () => {
    const element = frame.current;
    const doc = element?.contentDocument;
    if (!element || !doc || book.status !== 'ready' || !current) return;
    const fit = () => {
      element.style.height = `${Math.max(320, doc.documentElement.scrollHeight)}px`;
    };
    fit();
    doc.addEventListener('load', fit, true);
    doc.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href]');
      const href = link?.getAttribute('href');
      if (!href) return;
      event.preventDefault();
      const inside = resolveHref(current.path, href);
      if (inside !== null) {
        const index = chapters.findIndex((c) => c.path === inside);
        const hash = fragmentOf(href);
        if (index === chapter) doc.getElementById(hash)?.scrollIntoView();
        else if (index >= 0) goTo(index, hash);
        return;
      }
      const out = safeLinkUrl(href);
      if (out?.kind === 'external') window.open(out.url, '_blank', 'noopener,noreferrer');
    });
    const target = fragment.current ? doc.getElementById(fragment.current) : null;
    if (target) target.scrollIntoView();
    // A new chapter starts at its top, wherever the page was scrolled to reach the buttons.
    else if (turned.current) element.scrollIntoView({ block: 'start' });
    turned.current = false;
    if (!opened.current) {
      opened.current = true;
      report('completed');
    }
  };

  if (book.status === 'error') {
    return (
      <Alert tone="error" title={t('player.epubFailed')}>
        <Button onClick={() => setAttempt((n) => n + 1)}>{t('common.retry')}</Button>
      </Alert>
    );
  }
  if (book.status === 'loading') return <Spinner block label={t('player.loadingLesson')} />;
  const { book: info } = book.epub;
  const tocIndex = (path: string) => chapters.findIndex((c) => c.path === path);
  const toc = info.toc.filter((entry) => tocIndex(entry.path) >= 0);
  const navigation = (
    <div class="reader-toolbar" dir={info.direction}>
      <Button onClick={() => goTo(chapter - 1)} aria-disabled={chapter <= 0 ? 'true' : undefined}>
        {t('player.previousChapter')}
      </Button>
      <span class="reader-toolbar__where">
        {t('player.chapterOf', { chapter: chapter + 1, chapters: chapters.length })}
      </span>
      <Button
        onClick={() => goTo(chapter + 1)}
        aria-disabled={chapter >= chapters.length - 1 ? 'true' : undefined}
      >
        {t('player.nextChapter')}
      </Button>
    </div>
  );
  return (
    <div class="epub-lesson">
      {toc.length > 1 && (
        <div class="media-tool epub-lesson__toc">
          <label for={tocId}>{t('player.contents')}</label>
          <select
            id={tocId}
            class="media-tool__select"
            value={String(toc.findIndex((entry) => tocIndex(entry.path) === chapter))}
            onChange={(event) => {
              const entry = toc[Number(event.currentTarget.value)];
              if (entry) goTo(tocIndex(entry.path));
            }}
            lang={info.language || undefined}
          >
            {toc.findIndex((entry) => tocIndex(entry.path) === chapter) < 0 && <option value="-1">…</option>}
            {toc.map((entry, index) => (
              <option key={`${entry.path}-${index}`} value={String(index)}>
                {entry.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {navigation}
      <iframe
        ref={frame}
        class="epub-lesson__frame"
        title={t('player.epubFrame', {
          title: info.title || lesson.title,
          chapter: chapter + 1,
          chapters: chapters.length,
        })}
        sandbox="allow-same-origin"
        onLoad={onFrameLoad}
      />
      {navigation}
    </div>
  );
}
