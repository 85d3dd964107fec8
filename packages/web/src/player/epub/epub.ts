import { unzipSync } from 'fflate';
import { textDirection } from '../../i18n/locales.js';
import { decodeEntities } from '../entities.js';

// Reading an EPUB (2 or 3) without a DOM, so it is the same in a browser, a worker and a test:
// META-INF/container.xml names the package document (OPF), whose manifest lists the files and whose
// spine gives the reading order. The few tags needed are found with a tolerant scanner.

export interface EpubItem {
  readonly id: string;
  /** Path inside the zip. */
  readonly path: string;
  readonly mediaType: string;
  readonly properties: readonly string[];
}

export interface EpubChapter {
  readonly path: string;
  readonly mediaType: string;
}

export interface TocEntry {
  readonly label: string;
  /** Path inside the zip (no fragment). */
  readonly path: string;
}

export interface EpubBook {
  readonly title: string;
  readonly language: string;
  /** The spine's page-progression-direction, else the direction of the book's language. */
  readonly direction: 'ltr' | 'rtl';
  /** The reading order (linear spine items). */
  readonly chapters: readonly EpubChapter[];
  /** Manifest items by path. */
  readonly items: ReadonlyMap<string, EpubItem>;
  readonly toc: readonly TocEntry[];
}

export class EpubError extends Error {
  override readonly name = 'EpubError';
}

type Attributes = Readonly<Record<string, string>>;

const withoutComments = (xml: string): string => xml.replace(/<!--[\s\S]*?-->/g, '');

/** Attributes by name, with a prefixed name (`opf:role`) also reachable by its local name (`role`). */
function parseAttributes(source: string): Attributes {
  const attributes: Record<string, string> = {};
  for (const found of source.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = found[1] ?? '';
    const value = decodeEntities(found[2] ?? found[3] ?? '');
    attributes[name] = value;
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    if (!(local in attributes)) attributes[local] = value;
  }
  return attributes;
}

/** The attributes of every start tag whose local name is `localName`, in document order, any prefix. */
export function tagsNamed(xml: string, localName: string): Attributes[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])([^>]*)>`, 'g');
  return [...withoutComments(xml).matchAll(pattern)].map((found) => parseAttributes(found[1] ?? ''));
}

/** The text of the first element with this local name (tags inside it dropped), or ''. */
function textOf(xml: string, localName: string): string {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${localName}(?=[\\s>])[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${localName}\\s*>`,
  );
  const found = pattern.exec(withoutComments(xml));
  return found ? decodeEntities((found[1] ?? '').replace(/<[^>]*>/g, '')).trim() : '';
}

/** The package document's path, from META-INF/container.xml. */
export function parseContainer(xml: string): string | null {
  const rootfiles = tagsNamed(xml, 'rootfile');
  const opf = rootfiles.find((r) => r['media-type'] === 'application/oebps-package+xml') ?? rootfiles[0];
  const path = opf?.['full-path'];
  return path ? path.replace(/^\/+/, '') : null;
}

const dirname = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * The zip path an href points to, relative to the file `from`; null for links out of the book
 * (any URL scheme) or out of the zip (`../` past the root). Fragment and query are dropped.
 */
export function resolveHref(from: string, href: string): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return null;
  const bare = trimmed.split('#')[0]?.split('?')[0] ?? '';
  if (bare === '') return from;
  let decoded = bare;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    // A stray % is kept literally; zip entry names are not URL-encoded.
  }
  const joined = decoded.startsWith('/') ? decoded.slice(1) : `${dirname(from)}${decoded}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The fragment of an href (`#note-3` → `note-3`), or ''. */
export function fragmentOf(href: string): string {
  const at = href.indexOf('#');
  if (at === -1) return '';
  try {
    return decodeURIComponent(href.slice(at + 1));
  } catch {
    return href.slice(at + 1);
  }
}

