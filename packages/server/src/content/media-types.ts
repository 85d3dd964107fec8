// Media types of the files inside html5 packages (by extension), and which stored
// types are safe to hand to a browser on the platform's own origin.

const BY_EXTENSION: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  js: 'text/javascript',
  mjs: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  map: 'application/json',
  xml: 'application/xml',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  bmp: 'image/bmp',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  pdf: 'application/pdf',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  eot: 'application/vnd.ms-fontobject',
  wasm: 'application/wasm',
  swf: 'application/x-shockwave-flash',
  zip: 'application/zip',
};

export const OCTET_STREAM = 'application/octet-stream';

export function mediaTypeForPath(path: string): string {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return OCTET_STREAM;
  return BY_EXTENSION[path.slice(dot + 1).toLowerCase()] ?? OCTET_STREAM;
}

const PASSIVE =
  /^(?:image\/(?:png|jpeg|gif|webp|avif|bmp|x-icon)|video\/[\w.+-]+|audio\/[\w.+-]+|font\/[\w.+-]+|application\/(?:pdf|epub\+zip|zip|octet-stream)|text\/vtt)$/;

/**
 * Types a browser renders without running anything with the origin's authority.
 * Everything else (HTML, SVG, XML, scripts…) is served from /blobs inside a CSP
 * sandbox, so a stored page can never act as the signed-in user.
 */
export function isPassiveMediaType(mediaType: string): boolean {
  return PASSIVE.test(mediaType.split(';')[0]?.trim().toLowerCase() ?? '');
}
