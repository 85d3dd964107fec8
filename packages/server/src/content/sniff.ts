import type { LibraryKind } from '@satchel/core';

// What a file is, from its first bytes. The name and the declared Content-Type are
// the uploader's claims; the magic bytes are what a browser will actually meet.

/** How many leading bytes `detectFormat` needs (an EPUB's mimetype entry ends at byte 58). */
export const SNIFF_BYTES = 64;

export type DetectedFormat =
  | 'pdf'
  | 'mp4'
  | 'webm'
  | 'ogg'
  | 'mp3'
  | 'wav'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'epub'
  | 'zip'
  | 'webvtt'
  | 'unknown';

const DESCRIPTIONS: Record<DetectedFormat, string> = {
  pdf: 'a PDF document',
  mp4: 'an MP4 file',
  webm: 'a WebM file',
  ogg: 'an Ogg file',
  mp3: 'an MP3 file',
  wav: 'a WAV file',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  webp: 'a WebP image',
  epub: 'an EPUB book',
  zip: 'a zip archive',
  webvtt: 'a WebVTT captions file',
  unknown: 'a file of a kind Satchel does not recognise',
};

/** The media type stored for each format a kind accepts. */
const ACCEPTED: Record<LibraryKind, Partial<Record<DetectedFormat, string>>> = {
  video: { mp4: 'video/mp4', webm: 'video/webm', ogg: 'video/ogg' },
  audio: { mp3: 'audio/mpeg', mp4: 'audio/mp4', ogg: 'audio/ogg', wav: 'audio/wav', webm: 'audio/webm' },
  pdf: { pdf: 'application/pdf' },
  image: { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' },
  // Both still need the archive checked: an EPUB's mimetype entry, an html5 package's index.html.
  epub: { epub: 'application/epub+zip', zip: 'application/epub+zip' },
  html5: { zip: 'application/zip' },
  h5p: { zip: 'application/zip' },
  captions: { webvtt: 'text/vtt' },
};

const ascii = (head: Uint8Array, at: number, text: string): boolean => {
  if (head.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (head[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

const bytes = (head: Uint8Array, at: number, expected: readonly number[]): boolean =>
  head.length >= at + expected.length && expected.every((b, i) => head[at + i] === b);

export function detectFormat(head: Uint8Array): DetectedFormat {
  if (ascii(head, 0, '%PDF-')) return 'pdf';
  if (ascii(head, 4, 'ftyp')) return 'mp4';
  if (bytes(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  if (ascii(head, 0, 'OggS')) return 'ogg';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'webp';
  if (bytes(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (bytes(head, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'gif';
  if (ascii(head, 0, 'PK\u0003\u0004')) {
    // OCF: the first entry is an uncompressed "mimetype" holding the media type.
    return ascii(head, 30, 'mimetype') && ascii(head, 38, 'application/epub+zip') ? 'epub' : 'zip';
  }
  if (isWebVttHead(head)) return 'webvtt';
  if (ascii(head, 0, 'ID3') || isMp3FrameSync(head)) return 'mp3';
  return 'unknown';
}

function isMp3FrameSync(head: Uint8Array): boolean {
  const [b0, b1] = [head[0] ?? 0, head[1] ?? 0];
  // 11 sync bits, then a layer that is not the reserved 00 (which is AAC in ADTS).
  return b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0;
}

function isWebVttHead(head: Uint8Array): boolean {
  const start = bytes(head, 0, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  if (!ascii(head, start, 'WEBVTT')) return false;
  const next = head[start + 6];
  return next === undefined || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}

export type KindCheck =
  | { ok: true; format: DetectedFormat; mediaType: string }
  | { ok: false; format: DetectedFormat; reason: string };

/** Whether a file whose first bytes are `head` may be uploaded as `kind`, and as which media type. */
export function checkKind(kind: LibraryKind, head: Uint8Array): KindCheck {
  const format = detectFormat(head);
  const mediaType = ACCEPTED[kind][format];
  if (mediaType) return { ok: true, format, mediaType };
  const expected = Object.keys(ACCEPTED[kind]) as DetectedFormat[];
  const wanted = [...new Set(expected.map((f) => DESCRIPTIONS[f]))].join(' or ');
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  return {
    ok: false,
    format,
    reason: `This is ${DESCRIPTIONS[format]}, but ${article} ${kind} item must be ${wanted}`,
  };
}
