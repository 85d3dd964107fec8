import { SessionLogInput, sessionLogProblems, type PlanDetail } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi, useTenant } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { useI18n } from '../../i18n/i18n.js';
import { Alert, Button, Checkbox, LinkButton, TextArea, useAsyncAction } from '../../ui/index.js';
import { AttendanceGrid } from './CountsPanel.js';
import { errorText, problemText } from './problems.js';
import { flushLogs, keepLog, localLogStore, type FlushResult } from './pending-logs.js';
import { sessionLog, setAttendance, type RunState } from './run-state.js';
import { SessionSetup } from './SessionSetup.js';

interface CloseSessionProps {
  readonly plan: PlanDetail;
  readonly run: RunState;
  readonly setRun: (update: (state: RunState | null) => RunState | null) => void;
  readonly onBack: () => void;
  readonly onSaved: () => void;
}

/**
 * The end of a session: who came (counts by sex and age band), notes, a referral flag, then the
 * log is kept on this device and sent when a server answers. The same rules as the server's
 * check the counts first, so mistakes are fixed while the facilitator still remembers the room.
 */
export function CloseSession({ plan, run, setRun, onBack, onSaved }: CloseSessionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const tenant = useTenant();
  const [result, setResult] = useState<FlushResult | null>(null);
  const [checked, setChecked] = useState(false);
  const log = sessionLog(run, plan, Date.now());
  const today = new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);
  const parsed = SessionLogInput.safeParse(log);
  const problems = parsed.success
    ? sessionLogProblems(parsed.data, plan.steps, today).map((problem) => problemText(t, problem.code))
    : parsed.error.issues.map((issue) => `${issue.path.join(' › ')}: ${issue.message}`);
  const empty = Object.values(run.attendance).every((row) => Object.values(row).every((n) => n === 0));

  const save = useAsyncAction(async () => {
    setChecked(true);
    if (problems.length > 0 || empty) return;
    const store = localLogStore(tenant.slug);
    keepLog(store, sessionLog(run, plan, Date.now()));
    onSaved();
    setResult(await flushLogs(api, store));
  });

  if (result) {
    return (
      <div class="stack">
        <Alert tone={result.waiting > 0 ? 'warning' : 'success'} title={t('cinema.close.saved')}>
          {result.waiting > 0 ? t('cinema.close.waiting', { count: result.waiting }) : t('cinema.close.sent')}
        </Alert>
        <div class="cinema-actions">
          <LinkButton to={paths.cinema} variant="primary">
            {t('cinema.close.toPlans')}
          </LinkButton>
          <LinkButton to={paths.cinemaReach}>{t('cinema.reach.title')}</LinkButton>
        </div>
      </div>
    );
  }

  return (
    <div class="stack">
      <h2>{t('cinema.close.title')}</h2>
      <p>{t('cinema.close.intro')}</p>
      <AttendanceGrid
        attendance={run.attendance}
        withDisability={run.withDisability}
        onCell={(sex, band, value) =>
          setRun((state) => (state ? setAttendance(state, sex, band, value) : state))
        }
        onDisability={(value) =>
          setRun((state) =>
            state ? { ...state, withDisability: Math.max(0, Math.floor(value) || 0) } : state,
          )
        }
      />
      <SessionSetup
        setup={run.setup}
        userId={run.setup.facilitatorIds[0] ?? ''}
        facilitators={[]}
        onChange={(patch) =>
          setRun((state) => (state ? { ...state, setup: { ...state.setup, ...patch } } : state))
        }
      />
      <TextArea
        label={t('cinema.close.notes')}
        description={t('cinema.close.notesHelp')}
        optional
        rows={4}
        maxLength={4000}
        value={run.notes}
        onValue={(notes) => setRun((state) => (state ? { ...state, notes } : state))}
      />
      <Checkbox
        label={t('cinema.close.referral')}
        description={t('cinema.close.referralHelp')}
        checked={run.referral}
        onChecked={(referral) => setRun((state) => (state ? { ...state, referral } : state))}
      />
      {checked && (empty || problems.length > 0) && (
        <Alert tone="error" title={t('cinema.close.fix')}>
          <ul>
            {empty && <li>{t('cinema.close.noAttendance')}</li>}
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Alert>
      )}
      {save.error !== null && <Alert tone="error">{errorText(i18n, save.error)}</Alert>}
      <div class="cinema-actions">
        <Button variant="secondary" onClick={onBack}>
          {t('cinema.close.back')}
        </Button>
        <Button variant="primary" busy={save.busy} onClick={() => void save.run()}>
          {t('cinema.close.save')}
        </Button>
      </div>
    </div>
  );
}
