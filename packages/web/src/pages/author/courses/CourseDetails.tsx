import { useState } from 'preact/hooks';
import type { AuthoringCourseSummary, Category, EnrolmentPolicy } from '@satchel/core';
import { useApi, useTenant } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Button, Dialog, Select, TextField } from '../../../ui/index.js';
import { fieldIds } from '../field-ids.js';
import { LibraryPicker } from '../library/LibraryPicker.js';
import { CheckboxGroup } from '../parts/CheckboxGroup.js';
import { languageOptions } from '../parts/languages.js';
import { TextArea } from '../parts/TextArea.js';
import { CurriculumTags } from './CurriculumTags.js';
import { flattenCategories } from './curriculum-choices.js';
import type { CourseFields } from './draft-ops.js';
import { useEditor } from './editor-context.js';
import { EnrolmentPolicySelect } from './EnrolmentPolicySelect.js';

export interface CourseDetailsProps {
  readonly enrolmentPolicy: EnrolmentPolicy;
  readonly categories: readonly Category[];
  /** Other courses of the platform, for prerequisites. */
  readonly otherCourses: readonly Pick<AuthoringCourseSummary, 'id' | 'title'>[];
}

/** What the catalog shows about a course and who may take it. */
export function CourseDetails({ enrolmentPolicy, categories, otherCourses }: CourseDetailsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const api = useApi();
  const { content, dispatch, problemAt } = useEditor();
  const [pickingCover, setPickingCover] = useState(false);
  const set = (patch: Partial<CourseFields>) => dispatch({ type: 'setCourse', patch });
  const audiences = [
    ...tenant.audiences,
    ...content.audiences.filter((audience) => !tenant.audiences.includes(audience)),
  ];
  const categoryChoices = flattenCategories(categories, i18n.locale);

  return (
    <section class="stack" aria-labelledby="course-details-heading">
      <h2 id="course-details-heading">{t('author.course.details')}</h2>
      <div id={fieldIds.course('title')}>
        <TextField
          label={t('author.course.title')}
          maxLength={300}
          value={content.title}
          onValue={(title) => set({ title })}
          error={problemAt(fieldIds.course('title'))}
        />
      </div>
      <div id={fieldIds.course('description')}>
        <TextArea
          label={t('author.course.description')}
          description={t('author.course.descriptionHint')}
          optional
          maxLength={10_000}
          rows={5}
          value={content.description}
          onValue={(description) => set({ description })}
          error={problemAt(fieldIds.course('description'))}
        />
      </div>
      <div id={fieldIds.course('language')}>
        <Select
          label={t('author.course.language')}
          value={content.language}
          onValue={(language) => set({ language })}
          options={languageOptions(tenant.locales, content.language)}
        />
      </div>
      <div id={fieldIds.course('category')}>
        <Select
          label={t('author.course.category')}
          optional
          value={content.categoryId ?? ''}
          onValue={(value) => set({ categoryId: value === '' ? null : value })}
          error={problemAt(fieldIds.course('category'))}
          options={[
            { value: '', label: t('author.course.noCategory') },
            ...categoryChoices.map((choice) => ({
              value: choice.id,
              label: `${'— '.repeat(choice.depth)}${choice.name}`,
            })),
            ...(content.categoryId && !categoryChoices.some((choice) => choice.id === content.categoryId)
              ? [{ value: content.categoryId, label: t('author.course.unknownCategory') }]
              : []),
          ]}
        />
      </div>
      <CurriculumTags />
      <CheckboxGroup
        legend={t('author.course.audiences')}
        description={t('author.course.audiencesHint')}
        choices={audiences.map((audience) => ({ value: audience, label: audience }))}
        selected={content.audiences}
        onChange={(selected) => set({ audiences: selected })}
        empty={<p class="field__description">{t('author.course.noAudiences')}</p>}
      />
      <div id={fieldIds.course('cover')} class="stack author-cover">
        <h3 class="field__label">{t('author.course.cover')}</h3>
        {problemAt(fieldIds.course('cover')) && (
          <p class="field__error">{problemAt(fieldIds.course('cover'))}</p>
        )}
        {content.coverImage ? (
          <img
            class="author-cover__image"
            src={api.url(`/blobs/${content.coverImage.sha256}`)}
            alt={t('author.course.coverAlt')}
          />
        ) : (
          <p class="field__description">{t('author.course.noCover')}</p>
        )}
        <div class="author-actions">
          <Button onClick={() => setPickingCover(true)}>{t('author.course.chooseCover')}</Button>
          {content.coverImage && (
            <Button variant="quiet" onClick={() => set({ coverImage: null })}>
              {t('author.course.removeCover')}
            </Button>
          )}
        </div>
      </div>
      <CheckboxGroup
        id={fieldIds.course('prerequisites')}
        legend={t('author.course.prerequisites')}
        description={t('author.course.prerequisitesHint')}
        error={problemAt(fieldIds.course('prerequisites'))}
        scroll
        choices={otherCourses.map((course) => ({ value: course.id, label: course.title }))}
        selected={content.prerequisiteCourseIds}
        onChange={(selected) => set({ prerequisiteCourseIds: selected })}
        empty={<p class="field__description">{t('author.course.noOtherCourses')}</p>}
      />
      <EnrolmentPolicySelect
        value={enrolmentPolicy}
        onValue={(policy) => dispatch({ type: 'setPolicy', policy })}
      />
      <Dialog
        open={pickingCover}
        onClose={() => setPickingCover(false)}
        title={t('author.course.chooseCover')}
      >
        {pickingCover && (
          <LibraryPicker
            kind="image"
            actionLabel={t('author.picker.use')}
            onPick={(item) => {
              if (item.file) set({ coverImage: item.file });
              setPickingCover(false);
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
