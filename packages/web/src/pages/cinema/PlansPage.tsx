import { AGE_BANDS, type AgeBand } from '@satchel/core';
import { useEffect, useState } from 'preact/hooks';
import { useApi, useTenant } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../router/history.js';
import { Link } from '../../router/Link.js';
import type { PageProps } from '../../router/Router.js';
import {
  Alert,
  Button,
  EmptyState,
  Form,
  LinkButton,
  PageHeading,
  Select,
  Spinner,
  TextField,
} from '../../ui/index.js';
import { cinemaApi } from './cinema-api.js';
import { flushLogs, localLogStore } from './pending-logs.js';
import { errorText } from './problems.js';
import { UpstreamPlans } from './UpstreamPlans.js';
import './cinema.css';

/**
 * The facilitator's start page: their plans and the shared ones, logs still waiting to be sent, and
 * on a hub the national server's plans not on this computer yet.
 */
export default function PlansPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const api = useApi();
  const tenant = useTenant().slug;
  const q = query.get('q') ?? '';
  const ageBand = (query.get('age') ?? '') as AgeBand | '';
  const [text, setText] = useState(q);
  const [age, setAge] = useState<AgeBand | ''>(ageBand);
  const plans = useResource(
    (signal) => cinemaApi.plans(api, { q: q || undefined, ageBand: ageBand || undefined }, signal),
    [api, q, ageBand],
  );
  const store = localLogStore(tenant);
  const [waiting, setWaiting] = useState(() => store.read());
  const [sending, setSending] = useState(false);

  const send = async () => {
    setSending(true);
    try {
      await flushLogs(api, store);
    } finally {
      setWaiting(store.read());
      setSending(false);
    }
  };
  useEffect(() => {
    if (store.read().some((saved) => saved.refused === null)) void send();
    const online = () => void send();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
    // The store is rebuilt each render from the same key; sending once per visit is the intent.
  }, [api, tenant]);

  const search = () => {
    const params = new URLSearchParams();
    if (text.trim()) params.set('q', text.trim());
    if (age) params.set('age', age);
    const suffix = params.toString();
    navigate(suffix ? `${paths.cinema}?${suffix}` : paths.cinema);
  };

  const pending = waiting.filter((saved) => saved.refused === null);
  const refused = waiting.filter((saved) => saved.refused !== null);

  return (
    <div class="page stack cinema-page">
      <PageHeading>{t('cinema.plans.title')}</PageHeading>
      <p>{t('cinema.plans.intro')}</p>
      <div class="cinema-actions">
        <LinkButton to={paths.cinemaNewPlan} variant="primary">
          {t('cinema.plans.new')}
        </LinkButton>
        <LinkButton to={paths.cinemaReach}>{t('cinema.reach.title')}</LinkButton>
      </div>
      {pending.length > 0 && (
        <Alert tone="warning">
          {t('cinema.plans.waiting', { count: pending.length })}{' '}
          <Button variant="secondary" onClick={() => void send()} disabled={sending}>
            {t('cinema.plans.sendNow')}
          </Button>
        </Alert>
      )}
      {refused.map((saved) => (
        <Alert key={saved.log.id} tone="error">
          {t('cinema.plans.refused', { date: saved.log.date, reason: saved.refused ?? '' })}
        </Alert>
      ))}
      <Form class="cinema-filters" role="search" aria-label={t('cinema.plans.search')} onSubmit={search}>
        <TextField label={t('cinema.plans.search')} type="search" optional value={text} onValue={setText} />
        <Select
          label={t('cinema.plan.ageBand')}
          optional
          value={age}
          onValue={(value) => setAge(value as AgeBand | '')}
          options={[
            { value: '', label: t('cinema.plans.anyAge') },
            ...AGE_BANDS.map((band) => ({ value: band, label: t(`cinema.age.${band}`) })),
          ]}
        />
        <Button type="submit">{t('cinema.plans.apply')}</Button>
      </Form>
      {plans.status === 'loading' && <Spinner label={t('common.loading')} />}
      {plans.status === 'error' && <Alert tone="error">{errorText(i18n, plans.error)}</Alert>}
      {plans.status === 'ready' && plans.data.items.length === 0 && (
        <EmptyState title={t('cinema.plans.none')} description={t('cinema.plans.noneHelp')} />
      )}
      {plans.status === 'ready' && plans.data.items.length > 0 && (
        <ul class="cinema-plan-list">
          {plans.data.items.map((plan) => (
            <li key={plan.id} class="card cinema-plan">
              <h2 class="cinema-plan__title">
                <Link to={paths.cinemaPlan(plan.id)}>{plan.title}</Link>
              </h2>
              <p class="cinema-plan__meta">
                {t('cinema.plans.meta', {
                  age: t(`cinema.age.${plan.ageBand}`),
                  minutes: formatNumber(plan.durationMinutes),
                  steps: plan.stepCount,
                  language: plan.language,
                })}
                {plan.shared && <span class="badge">{t('cinema.plans.shared')}</span>}
              </p>
              {plan.description && <p>{plan.description}</p>}
              {plan.ownerName && !plan.editable && (
                <p class="muted">{t('cinema.plans.by', { name: plan.ownerName })}</p>
              )}
              <div class="cinema-actions">
                <LinkButton
                  to={paths.cinemaRun(plan.id)}
                  variant="primary"
                  aria-label={t('cinema.plans.runLabel', { title: plan.title })}
                >
                  {t('cinema.plans.run')}
                </LinkButton>
                <LinkButton
                  to={paths.cinemaPlan(plan.id)}
                  aria-label={t(plan.editable ? 'cinema.plans.editLabel' : 'cinema.plans.viewLabel', {
                    title: plan.title,
                  })}
                >
                  {t(plan.editable ? 'cinema.plans.edit' : 'cinema.plans.view')}
                </LinkButton>
              </div>
            </li>
          ))}
        </ul>
      )}
      <UpstreamPlans onPacked={plans.reload} />
    </div>
  );
}
