import { describe, expect, it } from 'vitest';
import {
  formatIsoDuration,
  formatScorm12Time,
  launchCmi,
  parseIsoDuration,
  parseScorm12Time,
  snapshotFromCmi,
  type ScormStoredState,
} from './scorm-cmi.js';
import { flowNeighbour, lessonOutcome, parseNavRequest, startItem } from './scorm-nav.js';
import type { ScormItem } from './scorm.schema.js';

const learner = { id: 'u-1', name: 'Ana' };

function stored(extra: Partial<ScormStoredState> = {}): ScormStoredState {
  return {
    completion: 'incomplete',
    success: 'unknown',
    scoreScaled: null,
    scoreRaw: null,
    scoreMin: null,
    scoreMax: null,
    location: 'p3',
    suspendData: 'abc',
    exit: 'suspend',
    sessionSeconds: 30,
    progressMeasure: null,
    totalSeconds: 95.5,
    ...extra,
  };
}

describe('SCORM time formats', () => {
  it('reads and writes SCORM 1.2 timespans and ISO 8601 durations', () => {
    expect(parseScorm12Time('0001:02:03.5')).toBe(3723.5);
    expect(parseScorm12Time('nonsense')).toBe(0);
    expect(formatScorm12Time(3723.5)).toBe('01:02:03.50');
    expect(formatScorm12Time(0)).toBe('00:00:00');
    expect(parseIsoDuration('PT1H2M3.5S')).toBe(3723.5);
    expect(parseIsoDuration('P1DT1S')).toBe(86_401);
    expect(parseIsoDuration('PT')).toBe(0);
    expect(formatIsoDuration(3723.5)).toBe('PT1H2M3.5S');
    expect(formatIsoDuration(0)).toBe('PT0S');
  });
});

describe('snapshotFromCmi', () => {
  it('maps SCORM 1.2 lesson_status and a raw score to completion, success and a scaled score', () => {
    const snap = snapshotFromCmi('1.2', {
      suspend_data: 'x',
      core: {
        lesson_status: 'passed',
        lesson_location: '4',
        exit: 'suspend',
        session_time: '00:01:30',
        score: { raw: '45', min: '0', max: '50' },
      },
    });
    expect(snap).toMatchObject({
      completion: 'completed',
      success: 'passed',
      scoreScaled: 0.9,
      location: '4',
      suspendData: 'x',
      exit: 'suspend',
      sessionSeconds: 90,
    });
    expect(snapshotFromCmi('1.2', { core: { lesson_status: 'failed' } })).toMatchObject({
      completion: 'completed',
      success: 'failed',
    });
    expect(snapshotFromCmi('1.2', {}).completion).toBe('not attempted');
  });

  it('reads SCORM 2004 statuses, scaled score and progress, refusing unknown values', () => {
    const snap = snapshotFromCmi('2004-4', {
      completion_status: 'completed',
      success_status: 'bogus',
      score: { scaled: '1.5' },
      progress_measure: '0.5',
      session_time: 'PT12S',
    });
    expect(snap).toMatchObject({
      completion: 'completed',
      success: 'unknown',
      scoreScaled: 1,
      progressMeasure: 0.5,
    });
    expect(snap.sessionSeconds).toBe(12);
  });
});

describe('launchCmi', () => {
  it('starts ab-initio the first time, with mastery score and launch data', () => {
    const cmi = launchCmi('1.2', { masteryScore: 80, launchData: 'mode=quiz' }, null, learner);
    expect(cmi).toMatchObject({
      core: {
        entry: 'ab-initio',
        lesson_status: 'not attempted',
        student_name: 'Ana',
        total_time: '00:00:00',
      },
      launch_data: 'mode=quiz',
      student_data: { mastery_score: '80' },
    });
  });

  it('resumes a suspended session with its location, suspend data and total time', () => {
    expect(launchCmi('1.2', {}, stored(), learner)).toMatchObject({
      core: {
        entry: 'resume',
        lesson_location: 'p3',
        total_time: '00:01:35.50',
        lesson_status: 'incomplete',
      },
      suspend_data: 'abc',
    });
    expect(launchCmi('2004-3', { scaledPassingScore: 0.6 }, stored(), learner)).toMatchObject({
      entry: 'resume',
      location: 'p3',
      suspend_data: 'abc',
      total_time: 'PT1M35.5S',
      scaled_passing_score: '0.6',
    });
  });

  it('keeps status but not location after a session that did not suspend', () => {
    const state = stored({
      exit: '',
      completion: 'completed',
      success: 'passed',
      scoreScaled: 0.8,
      scoreRaw: 8,
    });
    expect(launchCmi('2004-4', {}, state, learner)).toMatchObject({
      entry: '',
      location: '',
      suspend_data: '',
      completion_status: 'completed',
      success_status: 'passed',
      score: { scaled: '0.8', raw: '8' },
    });
  });
});

describe('navigation and rollup', () => {
  const item = (id: string, href: string | null, visible = true): ScormItem => ({
    id,
    title: id,
    depth: 0,
    href,
    type: href ? 'sco' : null,
    visible,
  });
  const info = {
    items: [item('unit', null), item('a', 'a.html'), item('b', 'b.html'), item('c', 'c.html', false)],
  };

  it('parses navigation requests', () => {
    expect(parseNavRequest('continue')).toEqual({ kind: 'continue' });
    expect(parseNavRequest('{target=b}choice')).toEqual({ kind: 'choice', target: 'b' });
    expect(parseNavRequest('{target=b}jump')).toEqual({ kind: 'choice', target: 'b' });
    expect(parseNavRequest('suspendAll')).toEqual({ kind: 'exit' });
    expect(parseNavRequest('_none_')).toEqual({ kind: 'none' });
  });

  it('flows through launchable items (hidden ones too) and starts at the first unfinished', () => {
    expect(flowNeighbour(info, 'a', 1)?.id).toBe('b');
    expect(flowNeighbour(info, 'b', 1)?.id).toBe('c');
    expect(flowNeighbour(info, 'a', -1)).toBeNull();
    const done = new Map([['a', { completion: 'completed' as const }]]);
    expect(startItem(info, done)?.id).toBe('b');
    expect(startItem(info, done, 'c')?.id).toBe('c');
    expect(startItem(info, new Map())?.id).toBe('a');
  });

  it('rolls items up: complete when all are, failed when any failed, mean score', () => {
    const outcome = (
      completion: 'completed' | 'incomplete',
      success: 'passed' | 'failed' | 'unknown',
      score: number | null,
    ) => ({
      completion,
      success,
      scoreScaled: score,
    });
    const all = new Map([
      ['a', outcome('completed', 'passed', 0.8)],
      ['b', outcome('completed', 'unknown', 0.6)],
      ['c', outcome('completed', 'unknown', null)],
    ]);
    expect(lessonOutcome(info, all)).toEqual({
      completed: true,
      success: 'passed',
      scaled: 0.7,
      progress: 1,
    });
    const partly = new Map([['a', outcome('completed', 'failed', null)]]);
    expect(lessonOutcome(info, partly)).toEqual({
      completed: false,
      success: 'failed',
      scaled: null,
      progress: 0.3333,
    });
  });
});
