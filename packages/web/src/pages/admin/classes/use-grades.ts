import { useMemo } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { curriculumOptions } from '../../learner/curriculum-names.js';
import { adminApi } from '../admin-api.js';

/** The curriculum's grades by id, named in the reader's language (empty until loaded, or on failure). */
export function useGradeNames(): ReadonlyMap<string, string> {
  const api = useApi();
  const { locale } = useI18n();
  const curriculum = useResource((signal) => adminApi.curriculum(api, signal), [api]);
  return useMemo(() => {
    if (curriculum.status !== 'ready') return new Map<string, string>();
    return new Map(
      curriculumOptions(curriculum.data.frameworks, locale).grades.map((grade) => [grade.value, grade.label]),
    );
  }, [curriculum, locale]);
}
