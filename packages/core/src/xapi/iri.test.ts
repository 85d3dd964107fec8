import { describe, expect, it } from 'vitest';
import { courseActivityId, lessonActivityId, parseSatchelActivityId, VERBS } from './iri.js';

describe('Satchel activity IRIs', () => {
  const id = '01900000-0000-7000-8000-000000000010';

  it('round-trip lesson and course ids', () => {
    expect(lessonActivityId(id)).toBe(`https://satchel.invalid/activities/lesson/${id}`);
    expect(parseSatchelActivityId(lessonActivityId(id))).toEqual({ kind: 'lesson', id });
    expect(parseSatchelActivityId(courseActivityId(id))).toEqual({ kind: 'course', id });
  });

  it('do not mistake sub-activities or foreign IRIs for lessons', () => {
    expect(parseSatchelActivityId(`${lessonActivityId(id)}/question/q1`)).toBeNull();
    expect(parseSatchelActivityId(`https://example.org/activities/lesson/${id}`)).toBeNull();
    expect(parseSatchelActivityId('https://satchel.invalid/activities/module/x')).toBeNull();
    expect(parseSatchelActivityId('https://satchel.invalid/activities/lesson/')).toBeNull();
  });

  it('use the ADL verb IRIs', () => {
    expect(VERBS.launched).toBe('http://adlnet.gov/expapi/verbs/launched');
    expect(VERBS.voided).toBe('http://adlnet.gov/expapi/verbs/voided');
    expect(Object.keys(VERBS)).toHaveLength(11);
  });
});
