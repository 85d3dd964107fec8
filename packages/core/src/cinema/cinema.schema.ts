import { z } from 'zod';

// Learning Cinema: a facilitator runs a planned session for a group with a laptop and a
// projector, often with no network for days. Plans are authored content; session logs are
// the record of reach. Logs hold aggregates only (counts), never a child's name, so they can
// travel upstream and be reported on without personal data.

export const CINEMA_SEXES = ['female', 'male', 'other', 'unrecorded'] as const;
export const CinemaSex = z.enum(CINEMA_SEXES);
export type CinemaSex = z.infer<typeof CinemaSex>;

export const AGE_BANDS = ['0-5', '6-11', '12-17', '18+'] as const;
export const AgeBand = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof AgeBand>;

/** The pictorial well-being scale, from very sad to very happy; check-ins record counts per mood. */
export const MOODS = ['very_sad', 'sad', 'okay', 'happy', 'very_happy'] as const;
export const Mood = z.enum(MOODS);
export type Mood = z.infer<typeof Mood>;

/** Larger than any group one facilitator can hold in a room; a bigger number is a typing slip. */
export const MAX_COUNT_PER_CELL = 500;
export const MAX_ATTENDANCE = 1000;

const Text = (max: number) => z.string().trim().max(max);
const StepId = z.string().min(1).max(64);
const Seconds = z
  .number()
  .int()
  .min(10)
  .max(60 * 60);
const Options = z.array(Text(200).min(1)).min(2).max(8);
const Notes = Text(4000).default('');

export const MediaStep = z.object({
  id: StepId,
  kind: z.literal('media'),
  /** A library item (video, image or PDF slides). */
  itemId: z.uuid(),
  title: Text(200).min(1),
  notes: Notes,
});
export const DiscussionStep = z.object({
  id: StepId,
  kind: z.literal('discussion'),
  prompt: Text(1000).min(1),
  seconds: Seconds,
  notes: Notes,
});
export const GroupQuizStep = z.object({
  id: StepId,
  kind: z.literal('groupQuiz'),
  question: Text(1000).min(1),
  options: Options,
  /** The option the facilitator reveals as right, when there is one. */
  correctOption: z.number().int().min(0).max(7).nullable().default(null),
  notes: Notes,
});
export const PollStep = z.object({
  id: StepId,
  kind: z.literal('poll'),
  question: Text(1000).min(1),
  options: Options,
  notes: Notes,
});
export const CheckInStep = z.object({
  id: StepId,
  kind: z.literal('checkIn'),
  prompt: Text(500).min(1),
  notes: Notes,
});
export const BreakStep = z.object({
  id: StepId,
  kind: z.literal('break'),
  style: z.enum(['movement', 'breathing']),
  seconds: Seconds,
  /** Shown one at a time on the projector, large. */
  instructions: z.array(Text(300).min(1)).min(1).max(12),
  notes: Notes,
});
export const ReflectionStep = z.object({
  id: StepId,
  kind: z.literal('reflection'),
  style: z.enum(['drawing', 'reflection']),
  prompt: Text(1000).min(1),
  seconds: Seconds.nullable().default(null),
  notes: Notes,
});

export const PlanStep = z.discriminatedUnion('kind', [
  MediaStep,
  DiscussionStep,
  GroupQuizStep,
  PollStep,
  CheckInStep,
  BreakStep,
  ReflectionStep,
]);
export type PlanStep = z.infer<typeof PlanStep>;
export type PlanStepKind = PlanStep['kind'];
export const PLAN_STEP_KINDS: readonly PlanStepKind[] = [
  'media',
  'discussion',
  'groupQuiz',
  'poll',
  'checkIn',
  'break',
  'reflection',
];

export const PlanContent = z
  .object({
    title: Text(200).min(1),
    description: Text(4000).default(''),
    ageBand: AgeBand,
    durationMinutes: z.number().int().min(5).max(480),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or ar'),
    /** Curriculum outcome codes or free topic tags (e.g. "mhpss"). */
    tags: z.array(Text(80).min(1)).max(30).default([]),
    /** Shared plans are visible to (and usable by) every facilitator of the tenant. */
    shared: z.boolean().default(false),
    steps: z.array(PlanStep).min(1).max(60),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'id'],
          message: `step id "${step.id}" is repeated`,
        });
      }
      seen.add(step.id);
      if (
        step.kind === 'groupQuiz' &&
        step.correctOption !== null &&
        step.correctOption >= step.options.length
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'correctOption'],
          message: 'the right option must be one of the options',
        });
      }
    });
  });
export type PlanContent = z.infer<typeof PlanContent>;
export type PlanContentInput = z.input<typeof PlanContent>;

const Count = z
  .number()
  .int('counts are whole numbers')
  .min(0, 'counts cannot be negative')
  .max(MAX_COUNT_PER_CELL, `no single count can pass ${MAX_COUNT_PER_CELL}`);

const AgeRow = z.object({ '0-5': Count, '6-11': Count, '12-17': Count, '18+': Count });

/** Attendance by sex, then by age band: `attendance.female['6-11']`. */
export const Attendance = z.object({ female: AgeRow, male: AgeRow, other: AgeRow, unrecorded: AgeRow });
export type Attendance = Record<CinemaSex, Record<AgeBand, number>>;

export const ActivityCounts = z.object({ stepId: StepId, counts: z.array(Count).min(2).max(8) });
export type ActivityCounts = z.infer<typeof ActivityCounts>;
export const CheckInCounts = z.object({
  stepId: StepId,
  counts: z.object({ very_sad: Count, sad: Count, okay: Count, happy: Count, very_happy: Count }),
});
export type CheckInCounts = z.infer<typeof CheckInCounts>;

