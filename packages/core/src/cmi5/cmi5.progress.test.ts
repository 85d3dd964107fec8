import { describe, expect, it } from 'vitest';
import { lessonProgress } from '../progress/lesson-progress.js';
import { lesson, st } from '../test-support/progress.js';
import { lessonActivityId, VERBS } from '../xapi/iri.js';
import { CMI5_SATISFIED, CMI5_WAIVED } from './cmi5.vocabulary.js';

const ID = '01900000-0000-7000-8000-0000000000d1';
const about = (verb: string, extra: Record<string, unknown> = {}) => ({
  id: `${verb}-${JSON.stringify(extra)}`,
  actor: {},
  verb: { id: verb },
  object: { id: lessonActivityId(ID) },
  ...extra,
});

describe('progress of h5p and cmi5 lessons', () => {
  it('completes an h5p lesson on an answer with completion, not on opening it', () => {
    const h5p = lesson('h5p', ID);
    expect(lessonProgress(h5p, [st({ lessonId: ID, verb: 'launched' })]).status).toBe('in_progress');
    const answered = about('http://adlnet.gov/expapi/verbs/answered', {
      result: { completion: true, success: false },
    });
    expect(lessonProgress(h5p, [answered]).status).toBe('completed');
  });

  it('completes a cmi5 lesson only when the LMS judged it satisfied or waived', () => {
    const cmi5 = lesson('cmi5', ID);
    const auCompleted = about(VERBS.completed, { result: { completion: true } });
    expect(lessonProgress(cmi5, [auCompleted]).status).toBe('in_progress');
    expect(lessonProgress(cmi5, [auCompleted, about(CMI5_SATISFIED)]).status).toBe('completed');
    expect(lessonProgress(cmi5, [about(CMI5_WAIVED)]).status).toBe('completed');
  });
});
