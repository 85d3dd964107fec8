import { parseNumericInput, type QuizSettings } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Checkbox, Select } from '../../../ui/index.js';
import { fieldIds } from '../field-ids.js';
import { NumberField } from '../parts/NumberField.js';

export interface QuizSettingsFieldsProps {
  readonly lessonId: string;
  readonly settings: QuizSettings;
  readonly onChange: (settings: QuizSettings) => void;
  readonly problemAt: (target: string) => string | null;
}

/** How the quiz is taken: graded or practice, the pass mark, attempts, shuffling and feedback. */
export function QuizSettingsFields({ lessonId, settings, onChange, problemAt }: QuizSettingsFieldsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const set = (patch: Partial<QuizSettings>) => onChange({ ...settings, ...patch });
  const field = (name: string) => fieldIds.lessonField(lessonId, name);
  return (
    <fieldset class="author-fieldset stack">
      <legend class="field__label">{t('author.quiz.settings')}</legend>
      <Select
        label={t('author.quiz.mode')}
        description={settings.mode === 'graded' ? t('author.quiz.gradedHint') : t('author.quiz.practiceHint')}
        value={settings.mode}
        onValue={(mode) => set({ mode: mode === 'practice' ? 'practice' : 'graded' })}
        options={[
          { value: 'graded', label: t('author.quiz.graded') },
          { value: 'practice', label: t('author.quiz.practice') },
        ]}
      />
      <div id={field('passMark')}>
        <NumberField
          label={t('author.quiz.passMark')}
          description={t('author.quiz.passMarkHint')}
          parse={(text) => parseNumericInput(text.replace(/[%٪]/g, ''), i18n.locale)}
          value={Math.round(settings.passMark * 10_000) / 100}
          onValue={(percent) => set({ passMark: percent === undefined ? Number.NaN : percent / 100 })}
          error={problemAt(field('passMark'))}
        />
      </div>
      <Checkbox
        label={t('author.quiz.unlimited')}
        checked={settings.attemptLimit === null}
        onChecked={(unlimited) => set({ attemptLimit: unlimited ? null : 3 })}
      />
      {settings.attemptLimit !== null && (
        <div id={field('attemptLimit')}>
          <NumberField
            label={t('author.quiz.attemptLimit')}
            integer
            parse={(text) => parseNumericInput(text, i18n.locale)}
            value={settings.attemptLimit}
            onValue={(limit) => set({ attemptLimit: limit ?? Number.NaN })}
            error={problemAt(field('attemptLimit'))}
          />
        </div>
      )}
      <Checkbox
        label={t('author.quiz.shuffleQuestions')}
        checked={settings.shuffleQuestions}
        onChecked={(shuffleQuestions) => set({ shuffleQuestions })}
      />
      <Checkbox
        label={t('author.quiz.shuffleOptions')}
        checked={settings.shuffleOptions}
        onChecked={(shuffleOptions) => set({ shuffleOptions })}
      />
      <Checkbox
        label={t('author.quiz.showFeedback')}
        description={t('author.quiz.showFeedbackHint')}
        checked={settings.showFeedback}
        onChecked={(showFeedback) => set({ showFeedback })}
      />
    </fieldset>
  );
}
