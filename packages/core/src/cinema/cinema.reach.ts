import {
  AGE_BANDS,
  CINEMA_SEXES,
  MOODS,
  attendanceTotal,
  emptyAttendance,
  type AgeBand,
  type Attendance,
  type CinemaSex,
  type Mood,
  type SessionLog,
} from './cinema.schema.js';

// Reach reports are computed from session logs by one pure function, so the national server,
// a hub and the facilitator's laptop show the same numbers for the same logs.

export type ReachPeriod = 'month' | 'quarter' | 'year';

export interface ReachSession extends SessionLog {
  planTitle: string;
}

export interface ReachGroup {
  key: string;
  sessions: number;
  reached: number;
  withDisability: number;
}

export interface WellbeingPoint {
  period: string;
  counts: Record<Mood, number>;
  /** Mean on the 1 (very sad) to 5 (very happy) scale; null when nobody checked in. */
  mean: number | null;
}

export interface ReachReport {
  sessions: number;
  reached: number;
  withDisability: number;
  referrals: number;
  bySex: Record<CinemaSex, number>;
  byAgeBand: Record<AgeBand, number>;
  bySexAndAge: Attendance;
  byRegion: ReachGroup[];
  byPeriod: ReachGroup[];
  byPlan: (ReachGroup & { title: string })[];
  byFacilitator: ReachGroup[];
  byTeam: ReachGroup[];
  wellbeing: WellbeingPoint[];
}

export function periodOf(date: string, period: ReachPeriod): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (period) {
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return year;
  }
}

const emptyMoods = (): Record<Mood, number> => ({ very_sad: 0, sad: 0, okay: 0, happy: 0, very_happy: 0 });

function moodMean(counts: Record<Mood, number>): number | null {
  let n = 0;
  let sum = 0;
  MOODS.forEach((mood, index) => {
    n += counts[mood];
    sum += counts[mood] * (index + 1);
  });
  return n === 0 ? null : Math.round((sum / n) * 100) / 100;
}

class Groups {
  private readonly groups = new Map<string, ReachGroup>();
  add(key: string, reached: number, withDisability: number): void {
    const group = this.groups.get(key) ?? { key, sessions: 0, reached: 0, withDisability: 0 };
    group.sessions += 1;
    group.reached += reached;
    group.withDisability += withDisability;
    this.groups.set(key, group);
  }
  sorted(): ReachGroup[] {
    return [...this.groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/**
 * Sessions held and people reached, disaggregated the ways programmes report them. A session
 * with several facilitators counts once for each of them (each was there), and once in every
 * other breakdown.
 */
export function reachReport(sessions: readonly ReachSession[], period: ReachPeriod): ReachReport {
  const bySexAndAge = emptyAttendance();
  const regions = new Groups();
  const periods = new Groups();
  const facilitators = new Groups();
  const teams = new Groups();
  const plans = new Groups();
  const planTitles = new Map<string, string>();
  const moods = new Map<string, Record<Mood, number>>();
  let reached = 0;
  let withDisability = 0;
  let referrals = 0;
  for (const session of sessions) {
    const total = attendanceTotal(session.attendance);
    reached += total;
    withDisability += session.withDisability;
    if (session.referral) referrals += 1;
    for (const sex of CINEMA_SEXES) {
      for (const band of AGE_BANDS) bySexAndAge[sex][band] += session.attendance[sex][band];
    }
    const when = periodOf(session.date, period);
    regions.add(session.region || '', total, session.withDisability);
    periods.add(when, total, session.withDisability);
    teams.add(session.team || '', total, session.withDisability);
    plans.add(session.planId, total, session.withDisability);
    planTitles.set(session.planId, session.planTitle);
    for (const facilitator of new Set(session.facilitatorIds)) {
      facilitators.add(facilitator, total, session.withDisability);
    }
    const periodMoods = moods.get(when) ?? emptyMoods();
    for (const checkIn of session.checkIns)
      for (const mood of MOODS) periodMoods[mood] += checkIn.counts[mood];
    moods.set(when, periodMoods);
  }
  const bySex = Object.fromEntries(
    CINEMA_SEXES.map((sex) => [sex, AGE_BANDS.reduce((sum, band) => sum + bySexAndAge[sex][band], 0)]),
  ) as Record<CinemaSex, number>;
  const byAgeBand = Object.fromEntries(
    AGE_BANDS.map((band) => [band, CINEMA_SEXES.reduce((sum, sex) => sum + bySexAndAge[sex][band], 0)]),
  ) as Record<AgeBand, number>;
  return {
    sessions: sessions.length,
    reached,
    withDisability,
    referrals,
    bySex,
    byAgeBand,
    bySexAndAge,
    byRegion: regions.sorted(),
    byPeriod: periods.sorted(),
    byPlan: plans
      .sorted()
      .map((group) => ({ ...group, title: planTitles.get(group.key) ?? '' }))
      .sort((a, b) => b.reached - a.reached || a.title.localeCompare(b.title)),
    byFacilitator: facilitators.sorted(),
    byTeam: teams.sorted(),
    wellbeing: [...moods.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([when, counts]) => ({ period: when, counts, mean: moodMean(counts) })),
  };
}
