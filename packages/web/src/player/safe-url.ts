import { decodeEntities } from './entities.js';

// Which addresses may become links or images in content shown on the platform's own origin.

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

export type SafeUrl =
  { readonly kind: 'external'; readonly url: string } | { readonly kind: 'internal'; readonly url: string };

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * The URL if it is safe to put in a link, else null. Entities and control characters are removed
 * before the scheme is read, as a browser would, so `java&#115;cript:` and `java\tscript:` are caught.
 */
export function safeLinkUrl(raw: string): SafeUrl | null {
  // Browsers drop ASCII tab and newline anywhere in a URL, and leading control characters and spaces.
  const withoutBreaks = decodeEntities(raw).replace(/[\t\n\r]/g, '');
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const cleaned = withoutBreaks.replace(/^[\u0000-\u0020]+/, '');
  if (cleaned === '') return null;
  if (cleaned.startsWith('#')) return { kind: 'internal', url: cleaned };
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(cleaned);
  if (!hasScheme && !cleaned.startsWith('//')) {
    // A relative path would resolve inside the app, where it means nothing; only fragments stay.
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(cleaned, 'https://relative.invalid/');
  } catch {
    return null;
  }
  return LINK_SCHEMES.has(parsed.protocol) ? { kind: 'external', url: parsed.href } : null;
}

/** Images may come from the web or be inline raster data; never `javascript:` or SVG data. */
export function safeImageUrl(raw: string): string | null {
  const cleaned = decodeEntities(raw).trim();
  if (/^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i.test(cleaned)) return cleaned;
  const link = safeLinkUrl(cleaned);
  return link?.kind === 'external' && /^https?:/.test(link.url) ? link.url : null;
}
