import type { Question, QuestionType } from '@satchel/core';

// Editing quiz questions, as pure functions over core's Question type. The editor keeps some values in
// a form that is easy to type into (an accepted answer may be an empty line while the author types);
// `cleanQuestion` turns them into what the server stores.

export const QUESTION_TYPES: readonly QuestionType[] = [
  'single',
  'multiple',
  'truefalse',
  'fill',
  'numeric',
  'ordering',
  'matching',
];

type Option = { readonly id: string; readonly text: string };
type Pair = { readonly id: string; readonly left: string; readonly right: string };
type Feedback = NonNullable<Question['feedback']>;

/** The first free id of the form `<prefix><n>`, n counting from 1. */
export function nextId(prefix: string, used: readonly string[]): string {
  const taken = new Set(used);
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function nextQuestionId(questions: readonly Question[]): string {
  return nextId(
    'q',
    questions.map((question) => question.id),
  );
}

function blankOptions(count: number): Option[] {
  return Array.from({ length: count }, (_, index) => ({ id: `o${index + 1}`, text: '' }));
}

export function newQuestion(type: QuestionType, id: string): Question {
  const base = { id, prompt: '', points: 1 };
  switch (type) {
    case 'single':
      // No answer marked yet: the editor's checks then make the author choose one.
      return { ...base, type, options: blankOptions(2), correct: '' };
    case 'multiple':
      return { ...base, type, options: blankOptions(3), correct: [] };
    case 'truefalse':
      return { ...base, type, correct: true };
    case 'fill':
      return { ...base, type, blanks: [['']], caseSensitive: false };
    case 'numeric':
      return { ...base, type, answer: 0, tolerance: 0 };
    case 'ordering':
      return { ...base, type, items: blankOptions(3) };
    case 'matching':
      return {
        ...base,
        type,
        pairs: [
          { id: 'p1', left: '', right: '' },
          { id: 'p2', left: '', right: '' },
        ],
      };
  }
}

function choicesOf(question: Question): Option[] | null {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options;
    case 'ordering':
      return question.items;
    case 'matching':
      return question.pairs.map((pair) => ({ id: pair.id, text: pair.left }));
    case 'truefalse':
    case 'fill':
    case 'numeric':
      return null;
  }
}

/**
 * A question of another type that keeps what still makes sense: the id, prompt, points and feedback
 * always, and the written choices between single, multiple and ordering (and one correct choice when
 * going from multiple to single).
 */
export function changeQuestionType(question: Question, type: QuestionType): Question {
  if (question.type === type) return question;
  const fresh = newQuestion(type, question.id);
  const shared = {
    id: question.id,
    prompt: question.prompt,
    points: question.points,
    ...(question.feedback ? { feedback: question.feedback } : {}),
  };
  const choices = choicesOf(question);
  const carried = choices && choices.length >= 2 ? choices.map((choice) => ({ ...choice })) : null;
  switch (fresh.type) {
    case 'single': {
      const options = carried ?? fresh.options;
      const wanted = question.type === 'multiple' ? question.correct[0] : undefined;
      const correct = options.some((option) => option.id === wanted) ? (wanted ?? '') : '';
      return { ...fresh, ...shared, options, correct };
    }
    case 'multiple': {
      const options = carried ?? fresh.options;
      const correct =
        question.type === 'single' && options.some((o) => o.id === question.correct)
          ? [question.correct]
          : [];
      return { ...fresh, ...shared, options, correct };
    }
    case 'ordering':
      return { ...fresh, ...shared, items: carried ?? fresh.items };
    case 'fill':
      return syncBlanks({ ...fresh, ...shared });
    case 'truefalse':
    case 'numeric':
    case 'matching':
      return { ...fresh, ...shared };
  }
}

/** How many blanks a fill-in prompt marks with three or more underscores. */
export function countBlanks(prompt: string): number {
  return (prompt.match(/_{3,}/g) ?? []).length;
}

/**
 * Gives a fill-in question one list of accepted answers per blank marked in its prompt (at least one
 * list), keeping the answers already written for the blanks that remain.
 */
export function syncBlanks<Q extends Question>(question: Q): Q {
  if (question.type !== 'fill') return question;
  const wanted = Math.max(1, countBlanks(question.prompt));
  if (wanted === question.blanks.length) return question;
  const blanks = Array.from({ length: wanted }, (_, index) => question.blanks[index] ?? ['']);
  return { ...question, blanks };
}

export function setPrompt(question: Question, prompt: string): Question {
  return syncBlanks({ ...question, prompt });
}

export function setFeedback(question: Question, which: keyof Feedback, text: string): Question {
  const feedback: Feedback = { ...question.feedback, [which]: text };
  if (!feedback.correct) delete feedback.correct;
  if (!feedback.incorrect) delete feedback.incorrect;
  const { feedback: _old, ...rest } = question;
  return Object.keys(feedback).length === 0 ? (rest as Question) : ({ ...rest, feedback } as Question);
}

