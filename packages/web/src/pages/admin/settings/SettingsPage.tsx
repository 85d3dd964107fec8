import type { TenantSettings } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import { PageHeading } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import '../admin.css';
import './settings.css';
import { AdminNav } from '../parts/AdminNav.js';
import { SettingsForm } from './SettingsForm.js';

/** Platform settings: name, languages, audiences, sign-up, branding and storage. */
export default function SettingsPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const loaded = useResource((signal) => adminApi.settings(api, signal), [api]);
  // Bumped after a reload, so the form starts again from what the server holds.
  const [generation, setGeneration] = useState(0);
  const [saved, setSaved] = useState<TenantSettings | null>(null);

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('admin.settings.title')}</PageHeading>
      <AdminNav />
      <Loaded resource={loaded} block>
        {(data) => (
          <SettingsForm
            key={`${generation}`}
            settings={saved ?? data}
            onSaved={setSaved}
            onReload={() => {
              setSaved(null);
              setGeneration((count) => count + 1);
              loaded.reload();
            }}
          />
        )}
      </Loaded>
    </div>
  );
}
