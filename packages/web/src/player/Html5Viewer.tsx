import { useEffect, useRef, useState } from 'preact/hooks';
import { useApi } from '../app/context.js';
import { useT } from '../i18n/i18n.js';
import type { ViewerProps } from './viewer-types.js';

/** What an HTML5 package posts to its parent when the learner has finished it. */
export function isCompletionMessage(data: unknown): boolean {
  return (
    typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'satchel:complete'
  );
}

/**
 * An HTML5 package (an interactive exercise, a simulation). It runs its own scripts, so it lives in a
 * sandboxed frame without allow-same-origin: a unique origin with no cookies, no access to the
 * platform's API and none to this page. Opening it counts as taking it (the launch statement); the
 * package may also say it is finished by posting `{ type: 'satchel:complete' }`.
 */
export default function Html5Viewer({ lesson, course, report }: ViewerProps<'html5'>) {
  const t = useT();
  const api = useApi();
  const frame = useRef<HTMLIFrameElement>(null);
  const src = api.url(`/packages/${encodeURIComponent(course.versionId)}/${encodeURIComponent(lesson.id)}/`);
  // Offline, a downloaded package is written into the frame (src/offline/downloads/inline-package.ts):
  // no service worker may answer for a sandboxed frame, so its own URLs cannot load.
  const [offline] = useState(() => !navigator.onLine);
  const [srcdoc, setSrcdoc] = useState<string | null>(null);
  useEffect(() => {
    if (!offline) return;
    let made: readonly string[] = [];
    let live = true;
    void import('../offline/downloads/inline-package.js')
      .then((module) => module.inlinePackage(src))
      .then((inlined) => {
        made = inlined.urls;
        if (live) setSrcdoc(inlined.html);
        else inlined.urls.forEach((url) => URL.revokeObjectURL(url));
      })
      .catch(() => live && setSrcdoc(''));
    return () => {
      live = false;
      made.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [offline, src]);

  useEffect(() => {
    let completed = false;
    const listen = (event: MessageEvent) => {
      // Any window can post messages here; only the package's own frame may complete the lesson.
      if (event.source === null || event.source !== frame.current?.contentWindow) return;
      if (!isCompletionMessage(event.data) || completed) return;
      completed = true;
      report('completed');
    };
    window.addEventListener('message', listen);
    return () => window.removeEventListener('message', listen);
  }, [lesson.id]);

  return (
    <div class="html5-lesson">
      <iframe
        ref={frame}
        class="html5-lesson__frame"
        src={offline ? undefined : src}
        srcdoc={offline ? (srcdoc ?? undefined) : undefined}
        title={t('player.html5Frame', { title: lesson.title })}
        sandbox="allow-scripts allow-forms"
        allow="fullscreen"
        referrerpolicy="no-referrer"
      />
    </div>
  );
}