/** Adds an empty choice (single, multiple, ordering) or pair (matching). */
export function addChoice(question: Question): Question {
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const id = nextId(
        'o',
        question.options.map((option) => option.id),
      );
      return { ...question, options: [...question.options, { id, text: '' }] };
    }
    case 'ordering': {
      const id = nextId(
        'o',
        question.items.map((item) => item.id),
      );
      return { ...question, items: [...question.items, { id, text: '' }] };
    }
    case 'matching': {
      const id = nextId(
        'p',
        question.pairs.map((pair) => pair.id),
      );
      return { ...question, pairs: [...question.pairs, { id, left: '', right: '' }] };
    }
    case 'truefalse':
    case 'fill':
    case 'numeric':
      return question;
  }
}

/** Removes a choice; a correct answer that pointed at it goes too, so the author marks another. */
export function removeChoice(question: Question, choiceId: string): Question {
  switch (question.type) {
    case 'single': {
      const options = question.options.filter((option) => option.id !== choiceId);
      const correct = question.correct === choiceId ? '' : question.correct;
      return { ...question, options, correct };
    }
    case 'multiple':
      return {
        ...question,
        options: question.options.filter((option) => option.id !== choiceId),
        correct: question.correct.filter((id) => id !== choiceId),
      };
    case 'ordering':
      return { ...question, items: question.items.filter((item) => item.id !== choiceId) };
    case 'matching':
      return { ...question, pairs: question.pairs.filter((pair) => pair.id !== choiceId) };
    case 'truefalse':
    case 'fill':
    case 'numeric':
      return question;
  }
}

export function setChoiceText(question: Question, choiceId: string, text: string): Question {
  const rename = (options: readonly Option[]) =>
    options.map((option) => (option.id === choiceId ? { ...option, text } : option));
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { ...question, options: rename(question.options) };
    case 'ordering':
      return { ...question, items: rename(question.items) };
    case 'truefalse':
    case 'fill':
    case 'numeric':
    case 'matching':
      return question;
  }
}

export function setPairSide(
  question: Question,
  pairId: string,
  side: 'left' | 'right',
  text: string,
): Question {
  if (question.type !== 'matching') return question;
  const pairs: Pair[] = question.pairs.map((pair) => (pair.id === pairId ? { ...pair, [side]: text } : pair));
  return { ...question, pairs };
}

/** Marks a choice correct: the only one for single choice, toggled for multiple. */
export function setCorrectChoice(question: Question, choiceId: string, correct: boolean): Question {
  if (question.type === 'single') return correct ? { ...question, correct: choiceId } : question;
  if (question.type !== 'multiple') return question;
  const without = question.correct.filter((id) => id !== choiceId);
  // Kept in option order, so the stored answer reads like the list the author sees.
  const chosen = correct ? [...without, choiceId] : without;
  const order = question.options.map((option) => option.id);
  return { ...question, correct: order.filter((id) => chosen.includes(id)) };
}

/** Moves an ordering item (whose list order is the correct order) one place. */
export function moveOrderingItem(question: Question, itemId: string, direction: 'up' | 'down'): Question {
  if (question.type !== 'ordering') return question;
  const index = question.items.findIndex((item) => item.id === itemId);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= question.items.length) return question;
  const items = [...question.items];
  const moving = items[index];
  const other = items[target];
  if (!moving || !other) return question;
  items[index] = other;
  items[target] = moving;
  return { ...question, items };
}

/** The accepted answers of one blank, one per line as the author types them. */
export function blankText(answers: readonly string[]): string {
  return answers.join('\n');
}

export function setBlankAnswers(question: Question, blankIndex: number, text: string): Question {
  if (question.type !== 'fill') return question;
  const blanks = question.blanks.map((answers, index) => (index === blankIndex ? text.split('\n') : answers));
  return { ...question, blanks };
}

/** What the server stores: trimmed texts, no empty accepted answers, no empty feedback. */
export function cleanQuestion(question: Question): Question {
  const cleaned = { ...question, prompt: question.prompt.trim() };
  switch (cleaned.type) {
    case 'single':
    case 'multiple':
      return {
        ...cleaned,
        options: cleaned.options.map((option) => ({ ...option, text: option.text.trim() })),
      };
    case 'ordering':
      return { ...cleaned, items: cleaned.items.map((item) => ({ ...item, text: item.text.trim() })) };
    case 'matching':
      return {
        ...cleaned,
        pairs: cleaned.pairs.map((pair) => ({ ...pair, left: pair.left.trim(), right: pair.right.trim() })),
      };
    case 'fill':
      return {
        ...cleaned,
        blanks: cleaned.blanks.map((answers) =>
          answers.map((answer) => answer.trim()).filter((answer) => answer !== ''),
        ),
      };
    case 'truefalse':
    case 'numeric':
      return cleaned;
  }
}

/** Moves a question one place within its quiz. */
export function moveQuestion(
  questions: readonly Question[],
  questionId: string,
  direction: 'up' | 'down',
): Question[] {
  const index = questions.findIndex((question) => question.id === questionId);
  const target = direction === 'up' ? index - 1 : index + 1;
  const copy = [...questions];
  const moving = copy[index];
  const other = copy[target];
  if (!moving || !other) return copy;
  copy[index] = other;
  copy[target] = moving;
  return copy;
}
