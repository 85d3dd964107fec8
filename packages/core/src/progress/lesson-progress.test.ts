import { describe, expect, it } from 'vitest';
import { at, IDS, lesson, st, voiding } from '../test-support/progress.js';
import { EXT_CMI5_PROGRESS } from '../xapi/iri.js';
import { attemptsUsed, lessonProgress } from './lesson-progress.js';
import type { ProgressStatement } from './statement.js';

describe('lessonProgress', () => {
  const video = lesson('video', IDS.video);
  const quiz = lesson('quiz', IDS.quiz);

  it('has not started a lesson without statements', () => {
    expect(lessonProgress(video, [])).toEqual({ status: 'not_started', progress: 0, attempts: 0 });
  });

  it('completes a video at 90% watched, at the time 90% was first reached', () => {
    const statements = [
      st({ lessonId: IDS.video, verb: 'launched', at: at(0) }),
      st({ lessonId: IDS.video, verb: 'progressed', progress: 0.5, at: at(5) }),
      st({ lessonId: IDS.video, verb: 'progressed', progress: 0.9, at: at(9) }),
      st({ lessonId: IDS.video, verb: 'progressed', progress: 0.95, at: at(10) }),
    ];
    expect(lessonProgress(video, statements)).toEqual({
      status: 'completed',
      progress: 1,
      attempts: 1,
      completedAt: at(9),
    });
    expect(lessonProgress(video, statements.slice(0, 2))).toEqual({
      status: 'in_progress',
      progress: 0.5,
      attempts: 1,
    });
  });

  it('keeps the highest progress when a learner rewinds', () => {
    const statements = [
      st({ lessonId: IDS.video, verb: 'progressed', progress: 0.8 }),
      st({ lessonId: IDS.video, verb: 'progressed', progress: 0.2 }),
    ];
    expect(lessonProgress(video, statements).progress).toBe(0.8);
  });

  it('reads cmi5 percentages and completed statements for media', () => {
    const cmi5: ProgressStatement = {
      ...st({ lessonId: IDS.video, verb: 'progressed' }),
      result: { extensions: { [EXT_CMI5_PROGRESS]: 90 } },
    };
    expect(lessonProgress(video, [cmi5]).status).toBe('completed');
    const audio = lesson('audio', IDS.video);
    expect(lessonProgress(audio, [st({ lessonId: IDS.video, verb: 'completed' })]).status).toBe('completed');
    expect(lessonProgress(audio, [st({ lessonId: IDS.video, verb: 'launched' })]).status).toBe('in_progress');
  });

  it.each(['pdf', 'epub', 'markdown', 'html5', 'link'] as const)(
    'completes a %s lesson once it is opened',
    (kind) => {
      const doc = lesson(kind, IDS.pdf);
      for (const verb of ['launched', 'experienced', 'completed'] as const) {
        expect(lessonProgress(doc, [st({ lessonId: IDS.pdf, verb })]).status).toBe('completed');
      }
      expect(
        lessonProgress(doc, [st({ lessonId: IDS.pdf, verb: 'progressed', progress: 0.3 })]),
      ).toMatchObject({
        status: 'in_progress',
        progress: 0.3,
      });
    },
  );

  it('completes a quiz only when passed, keeping the best score', () => {
    const failed = st({
      lessonId: IDS.quiz,
      verb: 'failed',
      scaled: 0.4,
      success: false,
      registration: 'a1',
      at: at(1),
    });
    const passed = st({
      lessonId: IDS.quiz,
      verb: 'passed',
      scaled: 0.8,
      success: true,
      registration: 'a2',
      at: at(2),
    });
    const worse = st({
      lessonId: IDS.quiz,
      verb: 'passed',
      scaled: 0.7,
      success: true,
      registration: 'a3',
      at: at(3),
    });
    expect(lessonProgress(quiz, [failed])).toEqual({
      status: 'in_progress',
      progress: 0,
      score: 0.4,
      passed: false,
      attempts: 1,
    });
    expect(lessonProgress(quiz, [failed, passed, worse])).toEqual({
      status: 'completed',
      progress: 1,
      score: 0.8,
      passed: true,
      attempts: 3,
      completedAt: at(2),
    });
  });

  it('counts a result with success true as a pass, but not a bare completion', () => {
    expect(lessonProgress(quiz, [st({ lessonId: IDS.quiz, verb: 'completed', success: true })]).status).toBe(
      'completed',
    );
    expect(
      lessonProgress(quiz, [st({ lessonId: IDS.quiz, verb: 'completed', completion: true })]).status,
    ).toBe('in_progress');
  });

  it('scales raw scores when no scaled score is given', () => {
    const raw: ProgressStatement = {
      ...st({ lessonId: IDS.quiz, verb: 'failed' }),
      result: { score: { raw: 3, max: 4 } },
    };
    expect(lessonProgress(quiz, [raw]).score).toBe(0.75);
  });

  it('ignores voided statements, whether the voiding statement or an id list is given', () => {
    const passed = st({ lessonId: IDS.quiz, verb: 'passed', success: true });
    expect(lessonProgress(quiz, [passed, voiding(passed.id)]).status).toBe('not_started');
    expect(lessonProgress(quiz, [passed], { voidedStatementIds: [passed.id] }).status).toBe('not_started');
  });

  it('ignores statements about other activities', () => {
    expect(lessonProgress(quiz, [st({ lessonId: IDS.video, verb: 'passed' })]).status).toBe('not_started');
  });

  it('picks the earliest completion by instant, whatever the time zone written', () => {
    const later = st({ lessonId: IDS.pdf, verb: 'launched', at: '2026-01-01T12:00:00Z' });
    const earlier = st({ lessonId: IDS.pdf, verb: 'launched', at: '2026-01-01T13:00:00+03:00' });
    expect(lessonProgress(lesson('pdf', IDS.pdf), [later, earlier]).completedAt).toBe(
      '2026-01-01T13:00:00+03:00',
    );
  });
});

describe('attemptsUsed', () => {
  const quiz = lesson('quiz', IDS.quiz);

  it('counts distinct attempts that ended in a pass or a fail', () => {
    const statements = [
      st({ lessonId: IDS.quiz, verb: 'launched', registration: 'a1' }),
      st({ lessonId: IDS.quiz, verb: 'failed', registration: 'a1' }),
      st({ lessonId: IDS.quiz, verb: 'failed', registration: 'a1' }),
      st({ lessonId: IDS.quiz, verb: 'launched', registration: 'a2' }),
      st({ lessonId: IDS.quiz, verb: 'passed', registration: 'a3' }),
      st({ lessonId: IDS.quiz, verb: 'failed' }),
      st({ lessonId: IDS.video, verb: 'failed', registration: 'a4' }),
    ];
    expect(attemptsUsed(quiz, statements)).toBe(3);
  });

  it('gives a voided attempt back', () => {
    const failed = st({ lessonId: IDS.quiz, verb: 'failed', registration: 'a1' });
    expect(attemptsUsed(quiz, [failed, voiding(failed.id)])).toBe(0);
  });
});
