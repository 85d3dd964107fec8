import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useT } from '../../../i18n/i18n.js';
import { Select } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';

export interface PathPickerProps {
  readonly value: string;
  readonly onValue: (pathId: string) => void;
  readonly error?: string | null;
  readonly id?: string;
}

/** A published learning path (a sequence of courses). */
export function PathPicker({ value, onValue, error, id }: PathPickerProps) {
  const t = useT();
  const api = useApi();
  const paths = useResource((signal) => adminApi.paths(api, signal), [api]);
  return (
    <Loaded resource={paths}>
      {(data) => (
        <div id={id}>
          <Select
            label={t('admin.picker.path')}
            description={data.items.length === 0 ? t('admin.picker.noPaths') : undefined}
            value={value}
            error={error}
            options={[
              { value: '', label: t('admin.picker.choosePath') },
              ...data.items.map((path) => ({
                value: path.id,
                label: t('admin.picker.pathOption', { title: path.title, count: path.courseCount }),
              })),
            ]}
            onValue={onValue}
          />
        </div>
      )}
    </Loaded>
  );
}
