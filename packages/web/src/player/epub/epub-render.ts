import { mediaTypeOf, resolveHref, rewriteCssUrls, type EpubBook, type OpenedEpub } from './epub.js';

/**
 * Blob URLs for a book's files, made on first use and revoked together when the reader closes.
 * Stylesheets are rewritten first so their fonts and images load from the book too.
 */
export class BookResources {
  private readonly urls = new Map<string, string>();

  constructor(private readonly epub: OpenedEpub) {}

  urlFor = (path: string): string | null => {
    const known = this.urls.get(path);
    if (known) return known;
    const bytes = this.epub.files[path];
    if (!bytes) return null;
    const type = mediaTypeOf(this.epub.book, path);
    // Claim the path first: a stylesheet that imports itself must not recurse forever.
    this.urls.set(path, '');
    const body =
      type === 'text/css'
        ? rewriteCssUrls(new TextDecoder().decode(bytes), path, this.urlFor)
        : new Uint8Array(bytes);
    const url = URL.createObjectURL(new Blob([body], { type }));
    this.urls.set(path, url);
    return url;
  };

  text(path: string): string {
    const bytes = this.epub.files[path];
    return bytes ? new TextDecoder().decode(bytes) : '';
  }

  revokeAll(): void {
    for (const url of this.urls.values()) if (url !== '') URL.revokeObjectURL(url);
    this.urls.clear();
  }
}

/** Elements a book never needs in a reader, and which could act (scripts, frames, forms, redirects). */
const REMOVED =
  'script, noscript, iframe, frame, frameset, object, embed, applet, form, base, meta[http-equiv]';

/** Attributes holding addresses of resources to load from the book. */
const RESOURCE_ATTRIBUTES = ['src', 'poster', 'data'] as const;

/** Default reading styles; the book's own stylesheets come after and win. */
const READER_CSS = `
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; padding: 1rem; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; font-size: 1.125rem; line-height: 1.6; overflow-wrap: break-word; }
img, svg, video { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; }
`;

/**
 * One chapter as an HTML document for the reader's sandboxed frame: resources point at blob URLs,
 * anything active is removed, the book's direction and language are applied, and a content security
 * policy keeps the chapter from loading anything but the book's own files.
 */
export function chapterDocument(book: EpubBook, resources: BookResources, chapterPath: string): string {
  const source = resources.text(chapterPath);
  const xhtml = mediaTypeOf(book, chapterPath) !== 'text/html';
  let parsed = new DOMParser().parseFromString(source, xhtml ? 'application/xhtml+xml' : 'text/html');
  // Not every EPUB is well-formed XHTML; the forgiving HTML parser reads the rest.
  if (parsed.getElementsByTagName('parsererror').length > 0)
    parsed = new DOMParser().parseFromString(source, 'text/html');

  for (const element of Array.from(parsed.querySelectorAll(REMOVED))) element.remove();
  for (const element of Array.from(parsed.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name.toLowerCase().startsWith('on') || attribute.name === 'srcset')
        element.removeAttribute(attribute.name);
    }
    const resolve = (value: string): string | null => {
      const path = resolveHref(chapterPath, value);
      return path === null ? null : resources.urlFor(path);
    };
    for (const name of RESOURCE_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value !== null) {
        const url = resolve(value);
        if (url) element.setAttribute(name, url);
        else element.removeAttribute(name);
      }
    }
    const tag = element.localName.toLowerCase();
    if (tag === 'link') {
      const href = element.getAttribute('href');
      const url = href ? resolve(href) : null;
      if (url && (element.getAttribute('rel') ?? '').toLowerCase().includes('stylesheet'))
        element.setAttribute('href', url);
      else element.remove();
    }
    // SVG images name their file with href or xlink:href.
    if (tag === 'image' || tag === 'use') {
      for (const name of ['href', 'xlink:href']) {
        const value = element.getAttribute(name);
        const url = value ? resolve(value) : null;
        if (url) element.setAttribute(name, url);
      }
    }
    const style = element.getAttribute('style');
    if (style) element.setAttribute('style', rewriteCssUrls(style, chapterPath, resources.urlFor));
    if (tag === 'style' && element.textContent)
      element.textContent = rewriteCssUrls(element.textContent, chapterPath, resources.urlFor);
  }

  const page = document.implementation.createHTMLDocument('');
  const html = page.documentElement;
  const sourceRoot = parsed.documentElement;
  html.setAttribute(
    'lang',
    sourceRoot.getAttribute('lang') ?? sourceRoot.getAttribute('xml:lang') ?? book.language,
  );
  html.setAttribute('dir', sourceRoot.getAttribute('dir') ?? book.direction);
  const policy = page.createElement('meta');
  policy.setAttribute('http-equiv', 'Content-Security-Policy');
  policy.setAttribute(
    'content',
    "default-src 'none'; img-src blob: data:; media-src blob:; font-src blob: data:; style-src blob: 'unsafe-inline'",
  );
  const reader = page.createElement('style');
  reader.textContent = READER_CSS;
  page.head.append(policy, reader);
  const sourceHead = parsed.querySelector('head');
  const sourceBody = parsed.querySelector('body');
  if (sourceHead)
    for (const node of Array.from(sourceHead.children))
      if (node.localName !== 'title') page.head.append(page.importNode(node, true));
  if (sourceBody) {
    for (const attribute of Array.from(sourceBody.attributes))
      page.body.setAttribute(attribute.name, attribute.value);
    for (const node of Array.from(sourceBody.childNodes)) page.body.append(page.importNode(node, true));
  }
  return `<!doctype html>${html.outerHTML}`;
}
