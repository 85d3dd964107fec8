import { useApi } from '../../../app/context.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Select, Spinner } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';

export interface PathPickerProps {
  readonly value: string;
  readonly onValue: (pathId: string) => void;
  readonly error?: string | null;
  readonly id?: string;
}

/** A published learning path (a sequence of courses). */
export function PathPicker({ value, onValue, error, id }: PathPickerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const paths = useResource((signal) => adminApi.paths(api, signal), [api]);
  if (paths.status === 'loading') return <Spinner />;
  if (paths.status === 'error') {
    return (
      <Alert tone="error">
        <p>{i18n.errorMessage(paths.error)}</p>
        <Button onClick={paths.reload}>{t('common.retry')}</Button>
      </Alert>
    );
  }
  return (
    <div id={id}>
      <Select
        label={t('admin.picker.path')}
        description={paths.data.items.length === 0 ? t('admin.picker.noPaths') : undefined}
        value={value}
        error={error}
        options={[
          { value: '', label: t('admin.picker.choosePath') },
          ...paths.data.items.map((path) => ({
            value: path.id,
            label: t('admin.picker.pathOption', { title: path.title, count: path.courseCount }),
          })),
        ]}
        onValue={onValue}
      />
    </div>
  );
}
