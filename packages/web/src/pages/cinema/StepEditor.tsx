import type { CinemaLibraryResponse, PlanStep } from '@satchel/core';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages/en.js';
import { Button, Select, TextArea, TextField } from '../../ui/index.js';

export type EditableStep = PlanStep;

const MEDIA_KINDS: Readonly<Record<string, MessageKey>> = {
  video: 'cinema.mediaKind.video',
  audio: 'cinema.mediaKind.audio',
  image: 'cinema.mediaKind.image',
  pdf: 'cinema.mediaKind.pdf',
};
const mediaKindName = (t: (key: MessageKey) => string, kind: string): string => {
  const key = MEDIA_KINDS[kind];
  return key ? t(key) : kind;
};
type MediaItem = CinemaLibraryResponse['items'][number];

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

const seconds = (text: string, fallback: number): number => {
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : fallback;
};

/** A new step of a kind, with text an author replaces; ids only need to be unique within the plan. */
export function blankStep(kind: PlanStep['kind'], id: string, mediaItem: MediaItem | undefined): PlanStep {
  switch (kind) {
    case 'media':
      return { id, kind, itemId: mediaItem?.itemId ?? '', title: mediaItem?.title ?? '', notes: '' };
    case 'discussion':
      return { id, kind, prompt: '', seconds: 300, notes: '' };
    case 'groupQuiz':
      return { id, kind, question: '', options: ['', ''], correctOption: null, notes: '' };
    case 'poll':
      return { id, kind, question: '', options: ['', ''], notes: '' };
    case 'checkIn':
      return { id, kind, prompt: '', notes: '' };
    case 'break':
      return { id, kind, style: 'breathing', seconds: 60, instructions: [], notes: '' };
    case 'reflection':
      return { id, kind, style: 'drawing', prompt: '', seconds: null, notes: '' };
  }
}

interface StepEditorProps {
  readonly step: PlanStep;
  readonly index: number;
  readonly count: number;
  readonly media: readonly MediaItem[];
  readonly readOnly: boolean;
  readonly onChange: (step: PlanStep) => void;
  readonly onMove: (delta: -1 | 1) => void;
  readonly onRemove: () => void;
}

