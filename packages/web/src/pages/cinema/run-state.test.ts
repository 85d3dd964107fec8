import { SessionLogInput, sessionLogProblems, type PlanDetail } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { afterInterruption, shortcutFor, stageFrame } from './run-frame.js';
import {
  goTo,
  newRun,
  parseSavedRun,
  remainingMs,
  sessionLog,
  setAttendance,
  setMoodCount,
  setOptionCount,
  start,
  togglePause,
  turnPage,
} from './run-state.js';

const FILM = '01900000-0000-7000-8000-0000000000a1';
const USER = '01900000-0000-7000-8000-0000000000f1';
const plan: PlanDetail = {
  id: '01900000-0000-7000-8000-000000000001',
  title: 'Safe water',
  description: '',
  ageBand: '6-11',
  durationMinutes: 45,
  language: 'ar',
  tags: [],
  shared: false,
  stepCount: 4,
  ownerId: USER,
  ownerName: 'Amal',
  editable: true,
  updatedAt: '2026-11-01T00:00:00Z',
  version: 1,
  media: [
    {
      itemId: FILM,
      title: 'The well',
      kind: 'video',
      mediaType: 'video/mp4',
      size: 10,
      sha256: 'a'.repeat(64),
      licence: 'CC-BY-4.0',
      author: null,
      provider: null,
    },
  ],
  steps: [
    { id: 'film', kind: 'media', itemId: FILM, title: 'The well', notes: '' },
    {
      id: 'talk',
      kind: 'discussion',
      prompt: 'Where is your water from?',
      seconds: 120,
      notes: 'Ask the quiet ones',
    },
    {
      id: 'quiz',
      kind: 'groupQuiz',
      question: 'Safe?',
      options: ['Boiled', 'River'],
      correctOption: 0,
      notes: '',
    },
    { id: 'mood', kind: 'checkIn', prompt: 'How do you feel?', notes: '' },
  ],
};
const blobUrl = (sha: string) => `/api/t/field/blobs/${sha}`;

describe('a running Learning Cinema session', () => {
  it('walks the plan, keeps counts per step, and produces a log the server rules accept', () => {
    let run = start(
      newRun('01900000-0000-7000-8000-00000000e001', plan, USER, '2026-11-20'),
      plan,
      Date.parse('2026-11-20T09:00:00Z'),
    );
    expect(stageFrame(run, plan, blobUrl)).toMatchObject({
      media: { url: blobUrl('a'.repeat(64)), kind: 'video' },
      index: 0,
    });
    run = goTo(run, plan, 1);
    expect(run.timer).toEqual({ stepId: 'talk', remainingMs: 120_000, runningSince: null });
    run = togglePause(run, plan, 1_000);
    expect(remainingMs(run.timer!, 31_000)).toBe(90_000);
    run = goTo(run, plan, 2);
    run = setOptionCount(run, plan.steps[2]!, 0, 12);
    run = setOptionCount(run, plan.steps[2]!, 1, -4);
    expect(run.counts.quiz).toEqual([12, 0]);
    run = goTo(run, plan, 3);
    run = setMoodCount(run, 'mood', 'happy', 9);
    run = setAttendance(run, 'female', '6-11', 8);
    run = setAttendance(run, 'male', '6-11', 7);
    const log = SessionLogInput.parse(sessionLog(run, plan, Date.parse('2026-11-20T09:50:00Z')));
    expect(log).toMatchObject({
      startedAt: '2026-11-20T09:00:00.000Z',
      endedAt: '2026-11-20T09:50:00.000Z',
      activities: [{ stepId: 'quiz', counts: [12, 0] }],
      checkIns: [{ stepId: 'mood', counts: { happy: 9, very_sad: 0 } }],
      facilitatorIds: [USER],
      stepsCompleted: 4,
    });
    expect(sessionLogProblems(log, plan.steps, '2026-11-28')).toEqual([]);
  });

  it('stops nothing at the ends of the plan and never turns a slide below 1', () => {
    const run = start(newRun('01900000-0000-7000-8000-00000000e002', plan, USER, '2026-11-20'), plan, 0);
    expect(goTo(run, plan, -3).stepIndex).toBe(0);
    expect(goTo(run, plan, 99).stepIndex).toBe(3);
    expect(turnPage(run, -1).page).toBe(1);
    expect(turnPage(turnPage(run, 1), 1).page).toBe(3);
  });

  it('comes back after a power cut at the same step, counts kept, timers stopped', () => {
    let run = start(newRun('01900000-0000-7000-8000-00000000e003', plan, USER, '2026-11-20'), plan, 0);
    run = goTo(run, plan, 1);
    run = togglePause(run, plan, 5_000);
    run = setAttendance(run, 'other', '18+', 2);
    const saved = parseSavedRun(JSON.stringify(run));
    expect(saved).not.toBeNull();
    const resumed = afterInterruption(saved!);
    expect([resumed.stepIndex, resumed.attendance.other['18+'], resumed.timer?.runningSince]).toEqual([
      1,
      2,
      null,
    ]);
    expect(parseSavedRun('{"format":2}')).toBeNull();
    expect(parseSavedRun('not json')).toBeNull();
  });

  it('maps keys and clickers to actions, with arrows following the reading direction', () => {
    expect(['PageDown', 'PageUp', ' ', 'b', 'r'].map((key) => shortcutFor(key, false))).toEqual([
      'next',
      'previous',
      'pause',
      'blank',
      'reveal',
    ]);
    expect(shortcutFor('ArrowRight', false)).toBe('next');
    expect(shortcutFor('ArrowRight', true)).toBe('previous');
    expect(shortcutFor('x', false)).toBeNull();
  });
});
