import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reachReport, periodOf, type ReachSession } from './cinema.reach.js';
import {
  AGE_BANDS,
  CINEMA_SEXES,
  PlanContent,
  SessionLogInput,
  attendanceTotal,
  emptyAttendance,
  sessionLogProblems,
  type PlanStep,
  type SessionLog,
} from './cinema.schema.js';

const PLAN_ID = '01900000-0000-7000-8000-000000000001';
const FACILITATOR = '01900000-0000-7000-8000-0000000000f1';
const OTHER_FACILITATOR = '01900000-0000-7000-8000-0000000000f2';

const steps: PlanStep[] = [
  {
    id: 'quiz',
    kind: 'groupQuiz',
    question: 'Which is safe water?',
    options: ['Boiled', 'River'],
    correctOption: 0,
    notes: '',
  },
  {
    id: 'poll',
    kind: 'poll',
    question: 'Did you like the film?',
    options: ['Yes', 'No', 'Not sure'],
    notes: '',
  },
  { id: 'mood', kind: 'checkIn', prompt: 'How do you feel?', notes: '' },
];

function log(overrides: Partial<SessionLog> = {}): SessionLog {
  const attendance = emptyAttendance();
  attendance.female['6-11'] = 12;
  attendance.male['6-11'] = 10;
  attendance.unrecorded['0-5'] = 3;
  return SessionLogInput.parse({
    id: '01900000-0000-7000-8000-00000000a001',
    planId: PLAN_ID,
    date: '2026-11-20',
    place: 'Camp school, tent 3',
    region: 'Idlib',
    facilitatorIds: [FACILITATOR],
    startedAt: '2026-11-20T09:00:00Z',
    endedAt: '2026-11-20T10:10:00Z',
    attendance,
    withDisability: 2,
    activities: [
      { stepId: 'quiz', counts: [18, 4] },
      { stepId: 'poll', counts: [20, 1, 4] },
    ],
    checkIns: [{ stepId: 'mood', counts: { very_sad: 1, sad: 2, okay: 5, happy: 10, very_happy: 7 } }],
    ...overrides,
  });
}

