import { Marked, type Tokens } from 'marked';
import { escapeHtml, safeImageUrl, safeLinkUrl } from './safe-url.js';

// Lesson text written in Markdown. Authors are trusted to write Markdown, not HTML: raw HTML in the
// source is shown as text, so no script, event handler, iframe or form can ever reach the page, and
// links and images keep only the URL schemes that cannot run code.

const markdown = new Marked({ gfm: true, breaks: false });
markdown.use({
  renderer: {
    // The lesson page owns the only <h1>: lesson headings start one level below it.
    heading({ tokens, depth }: Tokens.Heading): string {
      const level = Math.min(depth + 1, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const label = this.parser.parseInline(tokens);
      const safe = safeLinkUrl(href);
      if (!safe) return label;
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
      if (safe.kind === 'internal') return `<a href="${escapeHtml(safe.url)}"${titleAttribute}>${label}</a>`;
      // Off the platform: a new tab that cannot reach back into this one, and no referrer leaks.
      return `<a href="${escapeHtml(safe.url)}"${titleAttribute} target="_blank" rel="noopener noreferrer">${label}</a>`;
    },
    image({ href, title, text }: Tokens.Image): string {
      const url = safeImageUrl(href);
      if (!url) return escapeHtml(text);
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}"${titleAttribute} loading="lazy">`;
    },
  },
});

/** Markdown to HTML that is safe to insert into the page. */
export function renderMarkdown(source: string): string {
  return markdown.parse(source, { async: false });
}
