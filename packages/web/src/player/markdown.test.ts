import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { safeLinkUrl } from './safe-url.js';

describe('lesson text in Markdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('# Washing hands\n\nUse **soap** and *water*.\n\n- wet\n- scrub');
    expect(html).toContain('<h2>Washing hands</h2>');
    expect(html).toContain('<strong>soap</strong>');
    expect(html).toContain('<li>scrub</li>');
  });

  it('shows raw HTML as text, so no script or event handler reaches the page', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\nHello <img src=x onerror="alert(2)"> and <iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('opens web links in a new tab that cannot reach back, without a referrer', () => {
    expect(renderMarkdown('[UNICEF](https://www.unicef.org/ "Home")')).toContain(
      '<a href="https://www.unicef.org/" title="Home" target="_blank" rel="noopener noreferrer">UNICEF</a>',
    );
    expect(renderMarkdown('<https://example.org/a?b=1&c=2>')).toContain(
      'href="https://example.org/a?b=1&amp;c=2"',
    );
    expect(renderMarkdown('[Jump](#steps)')).toContain('<a href="#steps">Jump</a>');
  });

  it('keeps the words but drops links that could run code or leave the lesson oddly', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java&#115;cript:alert(1)',
      'javascript&#58;alert(1)',
      ' \tjavascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'other-lesson.md',
    ]) {
      const html = renderMarkdown(`[click me](${href})`);
      expect(html, href).not.toContain('<a');
      expect(html, href).toContain('click me');
    }
  });

  it('keeps safe images and drops images whose address could run code', () => {
    expect(renderMarkdown('![A pump](https://example.org/pump.png)')).toContain(
      '<img src="https://example.org/pump.png" alt="A pump" loading="lazy">',
    );
    const unsafe = renderMarkdown(
      '![alt text](javascript:alert(1)) ![svg](data:image/svg+xml;base64,PHN2Zz4=)',
    );
    expect(unsafe).not.toContain('<img');
    expect(unsafe).toContain('alt text');
  });

  it('tells internal fragments from external addresses', () => {
    expect(safeLinkUrl('mailto:help@example.org')).toEqual({
      kind: 'external',
      url: 'mailto:help@example.org',
    });
    expect(safeLinkUrl('#top')).toEqual({ kind: 'internal', url: '#top' });
    expect(safeLinkUrl('//example.org/x')).toEqual({ kind: 'external', url: 'https://example.org/x' });
  });
});

describe('markdown headings', () => {
  it('start one level below the lesson page’s own heading, so the outline has a single h1', () => {
    const html = renderMarkdown('# Wash your hands\n\n## Why\n\n###### Deep');
    expect(html).toContain('<h2>Wash your hands</h2>');
    expect(html).toContain('<h3>Why</h3>');
    expect(html).toContain('<h6>Deep</h6>');
    expect(html).not.toContain('<h1');
  });
});
