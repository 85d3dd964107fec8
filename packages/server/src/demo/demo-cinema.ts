import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyAttendance, uuidv7, type PlanContentInput, type Role } from '@satchel/core';
import type { Services } from '../app/services.js';
import type { Actor } from '../http/context.js';

// Learning Cinema in the demo: two library items (the handwashing film and its cover), one shared
// "Clean water" plan that uses every kind of step, and a few past sessions from the demo
// facilitator, so the plans page, the console and the reach report all have something to show.

export const DEMO_CINEMA_PLAN_TITLE = 'Clean water, healthy families';

export interface DemoCinemaPeople {
  readonly tenantId: string;
  readonly contentDir: string;
  readonly facilitator: { readonly id: string; readonly username: string; readonly displayName: string };
}

function actorOf(tenantId: string, user: DemoCinemaPeople['facilitator'], roles: Role[]): Actor {
  return {
    userId: user.id,
    tenantId,
    username: user.username,
    displayName: user.displayName,
    roles,
    isOperator: false,
    via: 'session',
    sessionId: null,
  };
}

async function libraryItem(
  services: Services,
  people: DemoCinemaPeople,
  file: string,
  mediaType: string,
  item: { kind: 'video' | 'image'; title: string; description: string },
): Promise<string> {
  const blob = await services.blobs.putBuffer(
    people.tenantId,
    await readFile(join(people.contentDir, 'media', file)),
    mediaType,
  );
  const created = await services.library.create(people.tenantId, people.facilitator.id, {
    ...item,
    file: blob,
    licence: 'CC0-1.0',
    author: 'Satchel project',
    language: 'en',
  });
  return created.id;
}

function cleanWaterPlan(filmId: string, pictureId: string): PlanContentInput {
  return {
    title: DEMO_CINEMA_PLAN_TITLE,
    description: 'A film about washing hands with clean water, then talk, a quiz, a poll and a drawing.',
    ageBand: '6-11',
    durationMinutes: 60,
    language: 'en',
    tags: ['hygiene', 'wash', 'mhpss'],
    shared: true,
    steps: [
      {
        id: 'welcome',
        kind: 'checkIn',
        prompt: 'How are you feeling today?',
        notes: 'Count hands per face.',
      },
      { id: 'film', kind: 'media', itemId: filmId, title: 'Washing hands', notes: 'Pause after the soap.' },
      {
        id: 'talk',
        kind: 'discussion',
        prompt: 'Where does the water at home come from? How do you keep it clean?',
        seconds: 300,
        notes: 'Let small groups talk first, then share.',
      },
      {
        id: 'quiz',
        kind: 'groupQuiz',
        question: 'When should we wash our hands?',
        options: ['Before eating', 'Only when they look dirty', 'Once a week'],
        correctOption: 0,
        notes: '',
      },
      {
        id: 'poll',
        kind: 'poll',
        question: 'Is there soap near where you wash your hands?',
        options: ['Yes', 'Sometimes', 'No'],
        notes: '',
      },
      {
        id: 'breathe',
        kind: 'break',
        style: 'breathing',
        seconds: 60,
        instructions: ['Breathe in slowly', 'Hold', 'Breathe out slowly'],
        notes: '',
      },
      { id: 'picture', kind: 'media', itemId: pictureId, title: 'Clean hands', notes: '' },
      {
        id: 'draw',
        kind: 'reflection',
        style: 'drawing',
        prompt: 'Draw your family keeping water clean.',
        seconds: 600,
        notes: 'Walk around; do not correct drawings.',
      },
      { id: 'goodbye', kind: 'checkIn', prompt: 'How are you feeling now?', notes: '' },
    ],
  };
}

/** Past sessions: place, region, date offset in days, attendance by sex for 6–11, and a few counts. */
const PAST = [
  { place: 'Kakuma school hall', region: 'Turkana', daysAgo: 40, girls: 14, boys: 12, disability: 2 },
  { place: 'Kalobeyei community centre', region: 'Turkana', daysAgo: 21, girls: 9, boys: 11, disability: 1 },
  { place: 'Dadaab youth tent', region: 'Garissa', daysAgo: 7, girls: 18, boys: 15, disability: 3 },
] as const;

/** Creates the demo library items, the shared plan and the past session logs; returns the plan id. */
export async function seedCinema(services: Services, people: DemoCinemaPeople): Promise<string> {
  const now = new Date();
  const filmId = await libraryItem(services, people, 'handwashing.en.webm', 'video/webm', {
    kind: 'video',
    title: 'Washing hands (film)',
    description: 'A short film on washing hands with soap and clean water.',
  });
  const pictureId = await libraryItem(services, people, 'cover-handwashing.en.png', 'image/png', {
    kind: 'image',
    title: 'Clean hands (picture)',
    description: 'A picture to talk about after the film.',
  });
  const actor = actorOf(people.tenantId, people.facilitator, ['facilitator']);
  const plan = await services.cinema.createPlan(people.tenantId, actor, cleanWaterPlan(filmId, pictureId));
  for (const past of PAST) {
    const day = new Date(now.getTime() - past.daysAgo * 24 * 3600_000);
    const date = day.toISOString().slice(0, 10);
    const attendance = emptyAttendance();
    attendance.female['6-11'] = past.girls;
    attendance.male['6-11'] = past.boys;
    const reached = past.girls + past.boys;
    await services.cinema.recordSession(people.tenantId, actor, {
      id: uuidv7(),
      planId: plan.id,
      date,
      place: past.place,
      region: past.region,
      facilitatorIds: [people.facilitator.id],
      team: 'Team North',
      startedAt: `${date}T09:00:00.000Z`,
      endedAt: `${date}T10:05:00.000Z`,
      attendance,
      withDisability: past.disability,
      activities: [
        { stepId: 'quiz', counts: [reached - 6, 4, 2] },
        { stepId: 'poll', counts: [Math.floor(reached / 2), 5, reached - Math.floor(reached / 2) - 5] },
      ],
      checkIns: [
        { stepId: 'welcome', counts: { very_sad: 1, sad: 2, okay: 5, happy: 6, very_happy: 4 } },
        { stepId: 'goodbye', counts: { very_sad: 0, sad: 1, okay: 4, happy: 7, very_happy: 6 } },
      ],
      notes: '',
      referral: false,
      stepsCompleted: 9,
    });
  }
  return plan.id;
}
