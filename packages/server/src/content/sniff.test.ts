import { describe, expect, it } from 'vitest';
import { makeEpub, makeZip } from '../test-support/zip-fixtures.js';
import { checkKind, detectFormat } from './sniff.js';
import { checkWebVtt } from './webvtt.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('recognising a file from its first bytes', () => {
  it.each([
    ['pdf', bytes('%PDF-1.7\n')],
    ['mp4', bytes([0, 0, 0, 0x20], 'ftypisom')],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86])],
    ['ogg', bytes('OggS', [0, 2])],
    ['mp3', bytes('ID3', [4, 0])],
    ['mp3', bytes([0xff, 0xfb, 0x90, 0x64])],
    ['wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['gif', bytes('GIF89a')],
    ['webvtt', bytes('WEBVTT\n\n00:01.000 --> 00:02.000\nhi')],
    ['webvtt', bytes([0xef, 0xbb, 0xbf], 'WEBVTT - with a title\n')],
    ['unknown', bytes('<html><body>')],
    ['unknown', bytes([0xff, 0xf1, 0x50, 0x80])], // AAC in ADTS: not the MP3 frame sync
  ])('%s', (format, head) => {
    expect(detectFormat(head)).toBe(format);
  });

  it('tells an EPUB from any other zip', () => {
    expect(detectFormat(makeEpub().subarray(0, 64))).toBe('epub');
    expect(detectFormat(makeZip({ 'index.html': 'x' }).subarray(0, 64))).toBe('zip');
  });

  it('gives the media type a kind stores the format as', () => {
    const mp4 = bytes([0, 0, 0, 0x20], 'ftypM4A ');
    expect(checkKind('video', mp4)).toMatchObject({ ok: true, mediaType: 'video/mp4' });
    expect(checkKind('audio', mp4)).toMatchObject({ ok: true, mediaType: 'audio/mp4' });
    expect(checkKind('audio', bytes('OggS'))).toMatchObject({ ok: true, mediaType: 'audio/ogg' });
  });

  it('refuses a file that is not what its kind says, with the reason', () => {
    expect(checkKind('pdf', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({
      ok: false,
      format: 'png',
      reason: 'This is a PNG image, but a pdf item must be a PDF document',
    });
    expect(checkKind('html5', makeEpub().subarray(0, 64))).toMatchObject({ ok: false, format: 'epub' });
    expect(checkKind('image', bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toMatchObject({
      ok: false,
      format: 'unknown',
    });
  });
});

describe('checking WebVTT', () => {
  it('accepts cues with and without hours, settings and a title line', () => {
    const vtt =
      'WEBVTT Captions\r\n\r\nNOTE made by hand\r\n\r\n1\r\n00:00.500 --> 00:02.000 align:start\r\nHello\r\n\r\n01:00:00.000 --> 01:00:01.250\r\nLater\r\n';
    expect(checkWebVtt(vtt)).toEqual({ ok: true, cues: 2 });
  });

  it('names the line of a bad timing, a backwards cue, or a missing signature', () => {
    expect(checkWebVtt('WEBVTT\n\n00:01 --> 00:02\nx')).toMatchObject({ ok: false, line: 3 });
    expect(checkWebVtt('WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nx')).toMatchObject({
      ok: false,
      line: 3,
      reason: 'A cue must end after it starts',
    });
    expect(checkWebVtt('1\n00:00:01.000 --> 00:00:02.000\nx')).toMatchObject({ ok: false, line: 1 });
    expect(checkWebVtt('WEBVTTX\n')).toMatchObject({ ok: false, line: 1 });
    expect(checkWebVtt('WEBVTT\n')).toMatchObject({ ok: false, reason: 'The file has no cues' });
  });
});
