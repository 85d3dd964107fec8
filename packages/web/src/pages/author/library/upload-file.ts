import type { UploadKind } from './library-filters.js';

// Choosing what an uploaded file is. The server sniffs every upload and refuses a file that is not what
// its kind says, so the guess here only saves the author a step; they can change it.

const EXTENSION_KINDS: Readonly<Record<string, UploadKind>> = {
  mp4: 'video',
  m4v: 'video',
  webm: 'video',
  ogv: 'video',
  mov: 'video',
  mp3: 'audio',
  m4a: 'audio',
  oga: 'audio',
  ogg: 'audio',
  wav: 'audio',
  weba: 'audio',
  pdf: 'pdf',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  svg: 'image',
  epub: 'epub',
  zip: 'html5',
  h5p: 'h5p',
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The kind a file most likely is, from its type and name; '' when nothing fits. */
export function guessKind(file: { readonly name: string; readonly type: string }): UploadKind | '' {
  const type = file.type.toLowerCase();
  if (type === 'application/epub+zip') return 'epub';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('image/')) return 'image';
  return EXTENSION_KINDS[extensionOf(file.name)] ?? '';
}

/** The `accept` list of the file picker for a kind (any kind the library takes when none is chosen). */
export function acceptFor(kind: UploadKind | ''): string {
  switch (kind) {
    case 'video':
      return 'video/*';
    case 'audio':
      return 'audio/*';
    case 'pdf':
      return 'application/pdf,.pdf';
    case 'image':
      return 'image/*';
    case 'epub':
      return 'application/epub+zip,.epub';
    case 'html5':
      return 'application/zip,.zip';
    case 'h5p':
      return '.h5p';
    case '':
      return 'video/*,audio/*,image/*,application/pdf,.pdf,application/epub+zip,.epub,application/zip,.zip,.h5p';
  }
}

/** A starting title: the file name without its extension, with separators as spaces. */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return stem.replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
}

// The server refuses, from a signed-in browser, the types an HTML form can send (a guard against
// cross-site posts); such files go as plain bytes, which the server sniffs anyway.
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

export function uploadContentType(type: string): string {
  return type === '' || FORM_TYPES.test(type) ? 'application/octet-stream' : type;
}