/** The package document: title, language, direction, files and reading order. */
export function parseOpf(
  xml: string,
  opfPath: string,
): Omit<EpubBook, 'toc'> & { readonly tocPath: string | null } {
  const items = new Map<string, EpubItem>();
  const byId = new Map<string, EpubItem>();
  for (const attributes of tagsNamed(xml, 'item')) {
    const id = attributes['id'];
    const href = attributes['href'];
    const path = href ? resolveHref(opfPath, href) : null;
    if (!id || !path) continue;
    const item: EpubItem = {
      id,
      path,
      mediaType: attributes['media-type'] ?? '',
      properties: (attributes['properties'] ?? '').split(/\s+/).filter(Boolean),
    };
    items.set(path, item);
    byId.set(id, item);
  }
  const spine = tagsNamed(xml, 'spine')[0] ?? {};
  const refs = tagsNamed(xml, 'itemref').flatMap((ref) => {
    const item = byId.get(ref['idref'] ?? '');
    return item ? [{ item, linear: ref['linear'] !== 'no' }] : [];
  });
  const linear = refs.filter((ref) => ref.linear);
  const chapters = (linear.length > 0 ? linear : refs).map(({ item }) => ({
    path: item.path,
    mediaType: item.mediaType,
  }));
  if (chapters.length === 0) throw new EpubError('The book has no chapters (empty spine)');

  const language = textOf(xml, 'language');
  const declared = spine['page-progression-direction'];
  const direction = declared === 'rtl' || declared === 'ltr' ? declared : textDirection(language || 'en');
  const nav = [...items.values()].find((item) => item.properties.includes('nav'));
  const ncx =
    byId.get(spine['toc'] ?? '') ??
    [...items.values()].find((i) => i.mediaType === 'application/x-dtbncx+xml');
  return {
    title: textOf(xml, 'title'),
    language,
    direction,
    chapters,
    items,
    tocPath: nav?.path ?? ncx?.path ?? null,
  };
}

/** The table of contents from an EPUB 3 nav document or an EPUB 2 NCX; links resolved to zip paths. */
export function parseToc(xml: string, tocPath: string): TocEntry[] {
  const source = withoutComments(xml);
  const entries: TocEntry[] = [];
  const push = (label: string, href: string | undefined) => {
    const path = href ? resolveHref(tocPath, href) : null;
    const text = decodeEntities(label.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
    if (path && text) entries.push({ label: text, path });
  };
  if (/<(?:[\w.-]+:)?navMap[\s>]/.test(source)) {
    for (const point of source.matchAll(
      /<(?:[\w.-]+:)?navLabel[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?navLabel>\s*<(?:[\w.-]+:)?content([^>]*)>/g,
    )) {
      push(point[1] ?? '', parseAttributes(point[2] ?? '')['src']);
    }
    return entries;
  }
  // EPUB 3: the <nav epub:type="toc"> (or the first nav) holds an ordered list of links.
  const navs = [...source.matchAll(/<nav\b([^>]*)>([\s\S]*?)<\/nav>/g)];
  const toc =
    navs.find((nav) => /(?:^|\s)toc(?:\s|$)/.test(parseAttributes(nav[1] ?? '')['type'] ?? '')) ?? navs[0];
  for (const link of (toc?.[2] ?? '').matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)) {
    push(link[2] ?? '', parseAttributes(link[1] ?? '')['href']);
  }
  return entries;
}

/** An unzipped book: its files by path and what the package document says about them. */
export interface OpenedEpub {
  readonly files: Readonly<Record<string, Uint8Array>>;
  readonly book: EpubBook;
}

const utf8 = (bytes: Uint8Array | undefined): string => (bytes ? new TextDecoder().decode(bytes) : '');

export function openEpub(bytes: Uint8Array): OpenedEpub {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new EpubError(`Not a readable zip file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const opfPath = parseContainer(utf8(files['META-INF/container.xml']));
  if (!opfPath || !files[opfPath])
    throw new EpubError('META-INF/container.xml does not name a package document');
  const { tocPath, ...book } = parseOpf(utf8(files[opfPath]), opfPath);
  let toc: TocEntry[] = [];
  if (tocPath && files[tocPath]) toc = parseToc(utf8(files[tocPath]), tocPath);
  return { files, book: { ...book, toc } };
}

/** CSS with each relative url(...) replaced by `urlFor(zip path)`; unknown files are left as they were. */
export function rewriteCssUrls(
  css: string,
  cssPath: string,
  urlFor: (path: string) => string | null,
): string {
  const swap = (reference: string): string | null => {
    const path = resolveHref(cssPath, reference);
    return path === null ? null : urlFor(path);
  };
  return css
    .replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, _quote: string, reference: string) => {
      const url = swap(reference);
      return url === null ? whole : `url("${url}")`;
    })
    .replace(/@import\s+(["'])([^"']+)\1/g, (whole, _quote: string, reference: string) => {
      const url = swap(reference);
      return url === null ? whole : `@import "${url}"`;
    });
}

const MEDIA_BY_EXTENSION: Readonly<Record<string, string>> = {
  css: 'text/css',
  xhtml: 'application/xhtml+xml',
  html: 'text/html',
  htm: 'text/html',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  otf: 'font/otf',
  ttf: 'font/ttf',
  woff: 'font/woff',
  woff2: 'font/woff2',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  webm: 'video/webm',
};

/** A file's media type: the manifest's, else from its extension. */
export function mediaTypeOf(book: Pick<EpubBook, 'items'>, path: string): string {
  const declared = book.items.get(path)?.mediaType;
  if (declared) return declared;
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MEDIA_BY_EXTENSION[extension] ?? 'application/octet-stream';
}
