import type { CreatedLrsCredential, LrsCredential } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import {
  Alert,
  Button,
  EmptyState,
  Form,
  FormActions,
  PageHeading,
  showToast,
  Table,
  TextField,
  useAsyncAction,
} from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import '../admin.css';
import { AdminNav } from '../parts/AdminNav.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { NewCredentialDialog } from './NewCredentialDialog.js';

/** Where outside tools send and read xAPI statements: this server's LRS. */
export function lrsEndpoint(origin: string): string {
  return `${origin}/xapi/`;
}

/** Keys and secrets that let outside tools (an LMS, an analytics tool) use this platform's LRS. */
export default function LrsPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const list = useResource((signal) => adminApi.lrsCredentials(api, signal), [api]);
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<CreatedLrsCredential | null>(null);
  const [revoking, setRevoking] = useState<LrsCredential | null>(null);
  const endpoint = lrsEndpoint(window.location.origin);

  const create = useAsyncAction(async () => {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 100) {
      setNameProblem(t(trimmed === '' ? 'common.fieldRequired' : 'admin.lrs.nameTooLong'));
      setAttempt((count) => count + 1);
      return;
    }
    setNameProblem(null);
    setCreated(await adminApi.createLrsCredential(api, trimmed));
    setName('');
    list.reload();
  });
  const revoke = useAsyncAction(async () => {
    if (!revoking) return;
    await adminApi.revokeLrsCredential(api, revoking.id);
    showToast(t('admin.lrs.revokedDone', { name: revoking.name }), 'success');
    setRevoking(null);
    list.reload();
  });

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('admin.lrs.title')}</PageHeading>
      <AdminNav />
      <p>{t('admin.lrs.intro')}</p>
      <dl class="facts admin-facts">
        <div>
          <dt>{t('admin.lrs.endpoint')}</dt>
          <dd>
            <code dir="ltr">{endpoint}</code>
          </dd>
        </div>
      </dl>

      <Form
        class="admin-subform stack"
        onSubmit={create.run}
        busy={create.busy}
        invalidAttempt={attempt}
        aria-labelledby="lrs-create"
      >
        <h2 id="lrs-create">{t('admin.lrs.createTitle')}</h2>
        {create.error !== null && <Alert tone="error">{i18n.errorMessage(create.error)}</Alert>}
        <TextField
          label={t('admin.lrs.name')}
          description={t('admin.lrs.nameHint')}
          maxLength={100}
          autocomplete="off"
          value={name}
          onValue={setName}
          error={nameProblem}
        />
        <FormActions>
          <Button type="submit" variant="primary" busy={create.busy}>
            {t('admin.lrs.create')}
          </Button>
        </FormActions>
      </Form>

      <section class="admin-section stack" aria-labelledby="lrs-list">
        <h2 id="lrs-list">{t('admin.lrs.listTitle')}</h2>
        <Loaded
          resource={list}
          isEmpty={(data) => data.items.length === 0}
          empty={<EmptyState title={t('admin.lrs.empty')} />}
        >
          {(data) => (
            <Table caption={t('admin.lrs.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('admin.lrs.name')}</th>
                  <th scope="col">{t('admin.lrs.key')}</th>
                  <th scope="col">{t('admin.lrs.created')}</th>
                  <th scope="col">{t('admin.lrs.status')}</th>
                  <th scope="col">{t('admin.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((credential) => (
                  <tr key={credential.id}>
                    <th scope="row" dir="auto">
                      {credential.name}
                    </th>
                    <td>
                      <code dir="ltr" class="admin-code">
                        {credential.key}
                      </code>
                    </td>
                    <td>{i18n.formatDate(credential.createdAt)}</td>
                    <td>
                      {credential.revokedAt
                        ? t('admin.lrs.revokedOn', { date: i18n.formatDate(credential.revokedAt) })
                        : t('admin.lrs.active')}
                    </td>
                    <td>
                      {!credential.revokedAt && (
                        <Button
                          variant="quiet"
                          class="admin-danger-text"
                          onClick={() => setRevoking(credential)}
                        >
                          {t('admin.lrs.revoke')}
                          <span class="sr-only"> {credential.name}</span>
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

      <NewCredentialDialog credential={created} endpoint={endpoint} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? t('admin.lrs.revokeTitle', { name: revoking.name }) : ''}
        confirmLabel={t('admin.lrs.revoke')}
        danger
        action={revoke}
        onCancel={() => {
          setRevoking(null);
        }}
      >
        <p>{t('admin.lrs.revokeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
