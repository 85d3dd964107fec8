import { AGE_BANDS, CINEMA_SEXES, MOODS } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../router/Router.js';
import { Alert, Button, Form, PageHeading, Select, Spinner, TextField } from '../../ui/index.js';
import { BarChart } from '../reports/BarChart.js';
import '../reports/reports.css';
import { cinemaApi, type ReachFilter } from './cinema-api.js';
import { errorText } from './problems.js';
import './cinema.css';

const isDate = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text);

/**
 * Sessions held and people reached, disaggregated by sex, age band, disability, region, period,
 * plan, facilitator and team, with well-being check-ins over time; CSV has one row per session.
 */
export default function ReachPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const api = useApi();
  const [from, setFrom] = useState(query.get('from') ?? '');
  const [to, setTo] = useState(query.get('to') ?? '');
  const [region, setRegion] = useState(query.get('region') ?? '');
  const [period, setPeriod] = useState<NonNullable<ReachFilter['period']>>('month');
  const [filter, setFilter] = useState<ReachFilter>({ period: 'month' });
  const reach = useResource((signal) => cinemaApi.reach(api, filter, signal), [api, filter]);

  const apply = () =>
    setFilter({
      period,
      ...(isDate(from) ? { from } : {}),
      ...(isDate(to) ? { to } : {}),
      ...(region.trim() ? { region: region.trim() } : {}),
    });

  const bars = (
    groups: readonly { key: string; label: string; reached: number }[],
    max: number,
    empty: string,
  ) =>
    groups.map((group) => ({
      id: group.key || '-',
      label: group.label || empty,
      value: max === 0 ? 0 : group.reached / max,
      text: formatNumber(group.reached),
    }));

  return (
    <div class="page stack cinema-page">
      <PageHeading>{t('cinema.reach.title')}</PageHeading>
      <p>{t('cinema.reach.intro')}</p>
      <Form class="cinema-filters" role="search" aria-label={t('cinema.reach.filters')} onSubmit={apply}>
        <TextField
          label={t('cinema.reach.from')}
          description={t('cinema.run.dateHelp')}
          optional
          value={from}
          onValue={setFrom}
        />
        <TextField
          label={t('cinema.reach.to')}
          description={t('cinema.run.dateHelp')}
          optional
          value={to}
          onValue={setTo}
        />
        <TextField label={t('cinema.run.region')} optional value={region} onValue={setRegion} />
        <Select
          label={t('cinema.reach.period')}
          value={period}
          onValue={(value) =>
            setPeriod(value === 'year' ? 'year' : value === 'quarter' ? 'quarter' : 'month')
          }
          options={[
            { value: 'month', label: t('cinema.reach.month') },
            { value: 'quarter', label: t('cinema.reach.quarter') },
            { value: 'year', label: t('cinema.reach.year') },
          ]}
        />
        <Button type="submit">{t('cinema.plans.apply')}</Button>
      </Form>
      <p>
        <a class="button button--secondary" href={cinemaApi.reachCsvUrl(api, filter)} download>
          {t('cinema.reach.csv')}
        </a>
      </p>
      {reach.status === 'loading' && <Spinner label={t('common.loading')} />}
      {reach.status === 'error' && <Alert tone="error">{errorText(i18n, reach.error)}</Alert>}
      {reach.status === 'ready' && (
        <>
          <dl class="cinema-totals">
            <div>
              <dt>{t('cinema.reach.sessions')}</dt>
              <dd>{formatNumber(reach.data.sessions)}</dd>
            </div>
            <div>
              <dt>{t('cinema.reach.reached')}</dt>
              <dd>{formatNumber(reach.data.reached)}</dd>
            </div>
            <div>
              <dt>{t('cinema.attendance.disability')}</dt>
              <dd>{formatNumber(reach.data.withDisability)}</dd>
            </div>
            <div>
              <dt>{t('cinema.reach.referrals')}</dt>
              <dd>{formatNumber(reach.data.referrals)}</dd>
            </div>
          </dl>
          {reach.data.sessions === 0 ? (
            <p>{t('cinema.reach.none')}</p>
          ) : (
            <div class="cinema-charts">
              <BarChart
                caption={t('cinema.reach.bySex')}
                bars={bars(
                  CINEMA_SEXES.map((sex) => ({
                    key: sex,
                    label: t(`cinema.sex.${sex}`),
                    reached: reach.data.bySex[sex] ?? 0,
                  })),
                  reach.data.reached,
                  '',
                )}
              />
              <BarChart
                caption={t('cinema.reach.byAge')}
                bars={bars(
                  AGE_BANDS.map((band) => ({
                    key: band,
                    label: t(`cinema.age.${band}`),
                    reached: reach.data.byAgeBand[band] ?? 0,
                  })),
                  reach.data.reached,
                  '',
                )}
              />
              <BarChart
                caption={t('cinema.reach.byPeriod')}
                bars={bars(reach.data.byPeriod, reach.data.reached, '')}
              />
              <BarChart
                caption={t('cinema.reach.byRegion')}
                bars={bars(reach.data.byRegion, reach.data.reached, t('cinema.reach.noRegion'))}
              />
              <BarChart
                caption={t('cinema.reach.byPlan')}
                bars={bars(reach.data.byPlan, reach.data.reached, '')}
              />
              <BarChart
                caption={t('cinema.reach.byFacilitator')}
                bars={bars(
                  reach.data.byFacilitator,
                  Math.max(...reach.data.byFacilitator.map((g) => g.reached), 0),
                  '',
                )}
              />
              <BarChart
                caption={t('cinema.reach.byTeam')}
                bars={bars(reach.data.byTeam, reach.data.reached, t('cinema.reach.noTeam'))}
              />
            </div>
          )}
          {reach.data.wellbeing.length > 0 && (
            <div class="table-scroll">
              <table class="table">
                <caption>{t('cinema.reach.wellbeing')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cinema.reach.period')}</th>
                    {MOODS.map((mood) => (
                      <th key={mood} scope="col">
                        {t(`cinema.mood.${mood}`)}
                      </th>
                    ))}
                    <th scope="col">{t('cinema.reach.mean')}</th>
                  </tr>
                </thead>
                <tbody>
                  {reach.data.wellbeing.map((point) => (
                    <tr key={point.period}>
                      <th scope="row">{point.period}</th>
                      {MOODS.map((mood) => (
                        <td key={mood}>{formatNumber(point.counts[mood] ?? 0)}</td>
                      ))}
                      <td>
                        {point.mean === null ? '—' : formatNumber(point.mean, { maximumFractionDigits: 2 })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
