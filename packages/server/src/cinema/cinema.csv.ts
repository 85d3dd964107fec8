import { AGE_BANDS, CINEMA_SEXES, MOODS, type SessionView } from '@satchel/core';
import { toCsv, type CsvFile } from '../reports/reports.csv.js';

// One row per session with every count as its own column, so a programme's analysts can pivot
// by sex, age band, region or period in a spreadsheet. Names of children never appear.

export function sessionsCsv(sessions: readonly SessionView[], today: string): CsvFile {
  const cells = CINEMA_SEXES.flatMap((sex) => AGE_BANDS.map((band) => ({ sex, band })));
  const header = [
    'session_id',
    'date',
    'region',
    'place',
    'latitude',
    'longitude',
    'team',
    'plan',
    'facilitators',
    'started_at',
    'ended_at',
    ...cells.map(({ sex, band }) => `${sex}_${band}`),
    'total',
    'with_disability',
    ...MOODS.map((mood) => `checkin_${mood}`),
    'referral',
    'steps_completed',
  ];
  const rows = sessions.map((session) => {
    const moods = MOODS.map((mood) =>
      session.checkIns.reduce((sum, checkIn) => sum + (checkIn.counts[mood] ?? 0), 0),
    );
    return [
      session.id,
      session.date,
      session.region,
      session.place,
      session.latitude,
      session.longitude,
      session.team,
      session.planTitle,
      session.facilitatorNames.join('; '),
      session.startedAt,
      session.endedAt,
      ...cells.map(({ sex, band }) => session.attendance[sex][band]),
      session.reached,
      session.withDisability,
      ...moods,
      session.referral ? 'yes' : 'no',
      session.stepsCompleted,
    ];
  });
  return { filename: `cinema-sessions-${today}.csv`, body: toCsv(header, rows) };
}
