import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { endonym } from '../../../i18n/locales.js';
import { Button, Select, TextField } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';

export interface CourseChoice {
  readonly courseId: string;
  readonly title: string;
}

export interface CoursePickerProps {
  readonly value: CourseChoice | null;
  readonly onValue: (course: CourseChoice | null) => void;
  readonly error?: string | null;
  /** Id of the select's wrapper, for error summary links. */
  readonly id?: string;
  readonly label?: string;
}

/**
 * A published course, chosen from a list that a search narrows (the catalog's first 100 matches).
 * It is not a form of its own, so it can sit inside one: Enter in the search box searches.
 */
export function CoursePicker({ value, onValue, error, id, label }: CoursePickerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [text, setText] = useState('');
  const [applied, setApplied] = useState('');
  const courses = useResource((signal) => adminApi.publishedCourses(api, applied, signal), [api, applied]);
  const items = courses.status === 'ready' ? courses.data.items : [];
  // A new search may not list the chosen course; it stays in the list so the choice stays visible.
  const chosenUnlisted = value !== null && !items.some((item) => item.courseId === value.courseId);

  return (
    <div class="stack admin-picker">
      <div class="admin-inline-search">
        <TextField
          label={t('admin.picker.findCourse')}
          type="search"
          optional
          maxLength={200}
          value={text}
          onValue={setText}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            setApplied(text.trim());
          }}
        />
        <Button onClick={() => setApplied(text.trim())}>{t('admin.picker.find')}</Button>
      </div>
      <Loaded resource={courses}>
        {(data) => (
          <div id={id}>
            <Select
              label={label ?? t('admin.picker.course')}
              description={
                items.length === 0
                  ? t('admin.picker.noCourses')
                  : data.total > items.length
                    ? t('admin.picker.someOf', { shown: items.length, count: data.total })
                    : undefined
              }
              value={value?.courseId ?? ''}
              error={error}
              options={[
                { value: '', label: t('admin.picker.chooseCourse') },
                ...(chosenUnlisted ? [{ value: value.courseId, label: value.title }] : []),
                ...items.map((item) => ({
                  value: item.courseId,
                  label: `${item.title} (${endonym(item.language)})`,
                })),
              ]}
              onValue={(courseId) => {
                const item = items.find((candidate) => candidate.courseId === courseId);
                if (item) onValue({ courseId: item.courseId, title: item.title });
                else if (courseId === '') onValue(null);
              }}
            />
          </div>
        )}
      </Loaded>
    </div>
  );
}
