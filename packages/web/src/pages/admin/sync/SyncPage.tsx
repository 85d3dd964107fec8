import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import {
  Alert,
  Button,
  ConfirmDialog,
  EmptyState,
  PageHeading,
  showToast,
  Table,
  useAsyncAction,
} from '../../../ui/index.js';
import '../admin.css';
import { AdminNav } from '../parts/AdminNav.js';
import { syncApi, type HubView, type LinkView } from './sync-api.js';
import { driftMinutes, driftText, noteReason, refusalReason } from './sync-view.js';

/** Sync with the upstream (on a hub), the hubs registered here (upstream side), and the conflict log. */
export default function SyncPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const status = useResource((signal) => syncApi.status(api, signal), [api]);
  const hubs = useResource((signal) => syncApi.hubs(api, signal), [api]);
  const conflicts = useResource((signal) => syncApi.conflicts(api, signal), [api]);
  const [revoking, setRevoking] = useState<HubView | null>(null);
  const when = (value: string | null) =>
    value ? i18n.formatDate(value, { dateStyle: 'medium', timeStyle: 'short' }) : t('admin.sync.never');

  const run = useAsyncAction(async () => {
    await syncApi.run(api);
    showToast(t('admin.sync.ran'), 'success');
    status.reload();
    conflicts.reload();
  });
  const revoke = useAsyncAction(async () => {
    if (!revoking) return;
    await syncApi.revoke(api, revoking.id);
    showToast(t('admin.sync.revokedDone', { name: revoking.name }), 'success');
    setRevoking(null);
    hubs.reload();
  });

  const show = (value: string) => JSON.stringify(value);

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('admin.sync.title')}</PageHeading>
      <AdminNav />
      <p>{t('admin.sync.intro')}</p>

      <section class="admin-section stack" aria-labelledby="sync-upstream">
        <h2 id="sync-upstream">{t('admin.sync.upstreamTitle')}</h2>
        <Loaded
          resource={status}
          isEmpty={(data) => data.links.length === 0}
          empty={<p>{t('admin.sync.notLinked')}</p>}
        >
          {(data) =>
            data.links.map((link) => (
              <div class="stack" key={link.hubId}>
                {link.lastError !== null && (
                  <Alert tone="error" title={t('admin.sync.lastError')}>
                    <p dir="auto">{link.lastError}</p>
                  </Alert>
                )}
                <dl class="facts admin-facts">
                  <div>
                    <dt>{t('admin.sync.upstream')}</dt>
                    <dd>
                      <code dir="ltr">{link.upstream}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('admin.sync.lastSuccess')}</dt>
                    <dd>{when(link.lastSuccessAt)}</dd>
                  </div>
                  <div>
                    <dt>{t('admin.sync.lastAttempt')}</dt>
                    <dd>{when(link.lastAttemptAt)}</dd>
                  </div>
                  <div>
                    <dt>{t('admin.sync.pending')}</dt>
                    <dd>{i18n.formatNumber(link.pending)}</dd>
                  </div>
                  <div>
                    <dt>{t('admin.sync.staged')}</dt>
                    <dd>{i18n.formatNumber(link.staged)}</dd>
                  </div>
                  <div>
                    <dt>{t('admin.sync.drift')}</dt>
                    <dd>
                      {link.lastDrift
                        ? t('admin.sync.driftShort', { minutes: driftMinutes(link.lastDrift.aheadSeconds) })
                        : t('admin.sync.noDrift')}
                    </dd>
                  </div>
                </dl>
                {link.lastDrift && (
                  <Alert tone="warning" title={t('admin.sync.drift')}>
                    <p>{driftText(t, link.lastDrift, (at) => when(at))}</p>
                  </Alert>
                )}
                {link.refused.length > 0 && (
                  <div class="stack">
                    <h3>{t('admin.sync.refusedTitle')}</h3>
                    <p>{t('admin.sync.refusedIntro')}</p>
                    <Table caption={t('admin.sync.refusedCaption')}>
                      <thead>
                        <tr>
                          <th scope="col">{t('admin.sync.kind')}</th>
                          <th scope="col">{t('admin.sync.record')}</th>
                          <th scope="col">{t('admin.sync.reason')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {link.refused.map((r) => (
                          <tr key={`${r.kind}:${r.id}`}>
                            <th scope="row">
                              <code dir="ltr">{r.kind}</code>
                            </th>
                            <td>
                              <code dir="ltr">{r.id}</code>
                            </td>
                            <td dir="auto">{refusalReason(t, r)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </Table>
                  </div>
                )}
                {(link.notes ?? []).length > 0 && <NotesTable notes={link.notes ?? []} />}
                {run.error !== null && <Alert tone="error">{i18n.errorMessage(run.error)}</Alert>}
                <div>
                  <Button variant="primary" busy={run.busy} onClick={() => void run.run()}>
                    {t('admin.sync.runNow')}
                  </Button>
                </div>
              </div>
            ))
          }
        </Loaded>
      </section>

      <section class="admin-section stack" aria-labelledby="sync-hubs">
        <h2 id="sync-hubs">{t('admin.sync.hubsTitle')}</h2>
        <Loaded
          resource={hubs}
          isEmpty={(data) => data.items.length === 0}
          empty={<EmptyState title={t('admin.sync.noHubs')} />}
        >
          {(data) => (
            <Table caption={t('admin.sync.hubsCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('admin.sync.hubName')}</th>
                  <th scope="col">{t('admin.sync.lastContact')}</th>
                  <th scope="col">{t('admin.sync.backlog')}</th>
                  <th scope="col">{t('admin.sync.drift')}</th>
                  <th scope="col">{t('admin.sync.refusedCount')}</th>
                  <th scope="col">{t('admin.sync.notesCount')}</th>
                  <th scope="col">{t('admin.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((hub) => (
                  <tr key={hub.id}>
                    <th scope="row" dir="auto">
                      {hub.name}
                    </th>
                    <td>{when(hub.lastContactAt)}</td>
                    <td>{hub.revokedAt ? t('admin.sync.revoked') : i18n.formatNumber(hub.backlog)}</td>
                    <td>
                      {hub.lastDrift ? (
                        <span title={driftText(t, hub.lastDrift, (at) => when(at))}>
                          {t('admin.sync.driftShort', { minutes: driftMinutes(hub.lastDrift.aheadSeconds) })}
                        </span>
                      ) : (
                        t('admin.sync.noDrift')
                      )}
                    </td>
                    <td>
                      {hub.refused.length === 0 ? (
                        i18n.formatNumber(0)
                      ) : (
                        <details>
                          <summary>{i18n.formatNumber(hub.refused.length)}</summary>
                          <ul>
                            {hub.refused.map((r) => (
                              <li key={`${r.kind}:${r.id}`}>
                                <code dir="ltr">{`${r.kind} ${r.id}`}</code>{' '}
                                <span dir="auto">{refusalReason(t, r)}</span>
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                    <td>
                      <NotesCell notes={hub.notes ?? []} />
                    </td>
                    <td>
                      {!hub.revokedAt && (
                        <Button variant="quiet" class="admin-danger-text" onClick={() => setRevoking(hub)}>
                          {t('admin.sync.revoke')}
                          <span class="sr-only"> {hub.name}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Loaded>
      </section>

      <section class="admin-section stack" aria-labelledby="sync-conflicts">
        <h2 id="sync-conflicts">{t('admin.sync.conflictsTitle')}</h2>
        <Loaded
          resource={conflicts}
          isEmpty={(data) => data.items.length === 0}
          empty={<EmptyState title={t('admin.sync.noConflicts')} />}
        >
          {(data) => (
            <Table caption={t('admin.sync.conflictsCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('admin.sync.field')}</th>
                  <th scope="col">{t('admin.sync.lost')}</th>
                  <th scope="col">{t('admin.sync.won')}</th>
                  <th scope="col">{t('admin.sync.recorded')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <code dir="ltr">{`${c.kind}.${c.field}`}</code>
                    </th>
                    <td dir="auto">{show(String(c.loserValue))}</td>
                    <td dir="auto">{show(String(c.winnerValue))}</td>
                    <td>{when(c.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Loaded>
      </section>

      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? t('admin.sync.revokeTitle', { name: revoking.name }) : ''}
        confirmLabel={t('admin.sync.revoke')}
        danger
        busy={revoke.busy}
        error={revoke.error}
        onConfirm={() => void revoke.run()}
        onCancel={() => {
          revoke.clearError();
          setRevoking(null);
        }}
      >
        <p>{t('admin.sync.revokeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

/** Records applied with a note (a username kept apart): listed apart from refusals. */
function NotesTable({ notes }: { notes: NonNullable<LinkView['notes']> }) {
  const { t } = useI18n();
  return (
    <div class="stack">
      <h3>{t('admin.sync.notesTitle')}</h3>
      <p>{t('admin.sync.notesIntro')}</p>
      <Table caption={t('admin.sync.notesCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('admin.sync.kind')}</th>
            <th scope="col">{t('admin.sync.record')}</th>
            <th scope="col">{t('admin.sync.note')}</th>
          </tr>
        </thead>
        <tbody>
          {notes.map((n) => (
            <tr key={`${n.kind}:${n.id}`}>
              <th scope="row">
                <code dir="ltr">{n.kind}</code>
              </th>
              <td>
                <code dir="ltr">{n.id}</code>
              </td>
              <td dir="auto">{noteReason(t, n)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

/** A hub's notes in the hubs table: their count, the list folded. */
function NotesCell({ notes }: { notes: NonNullable<HubView['notes']> }) {
  const i18n = useI18n();
  if (notes.length === 0) return <>{i18n.formatNumber(0)}</>;
  return (
    <details>
      <summary>{i18n.formatNumber(notes.length)}</summary>
      <ul>
        {notes.map((n) => (
          <li key={`${n.kind}:${n.id}`}>
            <code dir="ltr">{`${n.kind} ${n.id}`}</code> <span dir="auto">{noteReason(i18n.t, n)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
