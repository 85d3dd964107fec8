import {
  AGE_BANDS,
  CINEMA_SEXES,
  MOODS,
  attendanceTotal,
  type Attendance,
  type PlanStep,
} from '@satchel/core';
import { useI18n } from '../../i18n/i18n.js';
import { MoodFace } from './MoodFace.js';
import type { RunState } from './run-state.js';

const LETTERS = 'ABCDEFGH';

function CountInput({
  label,
  value,
  onValue,
}: {
  readonly label: string;
  readonly value: number;
  readonly onValue: (value: number) => void;
}) {
  const { t } = useI18n();
  return (
    <span class="count-input">
      <button
        type="button"
        class="button button--secondary count-input__step"
        aria-label={t('cinema.count.less', { label })}
        onClick={() => onValue(Math.max(0, value - 1))}
      >
        −
      </button>
      <input
        type="number"
        inputMode="numeric"
        min={0}
        max={500}
        class="field__control count-input__value"
        aria-label={label}
        value={String(value)}
        onInput={(event) => onValue(Number.parseInt(event.currentTarget.value || '0', 10))}
      />
      <button
        type="button"
        class="button button--secondary count-input__step"
        aria-label={t('cinema.count.more', { label })}
        onClick={() => onValue(value + 1)}
      >
        +
      </button>
    </span>
  );
}

/** Show-of-hands counts for the quiz or poll on screen, or the check-in's faces. */
export function StepCounts({
  step,
  state,
  onOption,
  onMood,
}: {
  readonly step: PlanStep;
  readonly state: RunState;
  readonly onOption: (option: number, value: number) => void;
  readonly onMood: (mood: (typeof MOODS)[number], value: number) => void;
}) {
  const { t } = useI18n();
  if (step.kind === 'groupQuiz' || step.kind === 'poll') {
    const counts = state.counts[step.id] ?? step.options.map(() => 0);
    return (
      <fieldset class="cinema-fieldset cinema-counts">
        <legend>{t('cinema.count.hands')}</legend>
        {step.options.map((option, index) => (
          <div key={index} class="cinema-counts__row">
            <span class="cinema-counts__label">
              {LETTERS[index]}. {option}
            </span>
            <CountInput
              label={t('cinema.count.option', { letter: LETTERS[index] ?? '', option })}
              value={counts[index] ?? 0}
              onValue={(value) => onOption(index, value)}
            />
          </div>
        ))}
      </fieldset>
    );
  }
  if (step.kind === 'checkIn') {
    const moods = state.moods[step.id] ?? { very_sad: 0, sad: 0, okay: 0, happy: 0, very_happy: 0 };
    return (
      <fieldset class="cinema-fieldset cinema-counts">
        <legend>{t('cinema.count.moods')}</legend>
        {MOODS.map((mood) => (
          <div key={mood} class="cinema-counts__row">
            <span class="cinema-counts__label">
              <MoodFace mood={mood} size={32} /> {t(`cinema.mood.${mood}`)}
            </span>
            <CountInput
              label={t(`cinema.mood.${mood}`)}
              value={moods[mood]}
              onValue={(value) => onMood(mood, value)}
            />
          </div>
        ))}
      </fieldset>
    );
  }
  return null;
}

/** Attendance by sex and age band, with a running total; counts only, never names. */
export function AttendanceGrid({
  attendance,
  withDisability,
  onCell,
  onDisability,
}: {
  readonly attendance: Attendance;
  readonly withDisability: number;
  readonly onCell: (
    sex: (typeof CINEMA_SEXES)[number],
    band: (typeof AGE_BANDS)[number],
    value: number,
  ) => void;
  readonly onDisability: (value: number) => void;
}) {
  const { t, formatNumber } = useI18n();
  const total = attendanceTotal(attendance);
  return (
    <fieldset class="cinema-fieldset">
      <legend>{t('cinema.attendance.title')}</legend>
      <div class="table-scroll">
        <table class="table cinema-attendance">
          <caption class="sr-only">{t('cinema.attendance.caption')}</caption>
          <thead>
            <tr>
              <td />
              {AGE_BANDS.map((band) => (
                <th key={band} scope="col">
                  {t(`cinema.age.${band}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CINEMA_SEXES.map((sex) => (
              <tr key={sex}>
                <th scope="row">{t(`cinema.sex.${sex}`)}</th>
                {AGE_BANDS.map((band) => (
                  <td key={band}>
                    <CountInput
                      label={t('cinema.attendance.cell', {
                        sex: t(`cinema.sex.${sex}`),
                        age: t(`cinema.age.${band}`),
                      })}
                      value={attendance[sex][band]}
                      onValue={(value) => onCell(sex, band, value)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="cinema-total" aria-live="polite">
        {t('cinema.attendance.total', { count: total, total: formatNumber(total) })}
      </p>
      <div class="cinema-counts__row">
        <span class="cinema-counts__label">{t('cinema.attendance.disability')}</span>
        <CountInput label={t('cinema.attendance.disability')} value={withDisability} onValue={onDisability} />
      </div>
    </fieldset>
  );
}
