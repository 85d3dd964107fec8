import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApi, useTenant, useUser } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Alert } from '../../ui/index.js';
import { uuidv7 } from '../core-runtime.js';
import { statementRecorder } from '../record.js';
import type { LessonRef } from '../statements.js';
import type { ViewerProps } from '../viewer-types.js';
import { h5pLessonStatement, h5pStatementOf } from './h5p-statements.js';

const MIN_HEIGHT = 240;
const MAX_HEIGHT = 6000;

/**
 * An H5P lesson. h5p-standalone and the content's own libraries run in a frame sandboxed without
 * allow-same-origin (decision 0007): a unique origin with no cookies, no storage, no access to the
 * platform's API or to this page. The frame relays H5P's xAPI statements by postMessage; this page
 * rewrites each as the learner's statement about the lesson and records it like any other.
 */
export default function H5pViewer({ lesson, course, report }: ViewerProps<'h5p'>) {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const tenant = useTenant();
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(480);
  const [failed, setFailed] = useState(false);
  // One registration per opening: the statements of one go at the exercise belong together.
  const registration = useMemo(() => uuidv7(), [lesson.id]);

  // A path on this server, like the player's own (the frame resolves it against its URL).
  const content = api.url(
    `/packages/${encodeURIComponent(course.versionId)}/${encodeURIComponent(lesson.id)}`,
  );
  const src = `/h5p-player/player.html#${new URLSearchParams({ content, lang: course.language }).toString()}`;

  useEffect(() => {
    const ref: LessonRef = {
      userId: user.id,
      courseId: course.courseId,
      versionId: course.versionId,
      lessonId: lesson.id,
      lessonTitle: lesson.title,
      language: course.language,
    };
    let completed = false;
    const listen = (event: MessageEvent) => {
      // Any window can post here; only this lesson's frame speaks for it.
      if (event.source === null || event.source !== frame.current?.contentWindow) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null) return;
      const type = (data as { type?: unknown }).type;
      if (type === 'satchel:h5p-height') {
        const value = Number((data as { height?: unknown }).height);
        if (Number.isFinite(value)) setHeight(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(value))));
        return;
      }
      if (type === 'satchel:h5p-error') {
        setFailed(true);
        return;
      }
      const raw = h5pStatementOf(data);
      if (!raw) return;
      const statement = h5pLessonStatement(raw, ref, registration, {
        id: uuidv7(),
        timestamp: new Date().toISOString(),
      });
      if (!statement) return;
      void statementRecorder(tenant.slug).recordStatement(statement);
      const done = statement.result?.completion === true || statement.result?.success === true;
      if (done && !completed) {
        completed = true;
        report('completed');
      }
    };
    window.addEventListener('message', listen);
    return () => window.removeEventListener('message', listen);
  }, [lesson.id, registration]);

  return (
    <div class="html5-lesson h5p-lesson">
      {failed && <Alert tone="error" title={t('player.h5pFailed')} />}
      <iframe
        ref={frame}
        class="html5-lesson__frame h5p-lesson__frame"
        style={{ height: `${height}px` }}
        src={src}
        title={t('player.h5pFrame', { title: lesson.title })}
        sandbox="allow-scripts allow-forms"
        referrerpolicy="no-referrer"
      />
    </div>
  );
}
