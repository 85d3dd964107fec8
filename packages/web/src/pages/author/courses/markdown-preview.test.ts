import { describe, expect, it } from 'vitest';
import { previewDocument, renderMarkdown } from './markdown-preview.js';

describe('the markdown preview', () => {
  it('renders markdown but shows raw HTML as text and disables script links', async () => {
    const html = await renderMarkdown(
      '# Water\n\n[ok](https://example.org) [bad](javascript:alert(1)) <script>alert(2)</script>',
    );
    expect(html).toContain('<h1>Water</h1>');
    expect(html).toContain('href="https://example.org"');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('is a document that allows no scripts and follows the course’s direction', () => {
    const page = previewDocument('<p>مرحبا</p>', 'ar', 'rtl');
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain("default-src 'none'");
  });
});
