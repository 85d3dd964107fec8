// A WebVTT check strict enough that a caption file a player would choke on is refused
// at upload, with the line to fix: the signature, then valid, ordered cue timings.

export type WebVttCheck = { ok: true; cues: number } | { ok: false; reason: string; line: number };

const TIMESTAMP = String.raw`(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})`;
const TIMING_LINE = new RegExp(String.raw`^${TIMESTAMP}[ \t]+-->[ \t]+${TIMESTAMP}(?:[ \t].*)?$`);

function seconds(h: string | undefined, m: string, s: string, ms: string): number {
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

export function checkWebVtt(text: string): WebVttCheck {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const first = lines[0] ?? '';
  if (!/^WEBVTT(?:[ \t].*)?$/.test(first)) {
    return { ok: false, reason: 'A WebVTT file must start with the line "WEBVTT"', line: 1 };
  }
  let cues = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('-->')) continue;
    const m = TIMING_LINE.exec(line);
    if (!m) {
      return {
        ok: false,
        reason: 'A cue timing must look like "00:01.000 --> 00:04.500" (hours optional)',
        line: i + 1,
      };
    }
    const start = seconds(m[1], m[2] ?? '0', m[3] ?? '0', m[4] ?? '0');
    const end = seconds(m[5], m[6] ?? '0', m[7] ?? '0', m[8] ?? '0');
    if (end <= start) return { ok: false, reason: 'A cue must end after it starts', line: i + 1 };
    cues++;
  }
  if (cues === 0) return { ok: false, reason: 'The file has no cues', line: lines.length };
  return { ok: true, cues };
}
