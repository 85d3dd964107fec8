import type { PackPlanResponse } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { Alert, Button, Spinner, useAsyncAction } from '../../ui/index.js';
import { cinemaApi } from './cinema-api.js';
import { packSummary } from './pack-summary.js';
import { errorText } from './problems.js';

/**
 * Whether every film, picture and slide of a plan is on this machine and plays, checked by the
 * server against its own disk: run it before the team leaves the network. "Pack for the field"
 * first copies what is missing from the hub's upstream, then checks every byte.
 */
export function Readiness({ planId }: { readonly planId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  // Opening a plan compares sizes; "Check again" reads every byte against its hash.
  const [round, setRound] = useState(0);
  const check = useResource(
    (signal) => cinemaApi.readiness(api, planId, round > 0, signal),
    [api, planId, round],
  );
  // The last pack's answer, shown until the next check; it holds the newest readiness.
  const [packed, setPacked] = useState<PackPlanResponse | null>(null);
  const pack = useAsyncAction(async () => {
    setPacked(await cinemaApi.pack(api, planId));
  });
  const checkAgain = () => {
    setPacked(null);
    pack.clearError();
    setRound((n) => n + 1);
  };

  const readiness = packed?.readiness ?? (check.status === 'ready' ? check.data : null);
  const broken = readiness?.items.filter((item) => item.status !== 'ok') ?? [];
  const summary = packed ? packSummary(t, packed) : null;
  return (
    <section class="cinema-readiness stack" aria-labelledby="cinema-readiness-title">
      <h2 id="cinema-readiness-title" class="sr-only">
        {t('cinema.ready.title')}
      </h2>
      {pack.busy ? (
        <p role="status" class="cinema-readiness__packing">
          {t('cinema.pack.busy')}
        </p>
      ) : (
        <>
          {check.status === 'loading' && !packed && <Spinner label={t('cinema.ready.checking')} />}
          {check.status === 'error' && !packed && <Alert tone="error">{errorText(i18n, check.error)}</Alert>}
          {pack.error !== null && <Alert tone="error">{errorText(i18n, pack.error)}</Alert>}
          {summary && <Alert tone={summary.tone}>{summary.text}</Alert>}
          {readiness &&
            (broken.length === 0 ? (
              <Alert tone="success">{t('cinema.ready.ok', { count: readiness.items.length })}</Alert>
            ) : (
              <Alert tone="error" title={t('cinema.ready.missing', { count: broken.length })}>
                <ul>
                  {broken.map((item) => (
                    <li key={item.itemId}>
                      <strong>{item.title}</strong>: {t(`cinema.ready.status.${item.status}`)}
                    </li>
                  ))}
                </ul>
              </Alert>
            ))}
        </>
      )}
      <p class="cinema-readiness__help" id={`cinema-pack-help-${planId}`}>
        {t('cinema.pack.help')}
      </p>
      <div class="cinema-actions">
        <Button
          variant="primary"
          busy={pack.busy}
          aria-describedby={`cinema-pack-help-${planId}`}
          onClick={() => void pack.run()}
        >
          {t('cinema.pack.button')}
        </Button>
        <Button
          variant="secondary"
          aria-disabled={pack.busy ? 'true' : undefined}
          onClick={() => {
            // Packing ends with a full check of its own; a second one meanwhile would only race it.
            if (!pack.busy) checkAgain();
          }}
        >
          {t('cinema.ready.again')}
        </Button>
      </div>
    </section>
  );
}
