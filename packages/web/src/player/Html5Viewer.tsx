import { useEffect, useRef } from 'preact/hooks';
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
        src={src}
        title={t('player.html5Frame', { title: lesson.title })}
        sandbox="allow-scripts allow-forms"
        allow="fullscreen"
        referrerpolicy="no-referrer"
      />
    </div>
  );
}
