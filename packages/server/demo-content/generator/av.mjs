import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONT_ARABIC, FONT_LATIN, ffmpeg, speak } from './run.mjs';

// Slide videos and narrated audio from the scripts in scripts.mjs. Each slide or
// segment is spoken separately, so its caption cue starts and ends exactly where
// its narration does, in every caption language.

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 12;
/** Silence after each slide's narration, so a child can look before the next one. */
const SLIDE_TAIL = 0.6;

// Keeps encoder version strings out of the files, so a rerun changes as little as possible.
const BITEXACT = ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact'];
const OPUS = ['-c:a', 'libopus', '-b:a', '24k', '-ac', '1', '-ar', '48000'];

function textFilter(tmp, id, text, { font, size, y, alpha = 1 }) {
  const file = join(tmp, `${id}.txt`);
  writeFileSync(file, text);
  return `drawtext=fontfile=${font}:textfile=${file}:text_shaping=1:fontsize=${size}:fontcolor=white@${alpha}:x=(w-text_w)/2:y=${y}`;
}

/** Dots to count along with: white squares centred in a row. */
function dotFilters(count) {
  const size = 48;
  const gap = 24;
  const total = count * size + (count - 1) * gap;
  const x0 = Math.round((WIDTH - total) / 2);
  return Array.from(
    { length: count },
    (_, i) => `drawbox=x=${x0 + i * (size + gap)}:y=190:w=${size}:h=${size}:color=white@0.95:t=fill`,
  );
}

function renderSlide(tmp, id, slide, rtl, out) {
  const font = rtl ? FONT_ARABIC : FONT_LATIN;
  const filters = [
    textFilter(tmp, `${id}-title`, slide.title, { font, size: 44, y: slide.count ? 90 : 100 }),
  ];
  (slide.lines ?? []).forEach((line, i) => {
    filters.push(textFilter(tmp, `${id}-line${i}`, line, { font, size: 28, y: 190 + i * 44 }));
  });
  if (slide.count) filters.push(...dotFilters(slide.count));
  filters.push(
    textFilter(tmp, `${id}-footer`, 'Satchel demo · CC0', {
      font: FONT_LATIN,
      size: 13,
      y: HEIGHT - 28,
      alpha: 0.7,
    }),
  );
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `color=c=${slide.bg}:s=${WIDTH}x${HEIGHT}`,
    '-frames:v',
    '1',
    '-vf',
    filters.join(','),
    out,
  ]);
}

function timestamp(seconds) {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Short caption lines: phones show captions large, and long lines cover the picture. */
function wrap(text, width = 42) {
  const lines = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines.join('\n');
}

export function webvtt(cues) {
  const body = cues
    .map((c, i) => `${i + 1}\n${timestamp(c.start)} --> ${timestamp(c.end)}\n${wrap(c.text)}\n`)
    .join('\n');
  return `WEBVTT - Satchel demo captions (CC0-1.0)\n\n${body}`;
}

/**
 * Builds `<name>.webm` (VP9 + Opus), `<name>.poster.png` and `<name>.<lang>.vtt`
 * for the narration language and every language in each slide's `captions`.
 */
export function slideVideo(script, tmp, outDir) {
  const inputs = [];
  const graph = [];
  const cues = {};
  let at = 0;
  script.slides.forEach((slide, i) => {
    const id = `${script.name}-${i}`;
    const png = join(tmp, `${id}.png`);
    const wav = join(tmp, `${id}.wav`);
    renderSlide(tmp, id, slide, script.rtl === true, png);
    const speech = speak(script.voice, script.rate, slide.say, wav);
    const length = speech + SLIDE_TAIL;
    inputs.push('-loop', '1', '-framerate', String(FPS), '-t', length.toFixed(3), '-i', png, '-i', wav);
    graph.push(`[${2 * i}:v]format=yuv420p,setsar=1[v${i}]`);
    graph.push(`[${2 * i + 1}:a]aresample=48000,apad=whole_dur=${length.toFixed(3)}[a${i}]`);
    const texts = { [script.lang]: slide.say, ...slide.captions };
    for (const [lang, text] of Object.entries(texts)) {
      (cues[lang] ??= []).push({ start: at, end: at + speech + 0.3, text });
    }
    at += length;
  });
  const pairs = script.slides.map((_, i) => `[v${i}][a${i}]`).join('');
  graph.push(`${pairs}concat=n=${script.slides.length}:v=1:a=1[v][a]`);
  const video = join(outDir, `${script.name}.webm`);
  ffmpeg([
    ...inputs,
    '-filter_complex',
    graph.join(';'),
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-c:v',
    'libvpx-vp9',
    '-crf',
    '42',
    '-b:v',
    '0',
    '-g',
    '240',
    '-deadline',
    'good',
    '-cpu-used',
    '4',
    '-row-mt',
    '1',
    ...OPUS,
    ...BITEXACT,
    video,
  ]);
  ffmpeg([
    '-i',
    join(tmp, `${script.name}-0.png`),
    '-vf',
    'scale=320:-2',
    join(outDir, `${script.name}.poster.png`),
  ]);
  const captionFiles = {};
  for (const [lang, list] of Object.entries(cues)) {
    const file = join(outDir, `${script.name}.${lang}.vtt`);
    writeFileSync(file, webvtt(list));
    captionFiles[lang] = file;
  }
  return { video, seconds: at, captionFiles };
}

/** Builds `<name>.ogg` (Opus) with a pause after each segment, and `<name>.<lang>.vtt`. */
export function narratedAudio(script, tmp, outDir) {
  const inputs = [];
  const graph = [];
  const cues = {};
  let at = 0;
  script.segments.forEach((segment, i) => {
    const wav = join(tmp, `${script.name}-${i}.wav`);
    const speech = speak(script.voice, script.rate, segment.say, wav);
    const length = speech + segment.pause;
    inputs.push('-i', wav);
    graph.push(`[${i}:a]aresample=48000,apad=whole_dur=${length.toFixed(3)}[a${i}]`);
    for (const [lang, text] of [
      [script.lang, segment.say],
      ['fr', segment.fr],
    ]) {
      (cues[lang] ??= []).push({ start: at, end: at + speech + 0.3, text });
    }
    at += length;
  });
  graph.push(
    `${script.segments.map((_, i) => `[a${i}]`).join('')}concat=n=${script.segments.length}:v=0:a=1[a]`,
  );
  const audio = join(outDir, `${script.name}.ogg`);
  ffmpeg([...inputs, '-filter_complex', graph.join(';'), '-map', '[a]', ...OPUS, ...BITEXACT, audio]);
  const captionFiles = {};
  for (const [lang, list] of Object.entries(cues)) {
    const file = join(outDir, `${script.name}.${lang}.vtt`);
    writeFileSync(file, webvtt(list));
    captionFiles[lang] = file;
  }
  return { audio, seconds: at, captionFiles };
}
