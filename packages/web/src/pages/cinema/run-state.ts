import {
  MOODS,
  emptyAttendance,
  type AgeBand,
  type Attendance,
  type CinemaSex,
  type Mood,
  type PlanDetail,
  type PlanStep,
  type RecordSessionRequest,
} from '@satchel/core';

// A running Learning Cinema session, as plain data: every change is a pure function of the
// state, and the state is saved after each change, so a power cut resumes at the same step
// with every count intact.

export interface RunSetup {
  readonly date: string;
  readonly place: string;
  readonly region: string;
  readonly latitude: string;
  readonly longitude: string;
  readonly team: string;
  readonly facilitatorIds: readonly string[];
}

export interface StepTimer {
  readonly stepId: string;
  /** Time left when the timer last stopped. */
  readonly remainingMs: number;
  /** When it was last started (epoch ms); null while stopped. */
  readonly runningSince: number | null;
}

export type RunPhase = 'setup' | 'running' | 'closing';

export interface RunState {
  readonly format: 1;
  readonly sessionId: string;
  readonly planId: string;
  readonly phase: RunPhase;
  readonly stepIndex: number;
  /** The furthest step shown, for the log: a session cut short still counts what it showed. */
  readonly furthestStep: number;
  readonly startedAt: string | null;
  readonly timer: StepTimer | null;
  /** Media playing on the projector (the facilitator pauses with one key). */
  readonly playing: boolean;
  /** The projector shows black (a break, a question from the room). */
  readonly blank: boolean;
  /** A group quiz's answer and counts are on screen. */
  readonly revealed: boolean;
  /** The slide of a PDF step, from 1. */
  readonly page: number;
  readonly setup: RunSetup;
  readonly attendance: Attendance;
  readonly withDisability: number;
  readonly counts: Readonly<Record<string, readonly number[]>>;
  readonly moods: Readonly<Record<string, Readonly<Record<Mood, number>>>>;
  readonly notes: string;
  readonly referral: boolean;
}

export function newRun(sessionId: string, plan: PlanDetail, userId: string, today: string): RunState {
  return {
    format: 1,
    sessionId,
    planId: plan.id,
    phase: 'setup',
    stepIndex: 0,
    furthestStep: 0,
    startedAt: null,
    timer: null,
    playing: false,
    blank: false,
    revealed: false,
    page: 1,
    setup: {
      date: today,
      place: '',
      region: '',
      latitude: '',
      longitude: '',
      team: '',
      facilitatorIds: [userId],
    },
    attendance: emptyAttendance(),
    withDisability: 0,
    counts: {},
    moods: {},
    notes: '',
    referral: false,
  };
}

export function stepSeconds(step: PlanStep | undefined): number | null {
  if (!step) return null;
  switch (step.kind) {
    case 'discussion':
    case 'break':
      return step.seconds;
    case 'reflection':
      return step.seconds;
    case 'media':
    case 'groupQuiz':
    case 'poll':
    case 'checkIn':
      return null;
  }
}

function timerFor(step: PlanStep | undefined): StepTimer | null {
  const seconds = stepSeconds(step);
  return step && seconds !== null
    ? { stepId: step.id, remainingMs: seconds * 1000, runningSince: null }
    : null;
}

export function start(state: RunState, plan: PlanDetail, now: number): RunState {
  return {
    ...state,
    phase: 'running',
    startedAt: state.startedAt ?? new Date(now).toISOString(),
    stepIndex: 0,
    furthestStep: Math.max(state.furthestStep, 1),
    timer: timerFor(plan.steps[0]),
    playing: false,
    revealed: false,
    page: 1,
  };
}

export function goTo(state: RunState, plan: PlanDetail, index: number): RunState {
  const stepIndex = Math.max(0, Math.min(plan.steps.length - 1, index));
  if (stepIndex === state.stepIndex) return state;
  return {
    ...state,
    stepIndex,
    furthestStep: Math.max(state.furthestStep, stepIndex + 1),
    timer: timerFor(plan.steps[stepIndex]),
    playing: false,
    blank: false,
    revealed: false,
    page: 1,
  };
}

export function toggleReveal(state: RunState): RunState {
  return { ...state, revealed: !state.revealed };
}

