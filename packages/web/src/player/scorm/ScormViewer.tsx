import type { ScormItem, ScormLaunchResponse, ScormStoredState } from '@satchel/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApi, useTenant, useUser } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Alert, Button, Spinner } from '../../ui/index.js';
import { uuidv7 } from '../core-runtime.js';
import type { ViewerProps } from '../viewer-types.js';
import { launchCmi, snapshotFromCmi } from '../../../../core/src/scorm/scorm-cmi.js';
import {
  flowNeighbour,
  launchableItems,
  lessonOutcome,
  parseNavRequest,
  startItem,
} from '../../../../core/src/scorm/scorm-nav.js';
import { sendScormCommit } from './scorm-commits.js';
import './scorm.css';

/** The last launch state seen on this device, so a lesson opened offline still resumes. */
const cacheKey = (slug: string, userId: string, lessonId: string): string =>
  `satchel:${slug}:${userId}:scorm:${lessonId}`;

function readCache(key: string): ScormLaunchResponse | null {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as ScormLaunchResponse) : null;
  } catch {
    return null;
  }
}

function writeCache(key: string, value: ScormLaunchResponse): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or disabled storage only costs resuming offline.
  }
}

/** What the run-time in the SCO's frame posts (server/src/scorm/scorm-runtime.ts). */
interface RuntimeMessage {
  type: 'satchel-scorm';
  token: string;
  event: 'initialize' | 'commit' | 'terminate';
  cmi: unknown;
  nav: string;
}

function isRuntimeMessage(data: unknown, token: string): data is RuntimeMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<RuntimeMessage>;
  return (
    m.type === 'satchel-scorm' &&
    m.token === token &&
    (m.event === 'initialize' || m.event === 'commit' || m.event === 'terminate')
  );
}

interface Session {
  item: ScormItem;
  id: string;
  token: string;
}

const newSession = (item: ScormItem): Session => ({ item, id: uuidv7(), token: uuidv7() });

/**
 * A SCORM package: a table of contents (when the package allows choosing), previous/next (when it
 * allows flow) and the current item in a sandboxed frame without allow-same-origin. The SCO's launch
 * page carries the SCORM run-time (scorm-again, added by the server), which starts from the data given
 * in the frame's name and posts each Initialize/Commit/Terminate here; this page queues them for the
 * server, which keeps the state for resuming and records xAPI statements.
 */
