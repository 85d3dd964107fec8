import type { FacilitatorListResponse } from '@satchel/core';
import { useI18n } from '../../i18n/i18n.js';
import { Checkbox, TextField } from '../../ui/index.js';
import type { RunSetup } from './run-state.js';

interface SessionSetupProps {
  readonly setup: RunSetup;
  readonly userId: string;
  readonly facilitators: FacilitatorListResponse['items'];
  readonly onChange: (patch: Partial<RunSetup>) => void;
}

/** Where and with whom, before the session starts; all of it can wait for the end if the room is ready. */
export function SessionSetup({ setup, userId, facilitators, onChange }: SessionSetupProps) {
  const { t } = useI18n();
  const others = facilitators.filter((person) => person.id !== userId);
  return (
    <fieldset class="stack cinema-fieldset">
      <legend>{t('cinema.run.setupTitle')}</legend>
      <div class="cinema-grid">
        <TextField
          label={t('cinema.run.date')}
          type="text"
          inputMode="numeric"
          pattern="\d{4}-\d{2}-\d{2}"
          description={t('cinema.run.dateHelp')}
          value={setup.date}
          onValue={(date) => onChange({ date })}
        />
        <TextField
          label={t('cinema.run.place')}
          optional
          maxLength={200}
          value={setup.place}
          onValue={(place) => onChange({ place })}
        />
        <TextField
          label={t('cinema.run.region')}
          optional
          maxLength={120}
          value={setup.region}
          onValue={(region) => onChange({ region })}
        />
        <TextField
          label={t('cinema.run.team')}
          optional
          maxLength={120}
          value={setup.team}
          onValue={(team) => onChange({ team })}
        />
        <TextField
          label={t('cinema.run.latitude')}
          optional
          inputMode="decimal"
          value={setup.latitude}
          onValue={(latitude) => onChange({ latitude })}
        />
        <TextField
          label={t('cinema.run.longitude')}
          optional
          inputMode="decimal"
          value={setup.longitude}
          onValue={(longitude) => onChange({ longitude })}
        />
      </div>
      {others.length > 0 && (
        <fieldset class="cinema-fieldset">
          <legend>{t('cinema.run.coFacilitators')}</legend>
          {others.map((person) => (
            <Checkbox
              key={person.id}
              label={person.displayName}
              checked={setup.facilitatorIds.includes(person.id)}
              onChecked={(checked) =>
                onChange({
                  facilitatorIds: checked
                    ? [...setup.facilitatorIds, person.id]
                    : setup.facilitatorIds.filter((id) => id !== person.id),
                })
              }
            />
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}
