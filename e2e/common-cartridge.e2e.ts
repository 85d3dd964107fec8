import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { moodleCartridge } from '../packages/server/src/common-cartridge/cc-fixtures.js';
import { makeZip } from '../packages/server/src/test-support/zip-fixtures.js';
import { signIn, startSeededApp, type SeededApp } from './support/app.js';

// The author's Common Cartridge import and the admin's statement forwarding, in Chromium (H6).

let app: SeededApp;
let folder: string;

beforeAll(async () => {
  app = await startSeededApp();
  folder = mkdtempSync(join(tmpdir(), 'satchel-e2e-cc-'));
});
afterEach(() => {
  expect(app.takePageErrors(), 'uncaught errors in the page').toEqual([]);
});
afterAll(async () => {
  await app?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('Common Cartridge import and statement forwarding in the browser', () => {
  it('an author imports a Moodle cartridge, reads its report, and a refused one says why', async () => {
    const page = await app.newPage();
    await signIn(page, app, 'learners', 'author', 'author123');
    await page.goto(app.url('learners', '/author/courses'));
    await page.getByRole('link', { name: 'Import a Common Cartridge' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import a Common Cartridge' }).waitFor();

    const refused = join(folder, 'game.h5p');
    writeFileSync(refused, makeZip({ 'h5p.json': '{}' }));
    await page.getByLabel('Cartridge file').setInputFiles(refused);
    await page.getByRole('button', { name: 'Import as a draft' }).click();
    const result = page.getByRole('region', { name: 'Import result' });
    await result.getByText('This cartridge was refused').waitFor();
    await result.getByText('File: h5p.json.').waitFor();
    await result.getByText('Nothing was created.').waitFor();

    const good = join(folder, 'sante.imscc');
    writeFileSync(good, moodleCartridge());
    await page.getByLabel('Cartridge file').setInputFiles(good);
    await page.getByRole('button', { name: 'Import as a draft' }).click();
    await result.getByText('“Santé et hygiène” is now a course draft. Review it, then publish it.').waitFor();
    const table = result.getByRole('table', { name: /items not imported or changed/ });
    await table.getByRole('rowheader', { name: 'Discussion: Forum des nouvelles' }).waitFor();
    await table.getByRole('rowheader', { name: 'LTI tool: Outil externe' }).waitFor();

    await result.getByRole('link', { name: 'Link to this report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import report of the course' }).waitFor();
    await page.getByRole('rowheader', { name: 'Question: Pourquoi' }).waitFor();
    await page.getByRole('link', { name: 'Open the course editor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Santé et hygiène' }).waitFor();
  });

  it('an admin adds a forwarding destination, sees its status, pauses and removes it', async () => {
    const page = await app.newPage();
    await signIn(page, app, 'learners', 'admin', 'admin123');
    await page.goto(app.url('learners', '/admin/lrs'));
    await page.getByRole('link', { name: 'Statement forwarding' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statement forwarding' }).waitFor();
    await page.getByText('No destinations yet.').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Ministry LRS');
    await page.getByLabel('LRS endpoint').fill('https://lrs.example.org/xapi/');
    await page.getByLabel('Key', { exact: true }).fill('ministry-key');
    await page.getByLabel('Secret', { exact: true }).fill('very-secret-value-1234');
    await page.getByRole('button', { name: 'Start forwarding' }).click();
    const table = page.getByRole('table', { name: 'Forwarding destinations' });
    await table.getByRole('rowheader', { name: /Ministry LRS/ }).waitFor();
    await table.getByRole('cell', { name: 'Active' }).waitFor();
    expect(await page.content()).not.toContain('very-secret-value-1234');

    await table.getByRole('button', { name: 'Pause Ministry LRS' }).click();
    await table.getByRole('cell', { name: 'Paused' }).waitFor();
    await table.getByRole('button', { name: 'Remove Ministry LRS' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No destinations yet.').waitFor();
  });
});
