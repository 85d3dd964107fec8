import type { PlanDetail } from '@satchel/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { href } from '../../router/history.js';
import { paths } from '../../app/paths.js';
import { ApiError } from '../../api/errors.js';
import { useApi } from '../../app/context.js';
import { Alert, Button } from '../../ui/index.js';
import { cinemaApi } from './cinema-api.js';
import { errorText } from './problems.js';
import { StepCounts } from './CountsPanel.js';
import { shortcutFor, stageFrame, type ShortcutAction } from './run-frame.js';
import {
  goTo,
  resetTimer,
  setMoodCount,
  setOptionCount,
  toggleBlank,
  togglePause,
  toggleReveal,
  turnPage,
  type RunState,
} from './run-state.js';
import { Stage } from './Stage.js';

interface RunConsoleProps {
  readonly plan: PlanDetail;
  readonly run: RunState;
  readonly setRun: (update: (state: RunState | null) => RunState | null) => void;
  readonly blobUrl: (sha256: string) => string;
  /** A key pressed in the projector window, made unique per press. */
  readonly projectorKey: string | null;
  readonly onEnd: () => void;
}

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The facilitator's side of a running session: the step on screen, what comes next, the notes,
 * the counts to enter, and every control on a key. The projector view opens in its own window
 * for a second display, or fills this screen (F, Escape to come back).
 */
