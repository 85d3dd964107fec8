import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lesson } from '../course/course.schema.js';
import type { QuizLesson } from './grading.js';
import { gradeQuiz } from './grading.js';
import { hashString, presentQuiz, seededRandom, seededShuffle } from './shuffle.js';

function quizLesson(settings: Record<string, unknown> = {}): QuizLesson {
  const lesson = Lesson.parse({
    id: '01900000-0000-7000-8000-000000000002',
    title: 'Quiz',
    kind: 'quiz',
    quiz: settings,
    questions: [
      {
        id: 's',
        type: 'single',
        prompt: 'Pick',
        options: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: id.toUpperCase() })),
        correct: 'c',
        feedback: { correct: 'Right, it is C' },
      },
      { id: 'tf', type: 'truefalse', prompt: 'True?', correct: true },
      { id: 'f', type: 'fill', prompt: '___ and ___', blanks: [['x'], ['y']] },
      { id: 'n', type: 'numeric', prompt: 'How many?', answer: 12, tolerance: 1 },
      {
        id: 'o',
        type: 'ordering',
        prompt: 'Order',
        items: ['o1', 'o2', 'o3', 'o4'].map((id) => ({ id, text: `Step ${id}` })),
      },
      {
        id: 'm',
        type: 'matching',
        prompt: 'Match',
        pairs: ['p1', 'p2', 'p3'].map((id) => ({ id, left: `L${id}`, right: `R${id}` })),
      },
    ],
  });
  if (lesson.kind !== 'quiz') throw new Error('expected a quiz');
  return lesson;
}

describe('seeded shuffling', () => {
  it('gives the same order for the same seed, on every run', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(seededShuffle(items, seededRandom('attempt-1'))).toEqual(
      seededShuffle(items, seededRandom('attempt-1')),
    );
    expect(seededShuffle(items, seededRandom('attempt-1'))).not.toEqual(
      seededShuffle(items, seededRandom('attempt-2')),
    );
  });

  it('is pinned: the order a device computed offline is the order the server computes later', () => {
    expect(
      seededShuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], seededRandom('01900000-0000-7000-8000-00000000abcd')),
    ).toEqual(PINNED_ORDER);
  });

  it('pins the seed hash, which every device must compute alike', () => {
    expect(hashString('')).toBe(3338908027751811);
    expect(hashString('abc')).toBe(5059922895146125);
  });

  it('always returns a permutation of its input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const shuffled = seededShuffle(items, seededRandom(seed));
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it('spreads items over every position', () => {
    const counts = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
    for (let i = 0; i < 4000; i++) {
      seededShuffle([0, 1, 2, 3], seededRandom(`seed-${i}`)).forEach(
        (item, position) => counts[item]![position]!++,
      );
    }
    for (const row of counts) for (const n of row) expect(n).toBeGreaterThan(850);
  });
});

describe('presentQuiz', () => {
  it('strips answers and feedback from what the UI receives', () => {
    const text = JSON.stringify(presentQuiz(quizLesson(), 'attempt'));
    for (const leak of [
      '"correct"',
      '"blanks"',
      '"answer"',
      '"tolerance"',
      '"feedback"',
      'Right, it is C',
      '"o1"',
    ]) {
      expect(text).not.toContain(leak);
    }
    const presented = presentQuiz(quizLesson(), 'attempt');
    const matching = presented.questions.find((q) => q.type === 'matching');
    if (matching?.type !== 'matching') throw new Error('missing matching question');
    // Left ids are the pair ids responses are keyed by; right ids must not repeat them.
    expect(matching.right.map((r) => r.id).filter((id) => ['p1', 'p2', 'p3'].includes(id))).toEqual([]);
    expect(presented.questions.find((q) => q.type === 'fill')).toMatchObject({ blankCount: 2 });
    expect(presented.maxScore).toBe(6);
  });

  it('keeps authored order unless the quiz asks for shuffling', () => {
    const presented = presentQuiz(quizLesson(), 'attempt');
    expect(presented.questions.map((q) => q.id)).toEqual(['s', 'tf', 'f', 'n', 'o', 'm']);
    const single = presented.questions[0]!;
    expect(single.type === 'single' && single.options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('shuffles questions and options per attempt when asked, the same way every time', () => {
    const lesson = quizLesson({ shuffleQuestions: true, shuffleOptions: true });
    const orders = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const first = presentQuiz(lesson, `attempt-${i}`);
      expect(presentQuiz(lesson, `attempt-${i}`)).toEqual(first);
      orders.add(JSON.stringify(first.questions.map((q) => q.id)));
      expect(first.questions.map((q) => q.id).sort()).toEqual(['f', 'm', 'n', 'o', 's', 'tf']);
    }
    expect(orders.size).toBeGreaterThan(10);
  });

  it('never shows ordering items or matching sides in the answer order', () => {
    for (let i = 0; i < 200; i++) {
      const presented = presentQuiz(quizLesson(), `seed-${i}`);
      const ordering = presented.questions.find((q) => q.type === 'ordering');
      const matching = presented.questions.find((q) => q.type === 'matching');
      if (ordering?.type !== 'ordering' || matching?.type !== 'matching')
        throw new Error('missing questions');
      expect(ordering.items.map((item) => item.text)).not.toEqual([
        'Step o1',
        'Step o2',
        'Step o3',
        'Step o4',
      ]);
      expect(matching.right.map((r) => r.text)).not.toEqual(
        matching.left.map((l) => l.text.replace('L', 'R')),
      );
    }
  });

  it('gives ids a UI can send back to the grader', () => {
    const lesson = quizLesson({ shuffleOptions: true });
    const presented = presentQuiz(lesson, 'attempt-9');
    const responses: Record<string, unknown> = {};
    for (const q of presented.questions) {
      switch (q.type) {
        case 'ordering':
          responses[q.id] = [...q.items].sort((a, b) => a.text.localeCompare(b.text)).map((item) => item.id);
          break;
        case 'matching':
          responses[q.id] = Object.fromEntries(
            q.left.map((l) => [l.id, q.right.find((r) => r.text === l.text.replace('L', 'R'))!.id]),
          );
          break;
        case 'single':
        case 'multiple':
        case 'truefalse':
        case 'fill':
        case 'numeric':
          break;
      }
    }
    const result = gradeQuiz(lesson, responses);
    expect(result.questions.filter((r) => r.correct).map((r) => r.questionId)).toEqual(['o', 'm']);
  });
});

// Computed once; if this changes, attempts already taken offline would be reviewed in a different order.
const PINNED_ORDER = [8, 7, 1, 5, 3, 0, 2, 9, 4, 6];
