import type { ForwardingDestination } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import {
  Alert,
  Button,
  Checkbox,
  ConfirmDialog,
  EmptyState,
  Form,
  FormActions,
  PageHeading,
  Select,
  showToast,
  Table,
  TextArea,
  TextField,
  useAsyncAction,
} from '../../../ui/index.js';
import '../admin.css';
import { AdminNav } from '../parts/AdminNav.js';
import { forwardingApi, parseVerbs } from './forwarding-api.js';

/** Forwarding this platform's statements to outside LRSs: destinations and their delivery status. */
export default function ForwardingPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const list = useResource((signal) => forwardingApi.list(api, signal), [api]);
  const [name, setName] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [kind, setKind] = useState<'basic' | 'bearer'>('basic');
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [verbs, setVerbs] = useState('');
  const [prefix, setPrefix] = useState('');
  const [includeExisting, setIncludeExisting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [removing, setRemoving] = useState<ForwardingDestination | null>(null);

  const create = useAsyncAction(async () => {
    if (!name.trim() || !endpoint.trim() || !secret || (kind === 'basic' && !key)) {
      setAttempt((n) => n + 1);
      throw new Error(t('admin.forwarding.missing'));
    }
    await forwardingApi.create(api, {
      name: name.trim(),
      endpoint: endpoint.trim(),
      auth: kind === 'basic' ? { kind, key, secret } : { kind, token: secret },
      filter: { verbs: parseVerbs(verbs), activityPrefix: prefix.trim() || null },
      includeExisting,
    });
    showToast(t('admin.forwarding.created', { name: name.trim() }), 'success');
    setName('');
    setEndpoint('');
    setKey('');
    setSecret('');
    setVerbs('');
    setPrefix('');
    setIncludeExisting(false);
    list.reload();
  });
  const toggle = useAsyncAction(async (d: ForwardingDestination) => {
    await forwardingApi.setPaused(api, d.id, !d.paused);
    list.reload();
  });
  const remove = useAsyncAction(async () => {
    if (!removing) return;
    await forwardingApi.remove(api, removing.id);
    setRemoving(null);
    list.reload();
  });

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('admin.forwarding.title')}</PageHeading>
      <AdminNav />
      <p>{t('admin.forwarding.intro')}</p>

      <section class="admin-section stack" aria-labelledby="fw-list">
        <h2 id="fw-list">{t('admin.forwarding.listTitle')}</h2>
        {toggle.error !== null && <Alert tone="error">{i18n.errorMessage(toggle.error)}</Alert>}
        <Loaded
          resource={list}
          isEmpty={(data) => data.items.length === 0}
          empty={<EmptyState title={t('admin.forwarding.empty')} />}
        >
          {(data) => (
            <Table caption={t('admin.forwarding.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('admin.forwarding.name')}</th>
                  <th scope="col">{t('admin.forwarding.state')}</th>
                  <th scope="col">{t('admin.forwarding.pending')}</th>
                  <th scope="col">{t('admin.forwarding.delivered')}</th>
                  <th scope="col">{t('admin.forwarding.lastError')}</th>
                  <th scope="col">{t('admin.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <span dir="auto">{d.name}</span>
                      <br />
                      <code dir="ltr" class="admin-code">
                        {d.endpoint}
                      </code>
                    </th>
                    <td>{t(d.paused ? 'admin.forwarding.paused' : 'admin.forwarding.active')}</td>
                    <td>{i18n.formatNumber(d.status.pending)}</td>
                    <td>
                      {i18n.formatNumber(d.status.delivered)}
                      {d.status.lastDeliveredAt && (
                        <>
                          <br />
                          {t('admin.forwarding.lastDelivered', {
                            date: i18n.formatDate(d.status.lastDeliveredAt),
                          })}
                        </>
                      )}
                    </td>
                    <td>
                      {d.status.lastError ? (
                        <>
                          <span dir="ltr">{d.status.lastError}</span>
                          {d.status.nextAttemptAt && (
                            <>
                              <br />
                              {t('admin.forwarding.retryAt', {
                                date: i18n.formatDate(d.status.nextAttemptAt),
                              })}
                            </>
                          )}
                        </>
                      ) : (
                        t('admin.forwarding.noError')
                      )}
                    </td>
                    <td>
                      <Button variant="quiet" busy={toggle.busy} onClick={() => void toggle.run(d)}>
                        {t(d.paused ? 'admin.forwarding.resume' : 'admin.forwarding.pause')}
                        <span class="sr-only"> {d.name}</span>
                      </Button>
                      <Button variant="quiet" class="admin-danger-text" onClick={() => setRemoving(d)}>
                        {t('admin.forwarding.remove')}
                        <span class="sr-only"> {d.name}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Loaded>
      </section>

      <Form
        class="admin-subform stack"
        onSubmit={create.run}
        busy={create.busy}
        invalidAttempt={attempt}
        aria-labelledby="fw-create"
      >
        <h2 id="fw-create">{t('admin.forwarding.createTitle')}</h2>
        {create.error !== null && <Alert tone="error">{i18n.errorMessage(create.error)}</Alert>}
        <TextField label={t('admin.forwarding.name')} maxLength={100} value={name} onValue={setName} />
        <TextField
          label={t('admin.forwarding.endpoint')}
          description={t('admin.forwarding.endpointHint')}
          type="url"
          dir="ltr"
          value={endpoint}
          onValue={setEndpoint}
        />
        <Select
          label={t('admin.forwarding.auth')}
          value={kind}
          options={[
            { value: 'basic', label: t('admin.forwarding.authBasic') },
            { value: 'bearer', label: t('admin.forwarding.authBearer') },
          ]}
          onValue={(v) => setKind(v === 'bearer' ? 'bearer' : 'basic')}
        />
        {kind === 'basic' && (
          <TextField
            label={t('admin.forwarding.key')}
            dir="ltr"
            autocomplete="off"
            value={key}
            onValue={setKey}
          />
        )}
        <TextField
          label={t(kind === 'basic' ? 'admin.forwarding.secret' : 'admin.forwarding.token')}
          description={t('admin.forwarding.secretHint')}
          type="password"
          dir="ltr"
          autocomplete="new-password"
          value={secret}
          onValue={setSecret}
        />
        <TextArea
          label={t('admin.forwarding.verbs')}
          description={t('admin.forwarding.verbsHint')}
          optional
          dir="ltr"
          value={verbs}
          onValue={setVerbs}
        />
        <TextField
          label={t('admin.forwarding.prefix')}
          description={t('admin.forwarding.prefixHint')}
          optional
          dir="ltr"
          value={prefix}
          onValue={setPrefix}
        />
        <Checkbox
          label={t('admin.forwarding.includeExisting')}
          checked={includeExisting}
          onChecked={setIncludeExisting}
        />
        <FormActions>
          <Button type="submit" variant="primary" busy={create.busy}>
            {t('admin.forwarding.create')}
          </Button>
        </FormActions>
      </Form>

      <ConfirmDialog
        open={removing !== null}
        title={removing ? t('admin.forwarding.removeTitle', { name: removing.name }) : ''}
        confirmLabel={t('admin.forwarding.remove')}
        danger
        action={remove}
        onCancel={() => {
          setRemoving(null);
        }}
      >
        <p>{t('admin.forwarding.removeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
