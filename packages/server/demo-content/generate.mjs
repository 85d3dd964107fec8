#!/usr/bin/env node
// Generates every media file of the Satchel demo into ./media. Run once by a
// maintainer; the outputs are committed, so neither `satchel serve` nor the
// tests need ffmpeg or espeak-ng. See README.md in this folder.
//
//   apt-get install ffmpeg espeak-ng fonts-dejavu-core fonts-noto-core
//   node packages/server/demo-content/generate.mjs
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { narratedAudio, slideVideo } from './generator/av.mjs';
import { COVERS, renderCover } from './generator/covers.mjs';
import { storyEpub } from './generator/epub.mjs';
import { addingWorksheet, classroomGuide } from './generator/pdf-documents.mjs';
import { satchelLogo } from './generator/png.mjs';
import { requireTools } from './generator/run.mjs';
import { breathing, counting, handwashing } from './generator/scripts.mjs';

/** The whole demo must stay small enough to ship in the repository and install on a hub. */
const BUDGET_BYTES = 3 * 1024 * 1024;

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, 'media');

function html5Package() {
  const src = join(here, 'generator', 'number-line');
  const files = Object.fromEntries(
    readdirSync(src)
      .sort()
      .map((name) => [name, readFileSync(join(src, name))]),
  );
  return Buffer.from(zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
}

function main() {
  requireTools(['ffmpeg', 'ffprobe', 'espeak-ng']);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'satchel-demo-media-'));
  try {
    const step = (label, work) => {
      process.stdout.write(`${label}…\n`);
      work();
    };
    step('video: counting to five', () => slideVideo(counting, tmp, outDir));
    for (const lang of ['en', 'fr', 'ar'])
      step(`video: handwashing (${lang})`, () => slideVideo(handwashing(lang), tmp, outDir));
    step('audio: calm breathing', () => narratedAudio(breathing, tmp, outDir));
    step('pdf: adding worksheet', () =>
      writeFileSync(join(outDir, 'adding-within-20.pdf'), addingWorksheet()),
    );
    step('pdf: classroom guide', () =>
      writeFileSync(join(outDir, 'positive-classroom-guide.pdf'), classroomGuide()),
    );
    step('epub: Amina at the market', () =>
      writeFileSync(join(outDir, 'amina-at-the-market.epub'), storyEpub()),
    );
    step('html5: numbers in order', () => writeFileSync(join(outDir, 'number-line.zip'), html5Package()));
    step('covers', () => COVERS.forEach((cover) => renderCover(cover, tmp, outDir)));
    step('logos', () => {
      writeFileSync(join(outDir, 'logo-learners.png'), satchelLogo(128, '#1d4ed8', '#f59e0b'));
      writeFileSync(join(outDir, 'logo-educators.png'), satchelLogo(128, '#166534', '#fbbf24'));
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const sizes = readdirSync(outDir)
    .sort()
    .map((name) => [name, statSync(join(outDir, name)).size]);
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  for (const [name, size] of sizes) process.stdout.write(`${String(size).padStart(9)}  ${name}\n`);
  process.stdout.write(`${String(total).padStart(9)}  total (${(total / 1024 / 1024).toFixed(2)} MB)\n`);
  if (total > BUDGET_BYTES) {
    process.stderr.write(
      `The demo media is over its ${BUDGET_BYTES} byte budget: lower the bitrates or shorten the scripts.\n`,
    );
    process.exitCode = 1;
  }
}

main();
