import type { PackPlanResponse } from '@satchel/core';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/errors.js';
import { useApi } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { Alert, Button, LinkButton, Spinner, useAsyncAction } from '../../ui/index.js';
import { cinemaApi } from './cinema-api.js';
import { packSummary } from './pack-summary.js';
import { errorText } from './problems.js';

interface Packed {
  readonly planId: string;
  readonly title: string;
  readonly packed: PackPlanResponse;
}

/** Failures that say nothing about the national server: this page is offline, or may not ask. */
const quietFailure = (error: unknown) =>
  !(error instanceof ApiError) || error.isNetworkFailure || error.status === 401 || error.status === 403;

/**
 * On a hub (the facilitator's laptop): the plans on the national server this facilitator may use
 * that are not on the laptop yet, each with "Pack for the field", which copies the plan and then its
 * media here and checks every file. Shows nothing on a server that has no upstream.
 */
export function UpstreamPlans({ onPacked }: { readonly onPacked: () => void }) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const api = useApi();
  const list = useResource((signal) => cinemaApi.upstreamPlans(api, signal), [api]);
  const [packing, setPacking] = useState<string | null>(null);
  const [done, setDone] = useState<Packed | null>(null);
  const pack = useAsyncAction(async (planId: string, title: string) => {
    setDone(null);
    setPacking(planId);
    try {
      const packed = await cinemaApi.pack(api, planId);
      setDone({ planId, title, packed });
      list.reload();
      onPacked();
    } finally {
      setPacking(null);
    }
  });

  const hub = list.status === 'ready' ? list.data.upstream !== null : list.status === 'error';
  if (!done && (list.status === 'loading' || !hub)) return null;
  if (!done && list.status === 'error' && quietFailure(list.error)) return null;

  const summary = done ? packSummary(t, done.packed) : null;
  const broken = done?.packed.readiness.items.filter((item) => item.status !== 'ok') ?? [];
  return (
    <section class="cinema-upstream stack" aria-labelledby="cinema-upstream-title">
      <h2 id="cinema-upstream-title">{t('cinema.upstream.title')}</h2>
      <p>{t('cinema.upstream.intro')}</p>
      {done && summary && (
        <Alert
          tone={broken.length > 0 ? 'warning' : 'success'}
          title={t('cinema.upstream.packed', { title: done.title })}
        >
          <p>{summary.text}</p>
          <p>
            {broken.length > 0
              ? t('cinema.ready.missing', { count: broken.length })
              : t('cinema.ready.ok', { count: done.packed.readiness.items.length })}
          </p>
          <LinkButton to={paths.cinemaPlan(done.planId)}>
            {t('cinema.upstream.open', { title: done.title })}
          </LinkButton>
        </Alert>
      )}
      {pack.error !== null && <Alert tone="error">{errorText(i18n, pack.error)}</Alert>}
      {list.status === 'loading' && <Spinner label={t('cinema.upstream.checking')} />}
      {list.status === 'error' && (
        <Alert tone="warning">
          <p>
            {list.error instanceof ApiError && list.error.code === 'pack_upstream_unreachable'
              ? t('cinema.upstream.unreachable')
              : errorText(i18n, list.error)}
          </p>
          <Button onClick={list.reload}>{t('cinema.upstream.retry')}</Button>
        </Alert>
      )}
      {list.status === 'ready' && list.data.items.length === 0 && <p>{t('cinema.upstream.none')}</p>}
      {list.status === 'ready' && list.data.items.length > 0 && (
        <ul class="cinema-plan-list">
          {list.data.items.map((plan) => (
            <li key={plan.id} class="card cinema-plan">
              <h3 class="cinema-plan__title">{plan.title}</h3>
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
              {packing === plan.id && (
                <p role="status" class="cinema-readiness__packing">
                  {t('cinema.pack.busy')}
                </p>
              )}
              <div class="cinema-actions">
                <Button
                  variant="primary"
                  busy={packing === plan.id}
                  aria-disabled={packing !== null && packing !== plan.id ? 'true' : undefined}
                  aria-label={t('cinema.upstream.packLabel', { title: plan.title })}
                  onClick={() => {
                    // One plan at a time: packing reads every byte of every film.
                    if (packing === null) void pack.run(plan.id, plan.title);
                  }}
                >
                  {t('cinema.pack.button')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