export function turnPage(state: RunState, delta: number, pageCount = Number.POSITIVE_INFINITY): RunState {
  return { ...state, page: Math.max(1, Math.min(pageCount, state.page + delta)) };
}

export function remainingMs(timer: StepTimer, now: number): number {
  const elapsed = timer.runningSince === null ? 0 : now - timer.runningSince;
  return Math.max(0, timer.remainingMs - elapsed);
}

/** Space bar: starts or stops the step's timer, and plays or pauses its media. */
export function togglePause(state: RunState, plan: PlanDetail, now: number): RunState {
  const step = plan.steps[state.stepIndex];
  if (step?.kind === 'media') return { ...state, playing: !state.playing };
  const timer = state.timer;
  if (!timer) return state;
  return {
    ...state,
    timer:
      timer.runningSince === null
        ? { ...timer, runningSince: now }
        : { ...timer, remainingMs: remainingMs(timer, now), runningSince: null },
  };
}

export function resetTimer(state: RunState, plan: PlanDetail): RunState {
  return { ...state, timer: timerFor(plan.steps[state.stepIndex]) };
}

export function toggleBlank(state: RunState): RunState {
  return { ...state, blank: !state.blank };
}

const clampCount = (value: number): number => (Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0);

export function setOptionCount(state: RunState, step: PlanStep, option: number, value: number): RunState {
  if (step.kind !== 'groupQuiz' && step.kind !== 'poll') return state;
  const current = state.counts[step.id] ?? step.options.map(() => 0);
  const next = current.map((count, index) => (index === option ? clampCount(value) : count));
  return { ...state, counts: { ...state.counts, [step.id]: next } };
}

export function setMoodCount(state: RunState, stepId: string, mood: Mood, value: number): RunState {
  const current = state.moods[stepId] ?? { very_sad: 0, sad: 0, okay: 0, happy: 0, very_happy: 0 };
  return { ...state, moods: { ...state.moods, [stepId]: { ...current, [mood]: clampCount(value) } } };
}

export function setAttendance(state: RunState, sex: CinemaSex, band: AgeBand, value: number): RunState {
  return {
    ...state,
    attendance: { ...state.attendance, [sex]: { ...state.attendance[sex], [band]: clampCount(value) } },
  };
}

export function updateSetup(state: RunState, patch: Partial<RunSetup>): RunState {
  return { ...state, setup: { ...state.setup, ...patch } };
}

const coordinate = (text: string): number | null => {
  const value = Number.parseFloat(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
};

/** The log the server keeps: counts only, no names of the people in the room. */
export function sessionLog(state: RunState, plan: PlanDetail, endedAt: number): RecordSessionRequest {
  const started = state.startedAt ?? new Date(endedAt).toISOString();
  return {
    id: state.sessionId,
    planId: plan.id,
    date: state.setup.date,
    place: state.setup.place.trim(),
    region: state.setup.region.trim(),
    latitude: coordinate(state.setup.latitude),
    longitude: coordinate(state.setup.longitude),
    facilitatorIds: [...state.setup.facilitatorIds],
    team: state.setup.team.trim(),
    startedAt: started,
    endedAt: new Date(Math.max(endedAt, Date.parse(started))).toISOString(),
    attendance: state.attendance,
    withDisability: state.withDisability,
    activities: plan.steps.flatMap((step) =>
      (step.kind === 'groupQuiz' || step.kind === 'poll') && state.counts[step.id]
        ? [{ stepId: step.id, counts: [...(state.counts[step.id] ?? [])] }]
        : [],
    ),
    checkIns: plan.steps.flatMap((step) => {
      const moods = state.moods[step.id];
      return step.kind === 'checkIn' && moods && MOODS.some((mood) => moods[mood] > 0)
        ? [{ stepId: step.id, counts: { ...moods } }]
        : [];
    }),
    notes: state.notes.trim(),
    referral: state.referral,
    stepsCompleted: Math.min(state.furthestStep, plan.steps.length),
  };
}

/** A saved run, if it is one this code can continue; anything else (older format, garbage) is ignored. */
export function parseSavedRun(text: string | null): RunState | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<RunState> | null;
    if (
      !value ||
      value.format !== 1 ||
      typeof value.sessionId !== 'string' ||
      typeof value.planId !== 'string'
    ) {
      return null;
    }
    return value as RunState;
  } catch {
    return null;
  }
}
