import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
// oxlint-disable-next-line import/default -- Vite's `?url` imports default-export the file's URL.
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'preact/hooks';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** One page of a PDF of slides, fitted to the projector's screen; the console turns the pages. */
export default function PdfSlide({ url, page }: { readonly url: string; readonly page: number }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const task = pdfjs.getDocument({ url, isEvalSupported: false, enableXfa: false });
    task.promise.then(setDoc, () => setDoc(null));
    return () => void task.destroy();
  }, [url]);

  useEffect(() => {
    if (!doc) return;
    let live = true;
    let render: RenderTask | null = null;
    void doc.getPage(Math.min(doc.numPages, Math.max(1, page))).then((pdfPage) => {
      const target = canvas.current;
      const context = target?.getContext('2d');
      if (!live || !target || !context) return;
      const natural = pdfPage.getViewport({ scale: 1 });
      const box = target.parentElement?.getBoundingClientRect();
      const scale = Math.min((box?.width ?? 1280) / natural.width, (box?.height ?? 720) / natural.height);
      const viewport = pdfPage.getViewport({ scale });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      render = pdfPage.render({ canvas: target, canvasContext: context, viewport });
      render.promise.catch(() => undefined);
    });
    return () => {
      live = false;
      render?.cancel();
    };
  }, [doc, page]);

  return <canvas ref={canvas} class="stage__slide" />;
}