describe('Learning Cinema plans', () => {
  it('accepts a plan with every kind of step', () => {
    const plan = PlanContent.parse({
      title: 'Clean water',
      ageBand: '6-11',
      durationMinutes: 60,
      language: 'ar',
      steps: [
        { id: 'a', kind: 'media', itemId: PLAN_ID, title: 'Film' },
        { id: 'b', kind: 'discussion', prompt: 'Where do you get water?', seconds: 300 },
        ...steps,
        {
          id: 'c',
          kind: 'break',
          style: 'breathing',
          seconds: 60,
          instructions: ['Breathe in', 'Breathe out'],
        },
        { id: 'd', kind: 'reflection', style: 'drawing', prompt: 'Draw your well' },
      ],
    });
    expect(plan.steps.map((step) => step.kind)).toEqual([
      'media',
      'discussion',
      'groupQuiz',
      'poll',
      'checkIn',
      'break',
      'reflection',
    ]);
    expect(plan.shared).toBe(false);
  });

  it('refuses repeated step ids and a right answer that is not an option', () => {
    const result = PlanContent.safeParse({
      title: 'T',
      ageBand: '6-11',
      durationMinutes: 30,
      language: 'en',
      steps: [
        { id: 'x', kind: 'groupQuiz', question: 'Q', options: ['a', 'b'], correctOption: 3 },
        { id: 'x', kind: 'checkIn', prompt: 'P' },
      ],
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toContain('step id "x" is repeated');
    expect(messages).toContain('the right option must be one of the options');
  });
});

describe('Learning Cinema session logs', () => {
  it('accepts a log whose parts add up', () => {
    expect(sessionLogProblems(log(), steps, '2026-11-28')).toEqual([]);
  });

  it('refuses negative, fractional and absurd counts by shape', () => {
    const attendance = emptyAttendance();
    attendance.male['12-17'] = -1;
    expect(SessionLogInput.safeParse({ ...log(), attendance }).success).toBe(false);
    attendance.male['12-17'] = 2.5;
    expect(SessionLogInput.safeParse({ ...log(), attendance }).success).toBe(false);
    attendance.male['12-17'] = 5000;
    expect(SessionLogInput.safeParse({ ...log(), attendance }).success).toBe(false);
  });

  it('finds totals that do not add up, times out of order and foreign steps', () => {
    const problems = sessionLogProblems(
      log({
        withDisability: 40,
        endedAt: '2026-11-20T08:00:00Z',
        date: '2026-12-01',
        latitude: 35.9,
        activities: [
          { stepId: 'quiz', counts: [30, 4] },
          { stepId: 'poll', counts: [1, 1] },
          { stepId: 'mood', counts: [1, 1] },
        ],
        checkIns: [{ stepId: 'mood', counts: { very_sad: 0, sad: 0, okay: 0, happy: 0, very_happy: 26 } }],
      }),
      steps,
      '2026-11-28',
    );
    expect(problems.map((problem) => `${problem.path}:${problem.code}`)).toEqual([
      'withDisability:more_than_attendance',
      'endedAt:before_start',
      'date:in_future',
      'latitude:half_coordinates',
      'activities.0:more_than_attendance',
      'activities.1:option_count',
      'activities.2:unknown_step',
      'checkIns.0:repeated_step',
      'checkIns.0:more_than_attendance',
    ]);
  });
});

const cell = fc.integer({ min: 0, max: 40 });
const arbitrarySession = fc
  .record({
    n: fc.integer({ min: 1, max: 1_000_000 }),
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    region: fc.constantFrom('Idlib', 'Aleppo', ''),
    cells: fc.array(cell, { minLength: 16, maxLength: 16 }),
    second: fc.boolean(),
    referral: fc.boolean(),
  })
  .map(({ n, day, month, region, cells, second, referral }): ReachSession => {
    const attendance = emptyAttendance();
    let index = 0;
    for (const sex of CINEMA_SEXES) for (const band of AGE_BANDS) attendance[sex][band] = cells[index++] ?? 0;
    const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return {
      ...log({
        id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`,
        attendance,
        region,
        date,
        referral,
      }),
      facilitatorIds: second ? [FACILITATOR, OTHER_FACILITATOR] : [FACILITATOR],
      withDisability: Math.min(1, attendanceTotal(attendance)),
      planTitle: 'Clean water',
    };
  });

describe('Learning Cinema reach', () => {
  it('puts a date in its month, quarter and year', () => {
    expect(periodOf('2026-11-20', 'month')).toBe('2026-11');
    expect(periodOf('2026-11-20', 'quarter')).toBe('2026-Q4');
    expect(periodOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-11-20', 'year')).toBe('2026');
  });

  it('adds every breakdown up to the same total, in any order of the logs', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySession, { maxLength: 25 }), (sessions) => {
        const report = reachReport(sessions, 'quarter');
        const reversed = reachReport([...sessions].reverse(), 'quarter');
        expect(reversed).toEqual(report);
        const total = sessions.reduce((sum, session) => sum + attendanceTotal(session.attendance), 0);
        const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
        expect(report.reached).toBe(total);
        expect(sum(Object.values(report.bySex))).toBe(total);
        expect(sum(Object.values(report.byAgeBand))).toBe(total);
        expect(sum(report.byRegion.map((group) => group.reached))).toBe(total);
        expect(sum(report.byPeriod.map((group) => group.reached))).toBe(total);
        expect(sum(report.byPeriod.map((group) => group.sessions))).toBe(sessions.length);
        expect(report.referrals).toBe(sessions.filter((session) => session.referral).length);
        const first = report.byFacilitator.find((group) => group.key === FACILITATOR);
        expect(first?.sessions ?? 0).toBe(sessions.length);
      }),
    );
  });

  it('reports the well-being mean per period on the 1 to 5 scale', () => {
    const report = reachReport([{ ...log(), planTitle: 'Clean water' }], 'month');
    expect(report.wellbeing).toEqual([
      {
        period: '2026-11',
        counts: { very_sad: 1, sad: 2, okay: 5, happy: 10, very_happy: 7 },
        mean: Math.round(((1 * 1 + 2 * 2 + 5 * 3 + 10 * 4 + 7 * 5) / 25) * 100) / 100,
      },
    ]);
  });
});
