import { useApi } from '../../../app/context.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { ProgressBar } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';

/**
 * How much of the platform's storage is used, and the largest file it takes. Only the settings endpoint
 * reports this and only administrators may read it, so authors who are not administrators see nothing.
 */
export function StorageUse({ revision }: { readonly revision: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const settings = useResource((signal) => authorApi.settings(api, signal), [api, revision]);
  if (settings.status !== 'ready') return null;
  const { storageUsedBytes: used, storageLimitBytes: limit, uploadLimitBytes: upload } = settings.data;
  const text = t('author.storage.used', { used: i18n.formatBytes(used), limit: i18n.formatBytes(limit) });
  return (
    <div class="author-storage stack">
      <p>
        {text} {t('author.storage.uploadLimit', { size: i18n.formatBytes(upload) })}
      </p>
      <ProgressBar
        value={limit > 0 ? (used / limit) * 100 : 0}
        label={t('author.storage.label')}
        valueText={text}
      />
    </div>
  );
}
