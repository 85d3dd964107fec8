import type { Cmi5Launch, Cmi5SessionStatus } from '@satchel/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Alert, Button, Spinner } from '../../ui/index.js';
import type { ViewerProps } from '../viewer-types.js';

/** How often the page asks whether the AU's session has met its moveOn rule. */
const POLL_MS = 3000;

/**
 * A cmi5 assignable unit. The server writes the launch data and the "launched" statement and hands
 * back the launch URL with the cmi5 parameters (endpoint, one-time fetch URL, actor, registration,
 * activityId). AnyWindow AUs open in a frame sandboxed without allow-same-origin; OwnWindow AUs in
 * a window of their own. The AU talks to the LRS itself with its session token; this page only
 * watches the session so the lesson shows as complete once the LMS has judged it satisfied.
 */
export default function Cmi5Viewer({ lesson, course, report }: ViewerProps<'cmi5'>) {
  const t = useT();
  const api = useApi();
  const [launch, setLaunch] = useState<Cmi5Launch | null>(null);
  const [failed, setFailed] = useState(false);
  const [opened, setOpened] = useState(false);
  const done = useRef(false);

  useEffect(() => {
    let live = true;
    api.post<Cmi5Launch>('/cmi5/launches', { versionId: course.versionId, lessonId: lesson.id }).then(
      (value) => live && setLaunch(value),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [lesson.id]);

  useEffect(() => {
    if (!launch) return;
    const session = encodeURIComponent(launch.sessionId);
    const check = () => {
      api.get<Cmi5SessionStatus>(`/cmi5/sessions/${session}`).then(
        (status) => {
          if (status.satisfied && !done.current) {
            done.current = true;
            report('completed');
          }
        },
        () => undefined,
      );
    };
    const timer = window.setInterval(check, POLL_MS);
    return () => {
      window.clearInterval(timer);
      check();
      // Leaving the lesson ends the session; without a "terminated" the LMS records "abandoned".
      void api.post(`/cmi5/sessions/${session}/leave`, {}).catch(() => undefined);
    };
  }, [launch?.sessionId]);

  if (failed) return <Alert tone="error" title={t('player.cmi5Failed')} />;
  if (!launch) return <Spinner block label={t('player.cmi5Launching')} />;
  if (launch.launchMethod === 'OwnWindow') {
    return (
      <div class="link-lesson">
        <p>{opened ? t('player.cmi5Opened') : t('player.cmi5OwnWindow')}</p>
        <Button
          onClick={() => {
            window.open(launch.launchUrl, '_blank', 'noopener');
            setOpened(true);
          }}
        >
          {t('player.cmi5Open')}
        </Button>
      </div>
    );
  }
  return (
    <div class="html5-lesson">
      <iframe
        class="html5-lesson__frame"
        src={launch.launchUrl}
        title={t('player.cmi5Frame', { title: lesson.title })}
        sandbox="allow-scripts allow-forms allow-popups"
        allow="fullscreen"
        referrerpolicy="no-referrer"
      />
    </div>
  );
}
