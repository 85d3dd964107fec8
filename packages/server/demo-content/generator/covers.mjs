import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONT_ARABIC, FONT_LATIN, FONT_LATIN_REGULAR, ffmpeg } from './run.mjs';

// Course cover images: 480x270 PNGs of a coloured card with a large symbol and
// the course title in the course's own language and script.

export const COVERS = [
  {
    name: 'numbers-1-to-10',
    bg: '0x1d4ed8',
    band: '0xf59e0b',
    glyph: '123',
    title: ['Numbers', '1 to 10'],
    tag: 'Mathematics',
  },
  {
    name: 'adding-within-20',
    bg: '0x6b21a8',
    band: '0xf59e0b',
    glyph: '+',
    title: ['Adding', 'within 20'],
    tag: 'Mathematics',
  },
  {
    name: 'amina-at-the-market',
    bg: '0xb45309',
    band: '0x1d4ed8',
    glyph: 'Aa',
    title: ['Amina at', 'the market'],
    tag: 'Literacy',
  },
  {
    name: 'handwashing.en',
    bg: '0x115e59',
    band: '0x38bdf8',
    glyph: '20s',
    title: ['Wash your', 'hands'],
    tag: 'Life skills',
  },
  {
    name: 'handwashing.fr',
    bg: '0x115e59',
    band: '0x38bdf8',
    glyph: '20s',
    title: ['Se laver', 'les mains'],
    tag: 'Compétences de vie',
  },
  {
    name: 'handwashing.ar',
    bg: '0x115e59',
    band: '0x38bdf8',
    glyph: '20s',
    title: ['غسل اليدين'],
    tag: 'مهارات حياتية',
    rtl: true,
  },
  {
    name: 'feeling-calm',
    bg: '0x166534',
    band: '0xa3e635',
    glyph: '~',
    title: ['Feeling', 'calm'],
    tag: 'Life skills',
  },
  {
    name: 'positive-classroom',
    bg: '0x9f1239',
    band: '0xfbbf24',
    glyph: '★',
    title: ['Positive', 'classrooms'],
    tag: 'For teachers',
  },
];

function text(tmp, id, value, { font, size, x, y, alpha = 1 }) {
  const file = join(tmp, `cover-${id}.txt`);
  writeFileSync(file, value);
  return `drawtext=fontfile=${font}:textfile=${file}:text_shaping=1:fontsize=${size}:fontcolor=white@${alpha}:x=${x}:y=${y}`;
}

export function renderCover(cover, tmp, outDir) {
  const font = cover.rtl ? FONT_ARABIC : FONT_LATIN;
  // Latin covers read left to right (symbol left, title right); Arabic ones mirror that.
  const titleX = cover.rtl ? 'w-text_w-190' : '190';
  const glyphX = cover.rtl ? 'w-150+(120-text_w)/2' : '30+(120-text_w)/2';
  const filters = [
    `drawbox=x=${cover.rtl ? 330 : 30}:y=75:w=120:h=120:color=${cover.band}@1:t=fill`,
    text(tmp, `${cover.name}-glyph`, cover.glyph, {
      font: FONT_LATIN,
      size: cover.glyph.length > 2 ? 40 : 64,
      x: glyphX,
      y: '135-text_h/2',
    }),
    `drawbox=x=0:y=250:w=480:h=20:color=${cover.band}@1:t=fill`,
  ];
  cover.title.forEach((line, i) => {
    const top = cover.title.length === 1 ? 110 : 85 + i * 50;
    filters.push(text(tmp, `${cover.name}-t${i}`, line, { font, size: 40, x: titleX, y: top }));
  });
  filters.push(
    text(tmp, `${cover.name}-tag`, cover.tag, {
      font: cover.rtl ? FONT_ARABIC : FONT_LATIN_REGULAR,
      size: 18,
      x: titleX,
      y: 200,
      alpha: 0.85,
    }),
  );
  const out = join(outDir, `cover-${cover.name}.png`);
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `color=c=${cover.bg}:s=480x270`,
    '-frames:v',
    '1',
    '-vf',
    filters.join(','),
    out,
  ]);
  return out;
}
