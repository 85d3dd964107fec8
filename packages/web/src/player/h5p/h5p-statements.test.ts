import { describe, expect, it } from 'vitest';
import { lessonActivityId } from '../core-runtime.js';
import { h5pLessonStatement, h5pStatementOf } from './h5p-statements.js';

const lesson = {
  userId: '01900000-0000-7000-8000-000000000001',
  courseId: '01900000-0000-7000-8000-000000000002',
  versionId: '01900000-0000-7000-8000-000000000003',
  lessonId: '01900000-0000-7000-8000-000000000004',
  lessonTitle: 'Red planet',
  language: 'en',
};
const stamp = { id: '01900000-0000-7000-8000-000000000005', timestamp: '2026-11-28T10:00:00.000Z' };
const registration = '01900000-0000-7000-8000-000000000006';

const fromH5p = {
  actor: { name: 'Someone', mail: 'mailto:x@h5p.invalid' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  object: { id: 'http://127.0.0.1/h5p?contentId=abc', definition: { name: { 'en-US': 'Quiz' } } },
  result: {
    score: { min: 0, max: 1, raw: 1, scaled: 1 },
    completion: true,
    success: true,
    duration: 'PT3.2S',
    response: '1',
    extensions: { 'http://h5p.org/x-api/line-breaks': [] },
  },
};

describe('H5P statements', () => {
  it('reads only the frame’s xAPI messages', () => {
    expect(h5pStatementOf({ type: 'satchel:h5p-xapi', statement: fromH5p })).toBe(fromH5p);
    expect(h5pStatementOf({ type: 'satchel:h5p-height', height: 3 })).toBeNull();
    expect(h5pStatementOf('satchel:h5p-xapi')).toBeNull();
  });

  it('becomes the learner’s statement about the lesson, keeping the verb and a checked result', () => {
    const statement = h5pLessonStatement(fromH5p, lesson, registration, stamp);
    expect(statement).toMatchObject({
      id: stamp.id,
      actor: { account: { name: lesson.userId } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
      object: { id: lessonActivityId(lesson.lessonId) },
      context: { registration },
      result: {
        score: { min: 0, max: 1, raw: 1, scaled: 1 },
        completion: true,
        success: true,
        duration: 'PT3.2S',
      },
    });
    expect(statement?.result).not.toHaveProperty('extensions');
    expect(JSON.stringify(statement)).not.toContain('h5p.invalid');
  });

  it('drops sub-content statements, bad verbs and impossible scores', () => {
    const child = { ...fromH5p, object: { id: 'http://x/h5p?contentId=abc&subContentId=1' } };
    expect(h5pLessonStatement(child, lesson, registration, stamp)).toBeNull();
    expect(
      h5pLessonStatement({ ...fromH5p, verb: { id: 'answered' } }, lesson, registration, stamp),
    ).toBeNull();
    const odd = { ...fromH5p, result: { score: { scaled: 7, raw: 9, min: 0, max: 1 }, duration: 'soon' } };
    expect(h5pLessonStatement(odd, lesson, registration, stamp)?.result).toEqual({
      score: { min: 0, max: 1 },
    });
  });
});
