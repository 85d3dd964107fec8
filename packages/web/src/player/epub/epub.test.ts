import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EpubError, openEpub, parseContainer, resolveHref, rewriteCssUrls } from './epub.js';

const container = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

function opf(options: { direction?: string; language?: string } = {}): string {
  const direction = options.direction ? ` page-progression-direction="${options.direction}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<opf:package xmlns:opf="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <opf:metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title id="t">Amina &amp; the <i>market</i></dc:title>
    <dc:language>${options.language ?? 'en'}</dc:language>
  </opf:metadata>
  <opf:manifest>
    <!-- <opf:item id="ghost" href="ghost.xhtml" media-type="application/xhtml+xml"/> -->
    <opf:item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <opf:item id="c2" href="text/chapter%202.xhtml" media-type="application/xhtml+xml"/>
    <opf:item id="c1" href='text/chapter1.xhtml' media-type="application/xhtml+xml"/>
    <opf:item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/>
    <opf:item id="css" href="style/book.css" media-type="text/css"/>
    <opf:item id="img" href="images/amina.png" media-type="image/png"/>
  </opf:manifest>
  <opf:spine${direction}>
    <opf:itemref idref="c1"/>
    <opf:itemref idref="notes" linear="no"/>
    <opf:itemref idref="c2"/>
    <opf:itemref idref="missing"/>
  </opf:spine>
</opf:package>`;
}

const nav = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
  <nav epub:type="landmarks"><ol><li><a href="text/notes.xhtml">Notes</a></li></ol></nav>
  <nav epub:type="toc"><ol>
    <li><a href="text/chapter1.xhtml">At <b>home</b></a></li>
    <li><a href="text/chapter%202.xhtml#market">To the market</a></li>
  </ol></nav>
</body></html>`;

function epubBytes(opfText: string, extra: Record<string, string> = {}): Uint8Array {
  return zipSync({
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8(container),
    'OEBPS/content.opf': strToU8(opfText),
    'OEBPS/nav.xhtml': strToU8(nav),
    'OEBPS/text/chapter1.xhtml': strToU8('<html><body><p>One</p></body></html>'),
    'OEBPS/text/chapter 2.xhtml': strToU8('<html><body><p>Two</p></body></html>'),
    'OEBPS/text/notes.xhtml': strToU8('<html><body><p>Notes</p></body></html>'),
    ...Object.fromEntries(Object.entries(extra).map(([path, text]) => [path, strToU8(text)])),
  });
}

describe('opening an EPUB', () => {
  it('follows container.xml to the package document and reads the spine in order', () => {
    const { book, files } = openEpub(epubBytes(opf()));
    expect(book.title).toBe('Amina & the market');
    expect(book.language).toBe('en');
    expect(book.direction).toBe('ltr');
    // Non-linear items (notes) are skipped, unknown idrefs ignored, hrefs decoded and resolved.
    expect(book.chapters.map((c) => c.path)).toEqual([
      'OEBPS/text/chapter1.xhtml',
      'OEBPS/text/chapter 2.xhtml',
    ]);
    expect(book.items.get('OEBPS/images/amina.png')?.mediaType).toBe('image/png');
    expect(book.items.has('OEBPS/ghost.xhtml')).toBe(false);
    expect(files['OEBPS/text/chapter 2.xhtml']).toBeDefined();
  });

  it('reads the table of contents from the EPUB 3 nav document', () => {
    const { book } = openEpub(epubBytes(opf()));
    expect(book.toc).toEqual([
      { label: 'At home', path: 'OEBPS/text/chapter1.xhtml' },
      { label: 'To the market', path: 'OEBPS/text/chapter 2.xhtml' },
    ]);
  });

  it('reads right-to-left books from the spine, or from an Arabic language', () => {
    expect(openEpub(epubBytes(opf({ direction: 'rtl' }))).book.direction).toBe('rtl');
    expect(openEpub(epubBytes(opf({ language: 'ar' }))).book.direction).toBe('rtl');
    expect(openEpub(epubBytes(opf({ language: 'ar', direction: 'ltr' }))).book.direction).toBe('ltr');
  });

  it('reads an EPUB 2 table of contents (NCX)', () => {
    const ncx = `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>
      <navPoint id="p1"><navLabel><text>First</text></navLabel><content src="text/chapter1.xhtml"/></navPoint>
      <navPoint id="p2"><navLabel><text>Second</text></navLabel><content src="text/chapter%202.xhtml"/></navPoint>
    </navMap></ncx>`;
    const epub2 = opf()
      .replace('properties="nav"', '')
      .replace('<opf:spine>', '<opf:spine toc="ncx">')
      .replace(
        '</opf:manifest>',
        '<opf:item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></opf:manifest>',
      );
    const { book } = openEpub(epubBytes(epub2, { 'OEBPS/toc.ncx': ncx }));
    expect(book.toc.map((entry) => entry.label)).toEqual(['First', 'Second']);
    expect(book.toc[1]?.path).toBe('OEBPS/text/chapter 2.xhtml');
  });

  it('refuses files that are not books', () => {
    expect(() => openEpub(strToU8('not a zip'))).toThrow(EpubError);
    const noContainer = zipSync({ 'a.txt': strToU8('x') });
    expect(() => openEpub(noContainer)).toThrow(/container/);
    expect(() => openEpub(epubBytes(opf().replace(/<opf:itemref[^>]*>/g, '')))).toThrow(/no chapters/);
  });
});

describe('paths inside a book', () => {
  it('resolves relative hrefs against the file that holds them, never outside the zip', () => {
    expect(resolveHref('OEBPS/text/c1.xhtml', '../images/a%20b.png#x')).toBe('OEBPS/images/a b.png');
    expect(resolveHref('OEBPS/text/c1.xhtml', './c2.xhtml?q=1')).toBe('OEBPS/text/c2.xhtml');
    expect(resolveHref('OEBPS/text/c1.xhtml', '/OEBPS/c.css')).toBe('OEBPS/c.css');
    expect(resolveHref('OEBPS/c1.xhtml', '../../etc/passwd')).toBeNull();
    expect(resolveHref('OEBPS/c1.xhtml', 'https://example.org/x')).toBeNull();
    expect(resolveHref('OEBPS/c1.xhtml', '//example.org/x')).toBeNull();
    expect(resolveHref('OEBPS/c1.xhtml', 'javascript:alert(1)')).toBeNull();
    expect(resolveHref('OEBPS/c1.xhtml', '#note')).toBe('OEBPS/c1.xhtml');
  });

  it('finds the package document even without a media type', () => {
    expect(
      parseContainer('<container><rootfiles><rootfile full-path="/book.opf"/></rootfiles></container>'),
    ).toBe('book.opf');
    expect(parseContainer('<container/>')).toBeNull();
  });

  it('points url() and @import in stylesheets at the book’s own files', () => {
    const urls: Record<string, string> = { 'OEBPS/fonts/a.woff': 'blob:1', 'OEBPS/style/base.css': 'blob:2' };
    const css = `@import "base.css"; @font-face { src: url('../fonts/a.woff') } .x { background: url(missing.png) } .y { background: url(https://example.org/i.png) }`;
    expect(rewriteCssUrls(css, 'OEBPS/style/book.css', (path) => urls[path] ?? null)).toBe(
      `@import "blob:2"; @font-face { src: url("blob:1") } .x { background: url(missing.png) } .y { background: url(https://example.org/i.png) }`,
    );
  });
});
