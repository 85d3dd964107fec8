// An html5 package opened with no network. Its frame is sandboxed without allow-same-origin (its own
// opaque origin), and browsers never let a service worker answer for such a frame, so its page and
// files cannot come from the device by URL. Instead the page fetches the entry document and its files
// (the service worker answers those from the device), writes scripts and styles into the document and
// gives images and media blob: URLs, and the sandboxed frame shows the result as srcdoc. What a
// package's script fetches by itself at run time still needs the network.

export interface InlinedPackage {
  readonly html: string;
  /** blob: URLs made for the document; revoke them when the frame goes away. */
  readonly urls: readonly string[];
}

const SAME_PACKAGE = (url: URL, base: URL): boolean =>
  url.origin === base.origin && url.pathname.startsWith(base.pathname.replace(/[^/]*$/, ''));

async function text(url: string): Promise<string> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

/** Replaces relative url(…) references in a stylesheet with blob: URLs of the package's files. */
async function inlineCss(css: string, cssUrl: URL, root: URL, urls: string[]): Promise<string> {
  const found = [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)];
  let out = css;
  for (const match of found) {
    const reference = match[2]!;
    if (/^(data:|blob:|#)/.test(reference)) continue;
    const target = new URL(reference, cssUrl);
    if (!SAME_PACKAGE(target, root)) continue;
    const blobUrl = await asBlobUrl(target.href, urls).catch(() => null);
    if (blobUrl) out = out.split(match[0]).join(`url("${blobUrl}")`);
  }
  return out;
}

async function asBlobUrl(url: string, urls: string[]): Promise<string> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const made = URL.createObjectURL(await response.blob());
  urls.push(made);
  return made;
}

/** The package's entry page with its own scripts, styles and media written in. */
export async function inlinePackage(packageUrl: string): Promise<InlinedPackage> {
  const start = new URL(packageUrl, location.href);
  // The package route redirects its folder to the entry page; fetch follows, and tells where it landed.
  const response = await fetch(start.href, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${start.href}: ${response.status}`);
  const entry = new URL(response.url || start.href);
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  const urls: string[] = [];
  const local = (value: string | null): URL | null => {
    if (!value || /^(data:|blob:|#|javascript:)/i.test(value)) return null;
    const url = new URL(value, entry);
    return SAME_PACKAGE(url, entry) ? url : null;
  };

  for (const script of doc.querySelectorAll('script[src]')) {
    const url = local(script.getAttribute('src'));
    if (!url) continue;
    script.removeAttribute('src');
    script.textContent = (await text(url.href)).replace(/<\/script/gi, '<\\/script');
  }
  for (const link of doc.querySelectorAll('link[rel~="stylesheet"][href]')) {
    const url = local(link.getAttribute('href'));
    if (!url) continue;
    const style = doc.createElement('style');
    style.textContent = await inlineCss(await text(url.href), url, entry, urls);
    link.replaceWith(style);
  }
  for (const style of doc.querySelectorAll('style')) {
    style.textContent = await inlineCss(style.textContent ?? '', entry, entry, urls);
  }
  for (const element of doc.querySelectorAll('img[src], audio[src], video[src], source[src], track[src]')) {
    const url = local(element.getAttribute('src'));
    if (url) element.setAttribute('src', await asBlobUrl(url.href, urls).catch(() => url.href));
  }
  return { html: `<!doctype html>\n${doc.documentElement.outerHTML}`, urls };
}
