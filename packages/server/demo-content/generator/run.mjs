import { execFileSync, spawnSync } from 'node:child_process';

/** Runs a tool and fails loudly with its stderr; the generator is a one-off, so no partial outputs are kept. */
export function run(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${cmd} could not start: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')}\nfailed (${result.status}):\n${result.stderr}`);
  return result.stdout;
}

export function ffmpeg(args) {
  return run('ffmpeg', ['-y', '-hide_banner', '-loglevel', 'error', ...args]);
}

export function durationSeconds(file) {
  const out = run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  const seconds = Number(out.trim());
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`ffprobe could not read the duration of ${file}`);
  return seconds;
}

/** Narration with espeak-ng into a WAV file. */
export function speak(voice, rate, text, file) {
  run('espeak-ng', ['-v', voice, '-s', String(rate), '-w', file, text]);
  return durationSeconds(file);
}

export function requireTools(names) {
  const missing = names.filter((name) => {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(
      `missing tools: ${missing.join(', ')}. On Debian: apt-get install ffmpeg espeak-ng fonts-dejavu-core fonts-noto-core`,
    );
  }
}

export const FONT_LATIN = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
export const FONT_LATIN_REGULAR = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const FONT_ARABIC = '/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf';
