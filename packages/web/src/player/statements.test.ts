import { describe, expect, it } from 'vitest';
import { EXT_COURSE_VERSION, lessonStatement, type LessonRef } from './statements.js';

const lesson: LessonRef = {
  userId: '0190d5a8-0000-7000-8000-0000000000aa',
  courseId: '0190d5a8-0000-7000-8000-0000000000cc',
  versionId: '0190d5a8-0000-7000-8000-0000000000dd',
  lessonId: '0190d5a8-0000-7000-8000-0000000000ee',
  lessonTitle: 'Counting to five',
  language: 'fr',
};
const stamp = { id: '0190d5a8-0000-7000-8000-000000000001', timestamp: '2026-03-01T10:00:00.000Z' };

describe('statements from the lesson player', () => {
  it('name the learner, the lesson, the course and the course version', () => {
    const statement = lessonStatement(lesson, 'launched', stamp);
    expect(statement).toEqual({
      id: stamp.id,
      actor: { objectType: 'Agent', account: { homePage: 'https://satchel.invalid', name: lesson.userId } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { en: 'launched' } },
      object: {
        objectType: 'Activity',
        id: `https://satchel.invalid/activities/lesson/${lesson.lessonId}`,
        definition: { type: 'http://adlnet.gov/expapi/activities/lesson', name: { fr: 'Counting to five' } },
      },
      context: {
        contextActivities: {
          grouping: [
            { objectType: 'Activity', id: `https://satchel.invalid/activities/course/${lesson.courseId}` },
          ],
        },
        extensions: { [EXT_COURSE_VERSION]: lesson.versionId },
      },
      timestamp: stamp.timestamp,
    });
  });

  it('carry the watched share in the xAPI video extension, rounded', () => {
    const progressed = lessonStatement(lesson, 'progressed', stamp, 0.123456);
    expect(progressed.result).toEqual({
      extensions: { 'https://w3id.org/xapi/video/extensions/progress': 0.123 },
    });
    const completed = lessonStatement(lesson, 'completed', stamp, 1.2);
    expect(completed.result).toEqual({
      completion: true,
      extensions: { 'https://w3id.org/xapi/video/extensions/progress': 1 },
    });
    expect(lessonStatement(lesson, 'completed', stamp).result).toEqual({ completion: true });
  });
});
