// The preview of a markdown lesson. marked is loaded only when an author asks for a preview, and its
// HTML is shown in a sandboxed frame without scripts: a lesson body is untrusted text (another author,
// an import), and a `javascript:` link or raw <script> must never run on the platform's origin.

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const FRAME_STYLE = `
  body { font: 1rem/1.6 system-ui, sans-serif; color: #1a1a1a; margin: 0; padding: 0.75rem; overflow-wrap: break-word; }
  img { max-width: 100%; height: auto; }
  pre { overflow-x: auto; background: #f3f4f6; padding: 0.5rem; }
  table { border-collapse: collapse; } td, th { border: 1px solid #d0d4d9; padding: 0.25rem 0.5rem; }
  blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 4px solid #d0d4d9; }
`;

/** A whole document for the preview frame: no scripts, images from the web and data URLs only. */
export function previewDocument(bodyHtml: string, lang: string, dir: 'ltr' | 'rtl'): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}" dir="${dir}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data:; style-src 'unsafe-inline'">`,
    `<style>${FRAME_STYLE}</style></head><body>${bodyHtml}</body></html>`,
  ].join('');
}

const SAFE_HREF = /^(https?:|mailto:|#|\/)/i;

/** Markdown to HTML with raw HTML shown as text, and links that are not web or mail addresses disabled. */
export async function renderMarkdown(source: string): Promise<string> {
  const { Marked } = await import('marked');
  const marked = new Marked({
    async: false,
    gfm: true,
    renderer: { html: ({ text }) => escapeHtml(text) },
    walkTokens: (token) => {
      if ((token.type === 'link' || token.type === 'image') && !SAFE_HREF.test(token.href.trim()))
        token.href = '#';
    },
  });
  return marked.parse(source, { async: false });
}