const IsoTime = z.iso.datetime({ offset: true });

/** A session as the facilitator's laptop records it; `id` is made on the laptop (UUIDv7). */
export const SessionLogInput = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  date: z.iso.date(),
  place: Text(200).default(''),
  region: Text(120).default(''),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  facilitatorIds: z.array(z.uuid()).min(1).max(10),
  team: Text(120).default(''),
  startedAt: IsoTime,
  endedAt: IsoTime,
  attendance: Attendance,
  withDisability: z.number().int().min(0).max(MAX_ATTENDANCE),
  activities: z.array(ActivityCounts).max(60).default([]),
  checkIns: z.array(CheckInCounts).max(60).default([]),
  notes: Text(4000).default(''),
  /** A child was referred to protection services; the details stay off the platform. */
  referral: z.boolean().default(false),
  /** The last step reached (a session cut short still counts). */
  stepsCompleted: z.number().int().min(0).max(60).default(0),
});
export type SessionLogInput = z.input<typeof SessionLogInput>;
export type SessionLog = z.infer<typeof SessionLogInput>;

export function attendanceTotal(attendance: Attendance): number {
  let total = 0;
  for (const sex of CINEMA_SEXES) for (const band of AGE_BANDS) total += attendance[sex][band];
  return total;
}

export function emptyAttendance(): Attendance {
  const row = (): Record<AgeBand, number> => ({ '0-5': 0, '6-11': 0, '12-17': 0, '18+': 0 });
  return { female: row(), male: row(), other: row(), unrecorded: row() };
}

export interface SessionProblem {
  path: string;
  code: string;
  message: string;
}

/**
 * The rules a session log must keep beyond its shape: the parts add up (nobody with a
 * disability, voting or checking in who was not counted present), the times make sense, and
 * the activity counts belong to steps of the plan. `planSteps` is the plan the session ran.
 */
export function sessionLogProblems(
  log: SessionLog,
  planSteps: readonly PlanStep[],
  today: string,
): SessionProblem[] {
  const problems: SessionProblem[] = [];
  const total = attendanceTotal(log.attendance);
  if (total > MAX_ATTENDANCE) {
    problems.push({
      path: 'attendance',
      code: 'too_many',
      message: `attendance adds up to ${total}, more than ${MAX_ATTENDANCE}`,
    });
  }
  if (log.withDisability > total) {
    problems.push({
      path: 'withDisability',
      code: 'more_than_attendance',
      message: `${log.withDisability} with a disability but only ${total} attended`,
    });
  }
  if (Date.parse(log.endedAt) < Date.parse(log.startedAt)) {
    problems.push({ path: 'endedAt', code: 'before_start', message: 'the session ends before it starts' });
  }
  if (Date.parse(log.endedAt) - Date.parse(log.startedAt) > 24 * 3600_000) {
    problems.push({ path: 'endedAt', code: 'too_long', message: 'a session cannot last more than a day' });
  }
  if (log.date > today) {
    problems.push({ path: 'date', code: 'in_future', message: `the date ${log.date} is in the future` });
  }
  if ((log.latitude === null) !== (log.longitude === null)) {
    problems.push({
      path: 'latitude',
      code: 'half_coordinates',
      message: 'give both latitude and longitude, or neither',
    });
  }
  if (log.stepsCompleted > planSteps.length) {
    problems.push({
      path: 'stepsCompleted',
      code: 'past_plan',
      message: 'more steps completed than the plan holds',
    });
  }
  const steps = new Map(planSteps.map((step) => [step.id, step]));
  const seen = new Set<string>();
  log.activities.forEach((activity, index) => {
    const step = steps.get(activity.stepId);
    const path = `activities.${index}`;
    if (seen.has(activity.stepId)) {
      problems.push({ path, code: 'repeated_step', message: `step "${activity.stepId}" is counted twice` });
    }
    seen.add(activity.stepId);
    if (!step || (step.kind !== 'groupQuiz' && step.kind !== 'poll')) {
      problems.push({
        path,
        code: 'unknown_step',
        message: `"${activity.stepId}" is not a quiz or poll of this plan`,
      });
      return;
    }
    if (activity.counts.length !== step.options.length) {
      problems.push({
        path,
        code: 'option_count',
        message: `step "${step.id}" has ${step.options.length} options, ${activity.counts.length} counts were given`,
      });
    }
    const answers = activity.counts.reduce((sum, n) => sum + n, 0);
    if (answers > total) {
      problems.push({
        path,
        code: 'more_than_attendance',
        message: `${answers} answers but only ${total} attended`,
      });
    }
  });
  log.checkIns.forEach((checkIn, index) => {
    const step = steps.get(checkIn.stepId);
    const path = `checkIns.${index}`;
    if (seen.has(checkIn.stepId)) {
      problems.push({ path, code: 'repeated_step', message: `step "${checkIn.stepId}" is counted twice` });
    }
    seen.add(checkIn.stepId);
    if (step?.kind !== 'checkIn') {
      problems.push({
        path,
        code: 'unknown_step',
        message: `"${checkIn.stepId}" is not a check-in of this plan`,
      });
      return;
    }
    const answers = MOODS.reduce((sum, mood) => sum + checkIn.counts[mood], 0);
    if (answers > total) {
      problems.push({
        path,
        code: 'more_than_attendance',
        message: `${answers} check-ins but only ${total} attended`,
      });
    }
  });
  return problems;
}
