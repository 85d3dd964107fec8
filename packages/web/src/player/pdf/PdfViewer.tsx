import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
// oxlint-disable-next-line import/default -- Vite's `?url` imports default-export the file's URL.
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { announce } from '../../router/focus.js';
import { Alert, Button, Spinner } from '../../ui/index.js';
import type { ViewerProps } from '../viewer-types.js';
import { clampPage, nextZoom, outputScale } from './pdf-view.js';

// The legacy build of pdf.js runs on the older Android browsers learners have; its worker parses the
// file off the main thread. Both arrive only with the first PDF lesson.
pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly doc: PDFDocumentProxy }
  | { readonly status: 'error' };

/** A PDF drawn page by page on a canvas (no text layer), with page navigation and zoom. */
export default function PdfViewer({ lesson, blobUrl, report }: ViewerProps<'pdf'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [page, setPage] = useState(1);
  const [pageText, setPageText] = useState('1');
  const [zoom, setZoom] = useState(1);
  const [width, setWidth] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const opened = useRef(false);
  const pageInputId = useId();
  const url = blobUrl(lesson.file);

  useEffect(() => {
    setLoaded({ status: 'loading' });
    const task = pdfjs.getDocument({ url, isEvalSupported: false, enableXfa: false });
    task.promise.then(
      (doc) => setLoaded({ status: 'ready', doc }),
      () => setLoaded({ status: 'error' }),
    );
    return () => void task.destroy();
  }, [url, attempt]);

  useEffect(() => {
    const box = frame.current;
    if (!box) return;
    setWidth(box.clientWidth);
    // Rotating a phone changes the width that "fit to width" means.
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    return () => observer.disconnect();
  }, [loaded.status]);

  useEffect(() => {
    if (loaded.status !== 'ready' || width === 0) return;
    let task: RenderTask | null = null;
    let live = true;
    void loaded.doc.getPage(page).then((pdfPage) => {
      const target = canvas.current;
      const context = target?.getContext('2d');
      if (!live || !target || !context) return;
      const natural = pdfPage.getViewport({ scale: 1 });
      const viewport = pdfPage.getViewport({ scale: (width / natural.width) * zoom });
      const scale = outputScale(viewport.width, viewport.height, window.devicePixelRatio || 1);
      target.width = Math.floor(viewport.width * scale);
      target.height = Math.floor(viewport.height * scale);
      target.style.width = `${Math.floor(viewport.width)}px`;
      target.style.height = `${Math.floor(viewport.height)}px`;
      task = pdfPage.render({
        canvas: target,
        canvasContext: context,
        viewport,
        transform: scale === 1 ? undefined : [scale, 0, 0, scale, 0, 0],
      });
      task.promise.then(
        () => {
          if (opened.current) return;
          opened.current = true;
          report('completed');
        },
        () => undefined,
      );
    });
    return () => {
      live = false;
      task?.cancel();
    };
  }, [loaded, page, zoom, width]);

  const pageCount = loaded.status === 'ready' ? loaded.doc.numPages : 0;
  const goTo = (next: number) => {
    const clamped = Math.min(Math.max(1, next), Math.max(1, pageCount));
    setPage(clamped);
    setPageText(String(clamped));
    if (clamped !== page) announce(t('player.pageOf', { page: clamped, pages: pageCount }));
  };

  if (loaded.status === 'error') {
    return (
      <Alert tone="error" title={t('player.pdfFailed')}>
        <Button onClick={() => setAttempt((n) => n + 1)}>{t('common.retry')}</Button>{' '}
        <a href={`${url}?download=1`}>{t('player.download')}</a>
      </Alert>
    );
  }
  return (
    <div class="pdf-lesson">
      <div class="reader-toolbar" role="toolbar" aria-label={t('player.pdfTools')}>
        <div class="reader-toolbar__group">
          <Button onClick={() => goTo(page - 1)} aria-disabled={page <= 1 ? 'true' : undefined}>
            {t('player.previousPage')}
          </Button>
          <form
            class="reader-toolbar__page"
            onSubmit={(event) => {
              event.preventDefault();
              const wanted = clampPage(pageText, pageCount);
              if (wanted === null) setPageText(String(page));
              else goTo(wanted);
            }}
          >
            <label for={pageInputId}>{t('player.page')}</label>
            <input
              id={pageInputId}
              class="reader-toolbar__number"
              type="text"
              inputMode="numeric"
              value={pageText}
              onInput={(event) => setPageText(event.currentTarget.value)}
              onBlur={() => {
                const wanted = clampPage(pageText, pageCount);
                if (wanted === null) setPageText(String(page));
                else goTo(wanted);
              }}
            />
            <span>{t('player.ofPages', { pages: pageCount })}</span>
          </form>
          <Button onClick={() => goTo(page + 1)} aria-disabled={page >= pageCount ? 'true' : undefined}>
            {t('player.nextPage')}
          </Button>
        </div>
        <div class="reader-toolbar__group">
          <Button onClick={() => setZoom((z) => nextZoom(z, -1))} aria-label={t('player.zoomOut')}>
            −
          </Button>
          <span class="reader-toolbar__zoom" aria-live="polite">
            {i18n.formatPercent(zoom * 100)}
          </span>
          <Button onClick={() => setZoom((z) => nextZoom(z, 1))} aria-label={t('player.zoomIn')}>
            +
          </Button>
          <Button variant="quiet" onClick={() => setZoom(1)}>
            {t('player.fitWidth')}
          </Button>
        </div>
      </div>
      <div
        ref={frame}
        class="pdf-lesson__page"
        role="region"
        tabIndex={0}
        aria-label={t('player.pageOf', { page, pages: pageCount })}
      >
        {loaded.status === 'loading' && <Spinner block label={t('player.loadingLesson')} />}
        <canvas
          ref={canvas}
          class="pdf-lesson__canvas"
          role="img"
          aria-label={t('player.pageOf', { page, pages: pageCount })}
        />
      </div>
      <p class="pdf-lesson__download">
        <a href={`${url}?download=1`}>{t('player.download')}</a>
      </p>
    </div>
  );
}