/** One step of a plan, its fields by kind; every control labelled, reachable by keyboard. */
export function StepEditor({
  step,
  index,
  count,
  media,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: StepEditorProps) {
  const { t } = useI18n();
  const kindLabel = t(`cinema.step.kind.${step.kind}`);
  const notes = (
    <TextArea
      label={t('cinema.step.notes')}
      description={t('cinema.step.notesHelp')}
      optional
      rows={2}
      value={step.notes}
      disabled={readOnly}
      onValue={(value) => onChange({ ...step, notes: value })}
    />
  );
  let fields;
  switch (step.kind) {
    case 'media':
      fields = (
        <>
          <Select
            label={t('cinema.step.item')}
            value={step.itemId}
            disabled={readOnly}
            onValue={(itemId) => {
              const item = media.find((candidate) => candidate.itemId === itemId);
              const previous = media.find((candidate) => candidate.itemId === step.itemId);
              // A title the author did not change follows the item; one they typed stays.
              const keep = step.title !== '' && step.title !== previous?.title;
              onChange({ ...step, itemId, title: keep ? step.title : (item?.title ?? '') });
            }}
            options={[
              { value: '', label: t('cinema.step.chooseItem') },
              ...media.map((item) => ({
                value: item.itemId,
                label: `${item.title} (${mediaKindName(t, item.kind)})`,
              })),
            ]}
          />
          <TextField
            label={t('cinema.step.title')}
            value={step.title}
            maxLength={200}
            disabled={readOnly}
            onValue={(title) => onChange({ ...step, title })}
          />
        </>
      );
      break;
    case 'discussion':
      fields = (
        <>
          <TextArea
            label={t('cinema.step.prompt')}
            value={step.prompt}
            maxLength={1000}
            disabled={readOnly}
            onValue={(prompt) => onChange({ ...step, prompt })}
          />
          <TextField
            label={t('cinema.step.seconds')}
            type="number"
            min={10}
            max={3600}
            value={String(step.seconds)}
            disabled={readOnly}
            onValue={(value) => onChange({ ...step, seconds: seconds(value, step.seconds) })}
          />
        </>
      );
      break;
    case 'groupQuiz':
    case 'poll':
      fields = (
        <>
          <TextArea
            label={t('cinema.step.question')}
            value={step.question}
            maxLength={1000}
            disabled={readOnly}
            onValue={(question) => onChange({ ...step, question })}
          />
          <TextArea
            label={t('cinema.step.options')}
            description={t('cinema.step.optionsHelp')}
            rows={4}
            value={step.options.join('\n')}
            disabled={readOnly}
            onValue={(value) => {
              const options = value
                .split('\n')
                .map((line) => line.trimStart())
                .slice(0, 8);
              onChange({ ...step, options });
            }}
          />
          {step.kind === 'groupQuiz' && (
            <Select
              label={t('cinema.step.correct')}
              optional
              value={step.correctOption === null ? '' : String(step.correctOption)}
              disabled={readOnly}
              onValue={(value) => onChange({ ...step, correctOption: value === '' ? null : Number(value) })}
              options={[
                { value: '', label: t('cinema.step.noCorrect') },
                ...step.options.map((option, optionIndex) => ({
                  value: String(optionIndex),
                  label: option || `#${optionIndex + 1}`,
                })),
              ]}
            />
          )}
        </>
      );
      break;
    case 'checkIn':
      fields = (
        <TextArea
          label={t('cinema.step.prompt')}
          value={step.prompt}
          maxLength={500}
          disabled={readOnly}
          onValue={(prompt) => onChange({ ...step, prompt })}
        />
      );
      break;
    case 'break':
      fields = (
        <>
          <Select
            label={t('cinema.step.breakStyle')}
            value={step.style}
            disabled={readOnly}
            onValue={(style) => onChange({ ...step, style: style === 'movement' ? 'movement' : 'breathing' })}
            options={[
              { value: 'breathing', label: t('cinema.step.breathing') },
              { value: 'movement', label: t('cinema.step.movement') },
            ]}
          />
          <TextField
            label={t('cinema.step.seconds')}
            type="number"
            min={10}
            max={3600}
            value={String(step.seconds)}
            disabled={readOnly}
            onValue={(value) => onChange({ ...step, seconds: seconds(value, step.seconds) })}
          />
          <TextArea
            label={t('cinema.step.instructions')}
            description={t('cinema.step.instructionsHelp')}
            value={step.instructions.join('\n')}
            disabled={readOnly}
            onValue={(value) => onChange({ ...step, instructions: lines(value) })}
          />
        </>
      );
      break;
    case 'reflection':
      fields = (
        <>
          <Select
            label={t('cinema.step.reflectionStyle')}
            value={step.style}
            disabled={readOnly}
            onValue={(style) =>
              onChange({ ...step, style: style === 'reflection' ? 'reflection' : 'drawing' })
            }
            options={[
              { value: 'drawing', label: t('cinema.step.drawing') },
              { value: 'reflection', label: t('cinema.step.reflection') },
            ]}
          />
          <TextArea
            label={t('cinema.step.prompt')}
            value={step.prompt}
            maxLength={1000}
            disabled={readOnly}
            onValue={(prompt) => onChange({ ...step, prompt })}
          />
          <TextField
            label={t('cinema.step.seconds')}
            optional
            type="number"
            min={10}
            max={3600}
            value={step.seconds === null ? '' : String(step.seconds)}
            disabled={readOnly}
            onValue={(value) =>
              onChange({ ...step, seconds: value.trim() === '' ? null : seconds(value, 60) })
            }
          />
        </>
      );
      break;
  }
  return (
    <fieldset class="cinema-step card">
      <legend class="cinema-step__legend">
        {t('cinema.step.legend', { number: index + 1, kind: kindLabel })}
      </legend>
      {fields}
      {notes}
      {!readOnly && (
        <div class="cinema-actions">
          <Button
            variant="secondary"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={t('cinema.step.moveUpLabel', { number: index + 1 })}
          >
            {t('cinema.step.moveUp')}
          </Button>
          <Button
            variant="secondary"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={t('cinema.step.moveDownLabel', { number: index + 1 })}
          >
            {t('cinema.step.moveDown')}
          </Button>
          <Button
            variant="danger"
            onClick={onRemove}
            aria-label={t('cinema.step.removeLabel', { number: index + 1 })}
          >
            {t('cinema.step.remove')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
