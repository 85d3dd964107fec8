import { uuidv7, type PlanDetail } from '@satchel/core';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useApi, useTenant, useUser } from '../../app/context.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../router/Router.js';
import { Alert, Button, PageHeading, Spinner } from '../../ui/index.js';
import { openChannel, type ProjectorMessage } from './channel.js';
import { cinemaApi } from './cinema-api.js';
import { CloseSession } from './CloseSession.js';
import { errorText } from './problems.js';
import { Readiness } from './Readiness.js';
import { RunConsole } from './RunConsole.js';
import { afterInterruption, stageFrame } from './run-frame.js';
import { newRun, parseSavedRun, start, updateSetup, type RunState } from './run-state.js';
import { SessionSetup } from './SessionSetup.js';
import './cinema.css';

export const runKey = (slug: string): string => `satchel:cinema:run:${slug}`;

function todayLocal(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The facilitator's console for one session of a plan. The run is saved on this device after
 * every change, so a power cut or a closed lid resumes at the same step with every count.
 */
export default function RunPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const tenant = useTenant();
  const user = useUser();
  const planId = params.planId ?? '';
  const plan = useResource((signal) => cinemaApi.plan(api, planId, signal), [api, planId]);
  const facilitators = useResource((signal) => cinemaApi.facilitators(api, signal), [api]);
  const [run, setRun] = useState<RunState | null>(null);
  const [resumed, setResumed] = useState(false);
  const channel = useRef<BroadcastChannel | null>(null);
  const latest = useRef<{ run: RunState | null; plan: PlanDetail | null }>({ run: null, plan: null });

  useEffect(() => {
    if (plan.status !== 'ready') return;
    const saved = parseSavedRun(window.localStorage.getItem(runKey(tenant.slug)));
    if (saved && saved.planId === plan.data.id) {
      setRun(afterInterruption(saved));
      setResumed(saved.phase !== 'setup');
    } else {
      setRun(newRun(uuidv7(), plan.data, user.id, todayLocal()));
    }
  }, [plan.status, tenant.slug, user.id]);

  const blobUrl = useCallback((sha256: string) => cinemaApi.blobUrl(api, sha256), [api]);

  // Saved first, then shown on the projector: what the room saw is always on the disk.
  useEffect(() => {
    if (!run || plan.status !== 'ready') return;
    latest.current = { run, plan: plan.data };
    window.localStorage.setItem(runKey(tenant.slug), JSON.stringify(run));
    channel.current?.postMessage({ type: 'frame', frame: stageFrame(run, plan.data, blobUrl) });
  }, [run, plan.status, tenant.slug, blobUrl]);

  const [projectorKey, setProjectorKey] = useState<string | null>(null);
  useEffect(() => {
    const opened = openChannel(tenant.slug);
    channel.current = opened;
    if (!opened) return;
    opened.onmessage = (event: MessageEvent<ProjectorMessage>) => {
      const { run: current, plan: currentPlan } = latest.current;
      if (!current || !currentPlan) return;
      if (event.data.type === 'hello') {
        opened.postMessage({ type: 'frame', frame: stageFrame(current, currentPlan, blobUrl) });
      } else if (event.data.type === 'mediaEnded') {
        setRun((state) => (state ? { ...state, playing: false } : state));
      } else {
        // Keys pressed on the projector window drive the console, so either window can have focus.
        setProjectorKey(`${event.data.key}\u0000${Date.now()}`);
      }
    };
    return () => {
      opened.postMessage({ type: 'closed' });
      opened.close();
      channel.current = null;
    };
  }, [tenant.slug, blobUrl]);

  const finish = () => {
    window.localStorage.removeItem(runKey(tenant.slug));
    channel.current?.postMessage({ type: 'closed' });
  };

  if (plan.status === 'loading' || (plan.status === 'ready' && !run))
    return <Spinner block label={t('common.loading')} />;
  if (plan.status === 'error') {
    return (
      <div class="page">
        <Alert tone="error">{errorText(i18n, plan.error)}</Alert>
      </div>
    );
  }
  if (!run) return null;
  const data = plan.data;

  return (
    <div class="page stack cinema-page cinema-run">
      <PageHeading>{data.title}</PageHeading>
      {resumed && run.phase !== 'setup' && (
        <Alert tone="info">{t('cinema.run.resumed', { step: run.stepIndex + 1 })}</Alert>
      )}
      {run.phase === 'setup' && (
        <>
          <p>{t('cinema.run.setupIntro')}</p>
          <Readiness planId={data.id} />
          <SessionSetup
            setup={run.setup}
            userId={user.id}
            facilitators={facilitators.status === 'ready' ? facilitators.data.items : []}
            onChange={(patch) => setRun(updateSetup(run, patch))}
          />
          <Button variant="primary" onClick={() => setRun(start(run, data, Date.now()))}>
            {t('cinema.run.start')}
          </Button>
        </>
      )}
      {run.phase === 'running' && (
        <RunConsole
          plan={data}
          run={run}
          setRun={setRun}
          blobUrl={blobUrl}
          projectorKey={projectorKey}
          onEnd={() => setRun({ ...run, phase: 'closing', playing: false })}
        />
      )}
      {run.phase === 'closing' && (
        <CloseSession
          plan={data}
          run={run}
          setRun={setRun}
          onBack={() => setRun({ ...run, phase: 'running' })}
          onSaved={finish}
        />
      )}
    </div>
  );
}
