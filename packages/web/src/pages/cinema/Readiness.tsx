import { useState } from 'preact/hooks';
import { useApi } from '../../app/context.js';
import { useResource } from '../../app/use-resource.js';
import { useI18n } from '../../i18n/i18n.js';
import { Alert, Button, Spinner } from '../../ui/index.js';
import { cinemaApi } from './cinema-api.js';
import { errorText } from './problems.js';

/**
 * Whether every film, picture and slide of a plan is on this machine and plays, checked by the
 * server against its own disk: run it before the team leaves the network.
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
  if (check.status === 'loading') return <Spinner label={t('cinema.ready.checking')} />;
  if (check.status === 'error') return <Alert tone="error">{errorText(i18n, check.error)}</Alert>;
  const broken = check.data.items.filter((item) => item.status !== 'ok');
  return (
    <section class="cinema-readiness" aria-labelledby="cinema-readiness-title">
      <h2 id="cinema-readiness-title" class="sr-only">
        {t('cinema.ready.title')}
      </h2>
      {broken.length === 0 ? (
        <Alert tone="success">{t('cinema.ready.ok', { count: check.data.items.length })}</Alert>
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
      )}
      <Button variant="secondary" onClick={() => setRound((n) => n + 1)}>
        {t('cinema.ready.again')}
      </Button>
    </section>
  );
}
