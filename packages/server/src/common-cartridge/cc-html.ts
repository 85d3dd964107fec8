// HTML as cartridges carry it: question text and feedback become plain text (our
// questions are text), pages keep their HTML, with the cartridge's URL tokens
// resolved to paths inside the package.

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  times: '×',
  divide: '÷',
  deg: '°',
  copy: '©',
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return HTML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export interface PlainText {
  text: string;
  /** The HTML showed images (or media) that plain text cannot. */
  hadMedia: boolean;
}

/** Question text for a Satchel question: tags dropped, paragraphs kept as line breaks. */
export function htmlToText(html: string): PlainText {
  const hadMedia = /<(img|video|audio|object|embed|iframe|math|svg)\b/i.test(html);
  const text = decodeHtmlEntities(
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|h[1-6]|tr)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, hadMedia };
}

/** Text of a mattext, which may be plain or (escaped) HTML. */
export function materialText(raw: string, texttype: string | undefined): PlainText {
  const looksHtml = /html/i.test(texttype ?? '') || /<\/?[a-z][\s\S]*>/i.test(raw);
  return looksHtml ? htmlToText(raw) : { text: raw.trim(), hadMedia: false };
}

/** The cartridge tokens for "the package's files", raw and URL-encoded (Canvas writes both). */
export const FILEBASE_TOKEN = /(?:\$|%24)IMS[-_]CC[-_]FILEBASE(?:\$|%24)/g;
/** Canvas links to its own pages and objects: nothing a Satchel page can follow. */
export const CANVAS_LINK_TOKEN =
  /(?:\$|%24)(?:CANVAS_OBJECT_REFERENCE|CANVAS_COURSE_REFERENCE|WIKI_REFERENCE)(?:\$|%24)/;

/** A normalised package path, or null when it climbs out of the package. */
export function normalisePath(parts: string): string | null {
  const out: string[] = [];
  for (const segment of parts.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(segment);
  }
  return out.length === 0 ? null : out.join('/');
}

export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

/** The relative reference from the folder of `from` to `to` (both package paths). */
export function relativeRef(from: string, to: string): string {
  const fromDirs = dirOf(from).split('/').filter(Boolean);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common])
    common++;
  return [...fromDirs.slice(common).map(() => '..'), ...toParts.slice(common).map(encodeURIComponent)].join(
    '/',
  );
}

const REFERENCE = /\b(src|href|poster|data)\s*=\s*("([^"]*)"|'([^']*)')/gi;

export interface PageReference {
  /** The attribute value as written (tokens resolved). */
  value: string;
  /** The package path it names, or null for outside addresses and anchors. */
  target: string | null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Rewrites a page: FILEBASE tokens become relative paths to the files they name
 * (`resolveBase` picks the folder they mean, for Moodle or Canvas layouts), and
 * every local reference is listed so the lesson can carry those files.
 */
export function rewritePage(
  html: string,
  pagePath: string,
  resolveBase: (rest: string) => string | null,
): { html: string; references: PageReference[]; canvasLinks: number } {
  const references: PageReference[] = [];
  let canvasLinks = 0;
  const out = html.replace(REFERENCE, (whole, name: string, _quoted: string, dq?: string, sq?: string) => {
    const raw = dq ?? sq ?? '';
    const quote = dq !== undefined ? '"' : "'";
    let value = raw;
    FILEBASE_TOKEN.lastIndex = 0;
    if (FILEBASE_TOKEN.test(raw)) {
      const rest = safeDecode(raw.replace(FILEBASE_TOKEN, '').replace(/^\/+/, '')).split(/[?#]/)[0] ?? '';
      const target = resolveBase(rest);
      value = target ? relativeRef(pagePath, target) : raw;
      references.push({ value, target });
      return `${name}=${quote}${value}${quote}`;
    }
    if (CANVAS_LINK_TOKEN.test(raw)) {
      canvasLinks++;
      return whole;
    }
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#|\/)/i.test(raw) || raw === '') return whole;
    const local = safeDecode(raw.split(/[?#]/)[0] ?? '');
    references.push({ value: raw, target: normalisePath(dirOf(pagePath) + local) });
    return whole;
  });
  return { html: out, references, canvasLinks };
}

/** A page opened counts as read: the lesson completes when it loads. */
export const COMPLETION_SCRIPT = "<script>parent.postMessage({ type: 'satchel:complete' }, '*');</script>";

export function withCompletion(html: string): string {
  const at = html.search(/<\/body\s*>/i);
  return at < 0
    ? `${html}\n${COMPLETION_SCRIPT}\n`
    : `${html.slice(0, at)}${COMPLETION_SCRIPT}\n${html.slice(at)}`;
}

/** An image has no lesson kind of its own: it is shown in a small page. */
export function imagePage(title: string, image: string): string {
  const esc = (s: string): string =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{margin:0;display:flex;justify-content:center}img{max-inline-size:100%;block-size:auto}</style></head>
<body><img src="${esc(image)}" alt="${esc(title)}"></body></html>\n`;
}
