import { useEffect, useState } from 'preact/hooks';
import { useTenant, useUser } from '../../app/context.js';
import { useI18n, type I18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../router/Router.js';
import { Alert, Button, EmptyState, PageHeading, Spinner } from '../../ui/index.js';
import { outbox, subscribeOutbox, syncOutbox } from './outbox.js';
import { ownerKey, type OutboxRecord } from './outbox-store.js';
import { QUIZ_ATTEMPT_KIND, STATEMENT_KIND } from './senders.js';
import { registerAppKinds } from './statement-queue.js';
import './outbox.css';

interface Listing {
  readonly mine: OutboxRecord[];
  /** Records of other learners of this device: only counted, never shown. */
  readonly others: number;
}

/** A learner-readable name for a record: what the statement was about, or the kind of work. */
function describe(i18n: I18n, record: OutboxRecord): string {
  if (record.kind === STATEMENT_KIND) {
    const statement = record.payload as {
      verb?: { display?: Record<string, string> };
      object?: { definition?: { name?: Record<string, string> } };
    };
    const name = Object.values(statement.object?.definition?.name ?? {})[0];
    const verb = statement.verb?.display?.en ?? '';
    return i18n.t('outbox.statement', { verb, name: name ?? '—' });
  }
  if (record.kind === QUIZ_ATTEMPT_KIND) return i18n.t('outbox.quizAttempt');
  return i18n.t('outbox.otherKind', { kind: record.kind });
}

/** What waits on this device to be sent for the signed-in learner, and what the server refused. */
export default function OutboxPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const user = useUser();
  const [listing, setListing] = useState<Listing | null>(null);
  const [failed, setFailed] = useState(false);
  const [sending, setSending] = useState(false);
  const mine = ownerKey({ slug: tenant.slug, userId: user.id });

  useEffect(() => {
    registerAppKinds();
    let live = true;
    const load = () =>
      void outbox()
        .store.all()
        .then((all) => {
          if (!live) return;
          setListing({
            mine: all.filter((r) => r.owner === mine),
            others: all.filter((r) => r.owner !== mine && r.state === 'pending').length,
          });
        })
        .catch(() => live && setFailed(true));
    load();
    const stop = subscribeOutbox(load);
    return () => {
      live = false;
      stop();
    };
  }, [mine]);

  const sendNow = () => {
    setSending(true);
    void syncOutbox({ fresh: true })
      .catch(() => undefined)
      .finally(() => setSending(false));
  };

  if (failed) {
    return (
      <div class="page">
        <PageHeading>{t('outbox.title')}</PageHeading>
        <Alert tone="error">{t('outbox.unavailable')}</Alert>
      </div>
    );
  }
  if (!listing) return <Spinner block />;
  const waiting = listing.mine.filter((r) => r.state === 'pending');
  const refused = listing.mine.filter((r) => r.state === 'dead');

  return (
    <div class="page outbox-page">
      <PageHeading>{t('outbox.title')}</PageHeading>
      <p>{t('outbox.intro')}</p>
      {waiting.length === 0 && refused.length === 0 ? (
        <EmptyState title={t('outbox.emptyTitle')} description={t('outbox.empty')} />
      ) : (
        <>
          <section aria-labelledby="outbox-waiting">
            <h2 id="outbox-waiting">{t('outbox.waiting', { count: waiting.length })}</h2>
            {waiting.length > 0 && (
              <>
                <ol class="outbox-list" data-testid="outbox-waiting">
                  {waiting.map((record) => (
                    <li key={record.seq}>
                      <span dir="auto">{describe(i18n, record)}</span>{' '}
                      <span class="outbox-list__when">
                        {t('outbox.queuedAt', {
                          when: i18n.formatDate(record.queuedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                        })}
                      </span>
                      {record.error !== null && (
                        <span class="outbox-list__why"> · {t('outbox.lastTry', { code: record.error })}</span>
                      )}
                    </li>
                  ))}
                </ol>
                <Button variant="primary" busy={sending} onClick={sendNow}>
                  {t('outbox.sendNow')}
                </Button>
              </>
            )}
          </section>
          {refused.length > 0 && (
            <section aria-labelledby="outbox-refused">
              <h2 id="outbox-refused">{t('outbox.refused', { count: refused.length })}</h2>
              <p>{t('outbox.refusedHelp')}</p>
              <ul class="outbox-list" data-testid="outbox-refused">
                {refused.map((record) => (
                  <li key={record.seq}>
                    <span dir="auto">{describe(i18n, record)}</span>{' '}
                    <span class="outbox-list__why">{t('outbox.reason', { code: record.error ?? '—' })}</span>
                    <span class="outbox-list__actions">
                      <Button onClick={() => void outbox().revive(record.seq).then(sendNow)}>
                        {t('outbox.retry')}
                      </Button>
                      <Button onClick={() => void outbox().discard(record.seq)}>{t('outbox.discard')}</Button>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {listing.others > 0 && <p class="page__aside">{t('outbox.others', { count: listing.others })}</p>}
    </div>
  );
}
