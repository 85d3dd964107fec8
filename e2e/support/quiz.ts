import type { Lesson, Question } from '@satchel/core';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export type QuizLesson = Extract<Lesson, { kind: 'quiz' }>;

/** The text of a prompt that the player shows in the question's legend or around its blanks. */
function visiblePromptText(question: Question): string {
  if (question.type !== 'fill') return question.prompt;
  // Blanks are written as "___": the longest piece of text between them is shown as is.
  const pieces = question.prompt.split(/_{3,}/).map((piece) => piece.trim());
  return pieces.reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
}

/** The fieldset of one question, found by the words of its prompt. */
export function questionGroup(page: Page, question: Question): Locator {
  return page.getByRole('group').filter({ hasText: visiblePromptText(question) });
}

const MOVE_UP = /^Move “(.*)” up$/;

/** The items of an ordering question in the order the page shows them, read from their buttons' names. */
async function shownOrder(group: Locator): Promise<string[]> {
  const names = await group
    .getByRole('button', { name: MOVE_UP })
    .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''));
  return names.map((name) => MOVE_UP.exec(name)?.[1] ?? name);
}

/**
 * Answers one question correctly through the player's controls (English interface), reading the right
 * answer from the published manifest.
 */
export async function answerCorrectly(page: Page, question: Question): Promise<void> {
  const group = questionGroup(page, question);
  switch (question.type) {
    case 'single': {
      const option = question.options.find((o) => o.id === question.correct);
      if (!option) throw new Error(`question ${question.id} has no option ${question.correct}`);
      await group.getByRole('radio', { name: option.text, exact: true }).check();
      return;
    }
    case 'multiple':
      for (const option of question.options) {
        const box = group.getByRole('checkbox', { name: option.text, exact: true });
        if (question.correct.includes(option.id)) await box.check();
        else await box.uncheck();
      }
      return;
    case 'truefalse':
      await group.getByRole('radio', { name: question.correct ? 'True' : 'False', exact: true }).check();
      return;
    case 'numeric':
      await group.getByLabel('Your answer').fill(String(question.answer));
      return;
    case 'fill':
      for (const [index, accepted] of question.blanks.entries()) {
        await group.getByLabel(`Blank ${index + 1} of ${question.blanks.length}`).fill(accepted[0] ?? '');
      }
      return;
    case 'matching':
      for (const pair of question.pairs) {
        await group.getByLabel(pair.left, { exact: true }).selectOption({ label: pair.right });
      }
      return;
    case 'ordering': {
      const target = question.items.map((item) => item.text);
      const order = await shownOrder(group);
      // Insertion into place from the top: each item moves up until it sits at its position.
      for (const [position, text] of target.entries()) {
        for (let at = order.indexOf(text); at > position; at -= 1) {
          await group.getByRole('button', { name: `Move “${text}” up`, exact: true }).click();
          order.splice(at, 1);
          order.splice(at - 1, 0, text);
          await expect.poll(() => shownOrder(group), { timeout: 10_000 }).toEqual(order);
        }
      }
      return;
    }
  }
}