export function RunConsole({ plan, run, setRun, blobUrl, projectorKey, onEnd }: RunConsoleProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [here, setHere] = useState(false);
  const [help, setHelp] = useState(false);
  const stageBox = useRef<HTMLDivElement>(null);
  const api = useApi();
  const [remote, setRemote] = useState<string | null>(null);
  const [remoteError, setRemoteError] = useState<unknown>(null);
  const step = plan.steps[run.stepIndex];
  const rtl = i18n.dir === 'rtl';

  const act = (action: ShortcutAction) => {
    const now = Date.now();
    switch (action) {
      case 'next':
        setRun((state) => (state ? goTo(state, plan, state.stepIndex + 1) : state));
        break;
      case 'previous':
        setRun((state) => (state ? goTo(state, plan, state.stepIndex - 1) : state));
        break;
      case 'pause':
        setRun((state) => (state ? togglePause(state, plan, now) : state));
        break;
      case 'blank':
        setRun((state) => (state ? toggleBlank(state) : state));
        break;
      case 'reveal':
        setRun((state) => (state ? toggleReveal(state) : state));
        break;
      case 'nextPage':
        setRun((state) => (state ? turnPage(state, 1) : state));
        break;
      case 'previousPage':
        setRun((state) => (state ? turnPage(state, -1) : state));
        break;
      case 'projectorHere':
        setHere((value) => !value);
        break;
      case 'help':
        setHelp((value) => !value);
        break;
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && here) {
        setHere(false);
        return;
      }
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const action = shortcutFor(event.key, rtl);
      if (!action) return;
      event.preventDefault();
      act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const latestAct = useRef(act);
  latestAct.current = act;
  // While a phone remote is on, one long poll waits for its key presses; nothing else runs behind a film.
  useEffect(() => {
    if (!remote) return;
    const controller = new AbortController();
    void (async () => {
      let after = 0;
      while (!controller.signal.aborted) {
        try {
          const result = await cinemaApi.remoteCommands(api, remote, after, controller.signal);
          for (const command of result.commands) latestAct.current(command.key);
          after = result.latest;
        } catch (error) {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.code === 'live_run_not_found') {
            setRemote(null);
            setRemoteError(error);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 3000));
        }
      }
    })();
    return () => controller.abort();
  }, [remote, api]);

  const startRemote = async () => {
    try {
      setRemoteError(null);
      setRemote(await cinemaApi.openRemote(api));
    } catch (error) {
      setRemoteError(error);
    }
  };

  useEffect(() => {
    if (!projectorKey) return;
    const action = shortcutFor(projectorKey.split('\u0000')[0] ?? '', rtl);
    if (action && action !== 'projectorHere') act(action);
  }, [projectorKey]);

  useEffect(() => {
    if (here) void stageBox.current?.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, [here]);

  const openProjector = () => {
    // A second window for a second display: the operating system puts it on the projector when dragged
    // there, and it follows the console over a BroadcastChannel.
    window.open(href(paths.cinemaProjector), 'satchel-projector', 'popup,width=1280,height=720');
  };

  const frame = stageFrame(run, plan, blobUrl);
  const next = plan.steps[run.stepIndex + 1];

  return (
    <div class="cinema-console">
      <div class="cinema-console__main">
        <p class="cinema-console__position" aria-live="polite">
          {t('cinema.run.position', {
            number: run.stepIndex + 1,
            total: plan.steps.length,
            kind: step ? t(`cinema.step.kind.${step.kind}`) : '',
          })}
        </p>
        <div
          ref={stageBox}
          class={here ? 'cinema-stage-here' : 'cinema-preview'}
          aria-label={t('cinema.run.preview')}
          role="region"
        >
          <Stage
            frame={frame}
            onMediaEnded={() => setRun((state) => (state ? { ...state, playing: false } : state))}
          />
          {here && (
            <button type="button" class="cinema-stage-here__exit" onClick={() => setHere(false)}>
              {t('cinema.run.backToConsole')}
            </button>
          )}
        </div>
        <div class="cinema-controls" role="toolbar" aria-label={t('cinema.run.controls')}>
          <Button
            onClick={() => act('previous')}
            disabled={run.stepIndex === 0}
            aria-keyshortcuts="PageUp ArrowLeft"
          >
            {t('cinema.run.previous')}
          </Button>
          <Button onClick={() => act('pause')} aria-keyshortcuts="Space">
            {step?.kind === 'media'
              ? t(run.playing ? 'cinema.run.pauseFilm' : 'cinema.run.playFilm')
              : t(run.timer?.runningSince ? 'cinema.run.pauseTimer' : 'cinema.run.startTimer')}
          </Button>
          {run.timer && (
            <Button onClick={() => setRun((state) => (state ? resetTimer(state, plan) : state))}>
              {t('cinema.run.resetTimer')}
            </Button>
          )}
          {step?.kind === 'groupQuiz' && (
            <Button onClick={() => act('reveal')} aria-keyshortcuts="R" aria-pressed={run.revealed}>
              {t('cinema.run.reveal')}
            </Button>
          )}
          {frame.media?.kind === 'pdf' && (
            <>
              <Button onClick={() => act('previousPage')} aria-keyshortcuts="ArrowUp">
                {t('cinema.run.previousSlide')}
              </Button>
              <Button onClick={() => act('nextPage')} aria-keyshortcuts="ArrowDown">
                {t('cinema.run.nextSlide')}
              </Button>
            </>
          )}
          <Button onClick={() => act('blank')} aria-keyshortcuts="B" aria-pressed={run.blank}>
            {t('cinema.run.blank')}
          </Button>
          <Button
            variant="primary"
            onClick={() => act('next')}
            disabled={run.stepIndex >= plan.steps.length - 1}
            aria-keyshortcuts="PageDown ArrowRight"
          >
            {t('cinema.run.next')}
          </Button>
        </div>
        <div class="cinema-actions">
          <Button onClick={openProjector}>{t('cinema.run.openProjector')}</Button>
          <Button onClick={() => act('projectorHere')} aria-keyshortcuts="F">
            {t('cinema.run.projectorHere')}
          </Button>
          <Button
            onClick={() => (remote ? setRemote(null) : void startRemote())}
            aria-pressed={remote !== null}
          >
            {t(remote ? 'cinema.remote.stop' : 'cinema.remote.start')}
          </Button>
          <Button variant="quiet" onClick={() => act('help')} aria-expanded={help} aria-keyshortcuts="?">
            {t('cinema.run.shortcuts')}
          </Button>
          <Button variant="danger" onClick={onEnd}>
            {t('cinema.run.end')}
          </Button>
        </div>
        {remote && (
          <Alert tone="info" title={t('cinema.remote.open')}>
            <p class="cinema-remote-link">{`${window.location.origin}${href(paths.cinemaRemote(remote))}`}</p>
            <p>{t('cinema.remote.help')}</p>
          </Alert>
        )}
        {remoteError !== null && <Alert tone="error">{errorText(i18n, remoteError)}</Alert>}
        {help && (
          <dl class="cinema-shortcuts">
            <dt>PageDown, {rtl ? '←' : '→'}, N</dt>
            <dd>{t('cinema.run.next')}</dd>
            <dt>PageUp, {rtl ? '→' : '←'}, P</dt>
            <dd>{t('cinema.run.previous')}</dd>
            <dt>{t('cinema.run.spaceKey')}, K</dt>
            <dd>{t('cinema.run.pauseHelp')}</dd>
            <dt>B</dt>
            <dd>{t('cinema.run.blank')}</dd>
            <dt>R</dt>
            <dd>{t('cinema.run.reveal')}</dd>
            <dt>↑ ↓</dt>
            <dd>{t('cinema.run.slidesHelp')}</dd>
            <dt>F, Esc</dt>
            <dd>{t('cinema.run.projectorHere')}</dd>
          </dl>
        )}
      </div>
      <aside class="cinema-console__side" aria-label={t('cinema.run.facilitatorSide')}>
        {step && step.notes && (
          <section>
            <h2>{t('cinema.run.notes')}</h2>
            <p class="cinema-notes">{step.notes}</p>
          </section>
        )}
        {step && (
          <StepCounts
            step={step}
            state={run}
            onOption={(option, value) =>
              setRun((state) => (state ? setOptionCount(state, step, option, value) : state))
            }
            onMood={(mood, value) =>
              setRun((state) => (state ? setMoodCount(state, step.id, mood, value) : state))
            }
          />
        )}
        <section>
          <h2>{t('cinema.run.upNext')}</h2>
          <p>{next ? t(`cinema.step.kind.${next.kind}`) : t('cinema.run.lastStep')}</p>
        </section>
        <nav aria-label={t('cinema.run.allSteps')}>
          <ol class="cinema-steps">
            {plan.steps.map((candidate, index) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  class="cinema-steps__button"
                  aria-current={index === run.stepIndex ? 'step' : undefined}
                  onClick={() => setRun((state) => (state ? goTo(state, plan, index) : state))}
                >
                  {index + 1}. {t(`cinema.step.kind.${candidate.kind}`)}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      </aside>
    </div>
  );
}
