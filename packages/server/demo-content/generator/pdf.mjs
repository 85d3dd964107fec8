import { deflateSync } from 'node:zlib';

// A minimal PDF 1.4 writer: A4 pages of text in the standard Helvetica fonts
// (WinAnsiEncoding, so Latin scripts only), filled and stroked rectangles and
// lines. Enough for printable worksheets and guides; no fonts are embedded,
// which keeps each file a few kilobytes.

const A4 = { width: 595, height: 842 };

// Unicode code points outside Latin-1 that WinAnsiEncoding places in 0x80..0x9F.
const WIN_ANSI = new Map([
  [0x2026, 0x85],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x20ac, 0x80],
]);

/** A PDF literal string in WinAnsi bytes, escaped so the file stays 7-bit. */
function pdfString(text) {
  let out = '(';
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const byte = cp < 0x80 || (cp >= 0xa0 && cp <= 0xff) ? cp : WIN_ANSI.get(cp);
    if (byte === undefined) throw new Error(`"${ch}" cannot be written with the standard PDF fonts`);
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out})`;
}

function rgb(hex) {
  const n = parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => (v / 255).toFixed(3)).join(' ');
}

/** Average Helvetica advance as a fraction of the font size; slightly generous so lines never overflow. */
const AVG_ADVANCE = { regular: 0.47, bold: 0.51 };

export function wrapText(text, widthPoints, size, bold = false) {
  const maxChars = Math.floor(widthPoints / (size * (bold ? AVG_ADVANCE.bold : AVG_ADVANCE.regular)));
  const lines = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > maxChars) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

export class PdfPage {
  ops = [];

  text(x, y, text, { size = 11, bold = false, color = '#111827' } = {}) {
    this.ops.push(
      `BT /${bold ? 'F2' : 'F1'} ${size} Tf ${rgb(color)} rg ${x} ${y} Td ${pdfString(text)} Tj ET`,
    );
    return this;
  }

  rect(x, y, w, h, { fill, stroke, lineWidth = 1 } = {}) {
    const paint = fill && stroke ? 'B' : fill ? 'f' : 'S';
    const colors = `${fill ? `${rgb(fill)} rg ` : ''}${stroke ? `${rgb(stroke)} RG ` : ''}`;
    this.ops.push(`q ${colors}${lineWidth} w ${x} ${y} ${w} ${h} re ${paint} Q`);
    return this;
  }

  line(x1, y1, x2, y2, { color = '#111827', lineWidth = 1 } = {}) {
    this.ops.push(`q ${rgb(color)} RG ${lineWidth} w ${x1} ${y1} m ${x2} ${y2} l S Q`);
    return this;
  }
}

/**
 * Writes text top-down on a page with a left margin, so document code reads like
 * the document: heading, paragraph, bullets.
 */
export class Flow {
  constructor(page, { top = A4.height - 60, left = 56, width = A4.width - 112 } = {}) {
    this.page = page;
    this.y = top;
    this.left = left;
    this.width = width;
  }

  gap(points) {
    this.y -= points;
    return this;
  }

  heading(text, { size = 15, color = '#1d4ed8' } = {}) {
    this.y -= size + 6;
    this.page.text(this.left, this.y, text, { size, bold: true, color });
    this.y -= 6;
    return this;
  }

  para(text, { size = 11, bold = false, indent = 0 } = {}) {
    for (const line of wrapText(text, this.width - indent, size, bold)) {
      this.y -= size * 1.45;
      this.page.text(this.left + indent, this.y, line, { size, bold });
    }
    this.y -= size * 0.5;
    return this;
  }

  bullets(items, { size = 11 } = {}) {
    for (const item of items) {
      const lines = wrapText(item, this.width - 16, size);
      lines.forEach((line, i) => {
        this.y -= size * 1.45;
        if (i === 0) this.page.text(this.left + 2, this.y, '\u2022', { size });
        this.page.text(this.left + 16, this.y, line, { size });
      });
    }
    this.y -= size * 0.5;
    return this;
  }
}

/** A coloured band across the top with the document title, and a footer with the licence and page number. */
export function decoratePage(page, { title, colour, pageNumber, pageCount, footer }) {
  page.rect(0, A4.height - 70, A4.width, 70, { fill: colour });
  page.text(56, A4.height - 45, title, { size: 18, bold: true, color: '#ffffff' });
  page.line(56, 44, A4.width - 56, 44, { color: '#9ca3af', lineWidth: 0.5 });
  page.text(56, 30, footer, { size: 8, color: '#4b5563' });
  page.text(A4.width - 100, 30, `Page ${pageNumber} of ${pageCount}`, { size: 8, color: '#4b5563' });
}

/** Serialises pages into PDF bytes, with document information (title, author, licence). */
export function writePdf(pages, info) {
  const objects = [];
  const add = (body) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add(null);
  const pagesObj = add(null);
  const helvetica = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const helveticaBold = add(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
  );
  const infoObj = add(
    `<< /Title ${pdfString(info.title)} /Author ${pdfString(info.author)} /Subject ${pdfString(info.subject)} ` +
      `/Keywords ${pdfString(info.keywords)} /Producer (Satchel demo-content generator) >>`,
  );
  const kids = [];
  for (const page of pages) {
    const content = deflateSync(Buffer.from(page.ops.join('\n'), 'latin1'));
    const stream = add({ dict: `<< /Length ${content.length} /Filter /FlateDecode >>`, data: content });
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
          `/Resources << /Font << /F1 ${helvetica} 0 R /F2 ${helveticaBold} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R /Lang ${pdfString(info.lang)} >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  const chunks = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const parts =
      typeof body === 'string'
        ? [Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1')]
        : [
            Buffer.from(`${i + 1} 0 obj\n${body.dict}\nstream\n`, 'latin1'),
            body.data,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ];
    for (const part of parts) {
      chunks.push(part);
      offset += part.length;
    }
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ];
  chunks.push(
    Buffer.from(
      `${xref.join('')}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoObj} 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(chunks);
}

export const PAGE = A4;
