import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';

const TITLE = 'Rainwater and you';

let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp();
});
afterEach(() => {
  expect(app.takePageErrors(), 'uncaught errors in the page').toEqual([]);
});
afterAll(async () => {
  await app?.close();
});

/** Opens the "Add a lesson" dialog of a module and adds a lesson of a kind that starts from a title. */
async function addLesson(page: Page, module: Locator, kind: string, title: string): Promise<void> {
  await module.getByRole('button', { name: /^Add a lesson/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Add a lesson to/ });
  await dialog.getByLabel('Type of lesson').selectOption({ label: kind });
  await dialog.getByLabel('Lesson title').fill(title);
  await dialog.getByRole('button', { name: 'Add the lesson' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Adds a question of a type to a quiz lesson's editor and returns the new question's card. */
async function addQuestion(quiz: Locator, type: string, number: number): Promise<Locator> {
  await quiz.getByLabel('Type of the new question').selectOption({ label: type });
  await quiz.getByRole('button', { name: 'Add a question' }).click();
  const card = quiz.getByRole('listitem', { name: `Question ${number} · ${type}` });
  await card.waitFor();
  return card;
}

describe('an author on the youth platform', () => {
  it('creates and publishes a course with a quiz, which learners then find in the catalog', async () => {
    const page = await app.newPage();
    await signIn(page, app, 'learners', 'author', 'author123');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Course editor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Courses' }).waitFor();
    await page.getByRole('button', { name: 'Create a course' }).click();
    const create = page.getByRole('dialog', { name: 'Create a course' });
    await create.getByLabel('Course title').fill(TITLE);
    await create.getByRole('button', { name: 'Create and edit' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit: ${TITLE}` }).waitFor();

    await page
      .getByLabel('Description (optional)')
      .fill('Where rain goes, and how to keep drinking water clean.');

    // A module with a text lesson and a quiz.
    await page.getByRole('button', { name: 'Add a module' }).click();
    const module = page.getByRole('region', { name: /^Module 1:/ });
    await module.getByLabel('Module title').fill('Clean water');
    await page.getByRole('region', { name: 'Module 1: Clean water' }).waitFor();

    await addLesson(page, module, 'Text page', 'Where rain goes');
    await module
      .getByLabel('Text of the lesson')
      .fill(
        '# Where rain goes\n\nRain soaks into the ground, runs into rivers, or is **collected** in tanks.\n',
      );

    await addLesson(page, module, 'Quiz', 'Water check');
    const quiz = module
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: /^Quiz\W+Water check$/ }) });

    const single = await addQuestion(quiz, 'Single choice', 1);
    await single.getByLabel('Question', { exact: true }).fill('Where should drinking water be kept?');
    await single.getByLabel('Choice 1', { exact: true }).fill('In an open bucket');
    await single.getByLabel('Choice 2', { exact: true }).fill('In a covered, clean container');
    await single.getByRole('radio', { name: 'Correct Choice 2' }).check();

    const truefalse = await addQuestion(quiz, 'True or false', 2);
    await truefalse
      .getByLabel('Question', { exact: true })
      .fill('Rainwater from a roof is always safe to drink.');
    await truefalse.getByRole('radio', { name: 'False', exact: true }).check();

    const numeric = await addQuestion(quiz, 'Number', 3);
    await numeric.getByLabel('Question', { exact: true }).fill('How many litres are in a 20-litre jerrycan?');
    await numeric.getByLabel('Correct answer', { exact: true }).fill('20');

    // Save, then publish.
    const toolbar = page.getByRole('region', { name: 'Save and publish' });
    await toolbar.getByText('Unsaved changes').waitFor();
    await toolbar.getByRole('button', { name: 'Save draft' }).click();
    await toolbar.getByText('All changes saved').waitFor();
    await toolbar.getByText('Draft', { exact: true }).waitFor();
    await toolbar.getByRole('button', { name: 'Publish' }).click();
    const confirm = page.getByRole('dialog', { name: 'Publish this course?' });
    await confirm.getByRole('button', { name: 'Publish now' }).click();
    await toolbar.getByText('Published v1', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'See the published course as learners do' }).waitFor();

    // What was published is what the author wrote.
    const tenantId = app.tenantId('learners');
    const listed = await app.server.services.courses.list(tenantId, {
      q: TITLE,
      includeArchived: false,
      page: 1,
      pageSize: 10,
    });
    const course = listed.items.find((item) => item.title === TITLE);
    expect(course?.publishedVersion).toBe(1);
    const published = await app.server.services.courses.latestManifest(tenantId, course!.id);
    const lessons = published?.manifest.modules.flatMap((m) => m.lessons) ?? [];
    expect(lessons.map((lesson) => [lesson.kind, lesson.title])).toEqual([
      ['markdown', 'Where rain goes'],
      ['quiz', 'Water check'],
    ]);
    expect(lessons[0]?.kind === 'markdown' && lessons[0].body).toContain('is **collected** in tanks');
    const questions = lessons[1]?.kind === 'quiz' ? lessons[1].questions : [];
    expect(questions.map((question) => question.type)).toEqual(['single', 'truefalse', 'numeric']);
    const [choice, claim, count] = questions;
    expect(choice?.type === 'single' && choice.options.find((o) => o.id === choice.correct)?.text).toBe(
      'In a covered, clean container',
    );
    expect(claim?.type === 'truefalse' && claim.correct).toBe(false);
    expect(count?.type === 'numeric' && count.answer).toBe(20);

    // A learner finds it in the catalog and can open it.
    const learner = await app.newPage();
    await signIn(learner, app, 'learners', 'chidi', 'learner123');
    await learner.goto(app.url('learners', '/catalog'));
    await learner.getByRole('searchbox', { name: 'Search courses' }).fill('rainwater');
    await learner.getByRole('button', { name: 'Search', exact: true }).click();
    await learner.getByRole('status').getByText('1 course found').waitFor();
    await learner.getByRole('region', { name: 'Courses' }).getByRole('link', { name: TITLE }).click();
    await learner.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const outline = learner.getByRole('region', { name: 'Lessons' });
    await outline.getByText('Where rain goes', { exact: true }).waitFor();
    await outline.getByText('Water check', { exact: true }).waitFor();
  }, 90_000);
});