export default function ScormViewer({ lesson, course, report }: ViewerProps<'scorm'>) {
  const t = useT();
  const api = useApi();
  const tenant = useTenant();
  const user = useUser();
  const cached = cacheKey(tenant.slug, user.id, lesson.id);
  const info = lesson.scorm;
  const [launch, setLaunch] = useState<ScormLaunchResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const [states, setStates] = useState<ReadonlyMap<string, ScormStoredState>>(new Map());
  const [session, setSession] = useState<Session | null>(null);
  const attemptId = useRef<string>('');
  const seq = useRef(0);
  const reported = useRef(false);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    let live = true;
    api
      .get<ScormLaunchResponse>(
        `/courses/${encodeURIComponent(course.courseId)}/lessons/${encodeURIComponent(lesson.id)}/scorm`,
        { query: { versionId: course.versionId } },
      )
      .then(
        (data) => data,
        // Offline (or the server unreachable): resume from what this device last saw.
        (error: unknown) => {
          const local = readCache(cached);
          if (!local) throw error;
          return local;
        },
      )
      .then(
        (data) => {
          if (!live) return;
          const known = new Map(Object.entries(data.states));
          attemptId.current = data.attemptId ?? uuidv7();
          reported.current = lessonOutcome(info, known).completed;
          setStates(known);
          setLaunch({ ...data, attemptId: attemptId.current });
          const first = startItem(info, known, data.lastItemId);
          if (first) setSession(newSession(first));
        },
        () => live && setFailed(true),
      );
    return () => {
      live = false;
    };
  }, [lesson.id, course.versionId]);

  const open = (item: ScormItem | null): void => {
    if (!item || item.href === null) return;
    seq.current = 0;
    setSession(newSession(item));
  };

  const commit = (item: ScormItem, sessionId: string, event: RuntimeMessage['event'], cmi: unknown): void => {
    const snapshot = snapshotFromCmi(info.version, cmi);
    seq.current += 1;
    void sendScormCommit(tenant.slug, {
      courseId: course.courseId,
      lessonId: lesson.id,
      request: {
        attemptId: attemptId.current,
        versionId: course.versionId,
        itemId: item.id,
        sessionId,
        seq: seq.current,
        event,
        at: new Date().toISOString(),
        snapshot,
      },
    });
    setStates((current) => {
      const before = current.get(item.id);
      const next = new Map(current);
      next.set(item.id, { ...snapshot, totalSeconds: (before?.totalSeconds ?? 0) + snapshot.sessionSeconds });
      if (launch) {
        writeCache(cached, { ...launch, lastItemId: item.id, states: Object.fromEntries(next) });
      }
      if (!reported.current && lessonOutcome(info, next).completed) {
        reported.current = true;
        report('completed');
      }
      return next;
    });
  };

  useEffect(() => {
    if (!session) return;
    const { item, id, token } = session;
    const listen = (event: MessageEvent): void => {
      // Only the frame of the current session may speak, and only with its token.
      if (event.source === null || event.source !== frame.current?.contentWindow) return;
      if (!isRuntimeMessage(event.data, token)) return;
      commit(item, id, event.data.event, event.data.cmi);
      if (event.data.event !== 'terminate') return;
      const nav = parseNavRequest(event.data.nav);
      if (nav.kind === 'continue') open(flowNeighbour(info, item.id, 1));
      else if (nav.kind === 'previous') open(flowNeighbour(info, item.id, -1));
      else if (nav.kind === 'choice') open(info.items.find((i) => i.id === nav.target) ?? null);
    };
    window.addEventListener('message', listen);
    return () => window.removeEventListener('message', listen);
  }, [session]);

  const frameName = useMemo(() => {
    if (!session || !launch) return '';
    const seed = {
      edition: info.version === '1.2' ? '1.2' : '2004',
      token: session.token,
      origin: window.location.origin,
      cmi: launchCmi(info.version, session.item, states.get(session.item.id) ?? null, launch.learner),
    };
    return `satchel-scorm:${JSON.stringify(seed)}`;
    // The seed is what the session starts from; later commits must not reload the frame.
  }, [session, launch]);

  if (failed) return <Alert tone="error" title={t('player.scormFailed')} />;
  if (!launch) return <Spinner block label={t('player.loadingLesson')} />;

  const launchable = launchableItems(info);
  const current = session?.item ?? null;
  const previous = current ? flowNeighbour(info, current.id, -1) : null;
  const next = current ? flowNeighbour(info, current.id, 1) : null;
  const finished = lessonOutcome(info, states).completed;
  const src =
    current && current.href !== null
      ? api.url(
          `/scorm/${encodeURIComponent(course.versionId)}/${encodeURIComponent(lesson.id)}/${current.href}`,
        )
      : '';

  return (
    <div class="scorm-lesson">
      {info.choice && launchable.length > 1 && (
        <nav class="scorm-lesson__contents" aria-label={t('player.scormContents')}>
          <ol>
            {info.items
              .filter((item) => item.visible)
              .map((item) => (
                <li key={item.id} style={{ paddingInlineStart: `${item.depth}rem` }}>
                  {item.href === null ? (
                    <span lang={course.language} dir="auto">
                      {item.title}
                    </span>
                  ) : (
                    <button
                      type="button"
                      class="scorm-lesson__item"
                      aria-current={current?.id === item.id ? 'step' : undefined}
                      onClick={() => open(item)}
                    >
                      <span lang={course.language} dir="auto">
                        {item.title}
                      </span>
                      {states.get(item.id)?.completion === 'completed' && (
                        <span class="badge badge--completed">{t('player.scormDone')}</span>
                      )}
                    </button>
                  )}
                </li>
              ))}
          </ol>
        </nav>
      )}
      {finished && <p class="scorm-lesson__finished">{t('player.scormFinished')}</p>}
      {session && src && (
        <AssetOrSco
          key={session.id}
          src={src}
          name={current?.type === 'sco' ? frameName : ''}
          title={t('player.scormFrame', { title: current?.title ?? lesson.title })}
          frameRef={frame}
          onAssetShown={
            current?.type === 'asset'
              ? () => {
                  commit(current, session.id, 'initialize', {
                    completion_status: 'completed',
                    core: { lesson_status: 'completed' },
                  });
                }
              : undefined
          }
        />
      )}
      {info.flow && launchable.length > 1 && (
        <div class="scorm-lesson__flow">
          <Button disabled={!previous} onClick={() => open(previous)}>
            {t('player.scormPrevious')}
          </Button>
          <Button disabled={!next} onClick={() => open(next)}>
            {t('player.scormNext')}
          </Button>
        </div>
      )}
    </div>
  );
}

interface FrameProps {
  src: string;
  name: string;
  title: string;
  frameRef: { current: HTMLIFrameElement | null };
  /** Assets have no run-time: being shown is all they ask. */
  onAssetShown?: (() => void) | undefined;
}

function AssetOrSco({ src, name, title, frameRef, onAssetShown }: FrameProps) {
  return (
    <iframe
      ref={frameRef}
      class="scorm-lesson__frame"
      src={src}
      name={name}
      title={title}
      sandbox="allow-scripts allow-forms allow-popups"
      allow="fullscreen"
      referrerpolicy="no-referrer"
      onLoad={onAssetShown}
    />
  );
}
