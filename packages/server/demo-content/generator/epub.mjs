import { strToU8, zipSync } from 'fflate';

// A small EPUB 3 reader for early grades: "Amina at the market". The container
// follows the OCF rules readers check: `mimetype` first and stored (not
// compressed), then META-INF/container.xml pointing at the package document.

const MTIME = new Date('2026-01-01T00:00:00Z');

const BOOK = {
  id: 'urn:uuid:5f0c3c52-3a0e-4a8e-9a3c-6b1d2f7e4a10',
  title: 'Amina at the market',
  author: 'Satchel project',
  lang: 'en',
  chapters: [
    {
      title: 'Going to the market',
      paragraphs: [
        'It is Saturday. Amina wakes up early.',
        'Grandmother is already in the yard. "Today we go to the market," she says. "You will carry the basket, and you will help me count."',
        'Amina smiles. She likes the market. It is loud and busy and full of colours.',
        'They walk past the school, past the water point, past the big mango tree. Amina counts the goats on the road: one, two, three.',
      ],
    },
    {
      title: 'Counting tomatoes',
      paragraphs: [
        'Mr Juma sells tomatoes. They are red and round.',
        '"We need five tomatoes," says Grandmother. Amina puts them in the basket, one by one: one, two, three, four, five.',
        'Next they buy onions. "Three onions, please." Now there are eight things in the basket. Five tomatoes and three onions make eight.',
        'Mrs Achieng sells oranges. Grandmother buys four oranges: one for Amina, one for her brother, one for Mother and one for Grandmother.',
      ],
    },
    {
      title: 'Home again',
      paragraphs: [
        'The basket is heavy now. Amina and Grandmother walk home slowly.',
        'At home, Amina washes her hands with soap and water. Then she helps to wash the tomatoes.',
        'Everyone eats an orange. "Thank you for counting so well," says Grandmother.',
        'Amina thinks about next Saturday. Maybe she will count the coins too.',
      ],
      questions: [
        'How many tomatoes did Amina put in the basket?',
        'How many things were in the basket after they bought the onions?',
        'Why did Grandmother buy four oranges?',
        'What do you like to count?',
      ],
    },
  ],
};

const escapeXml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xhtml(title, body) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${BOOK.lang}" xml:lang="${BOOK.lang}">
<head><meta charset="UTF-8"/><title>${escapeXml(title)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body>
${body}
</body>
</html>
`;
}

function chapterXhtml(chapter, n) {
  const paragraphs = chapter.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n');
  const questions = chapter.questions
    ? `\n<aside class="talk" epub:type="tip"><h2>Talk about it</h2><ol>${chapter.questions.map((q) => `<li>${escapeXml(q)}</li>`).join('')}</ol></aside>`
    : '';
  return xhtml(
    chapter.title,
    `<section epub:type="chapter"><h1>${n}. ${escapeXml(chapter.title)}</h1>\n${paragraphs}${questions}</section>`,
  );
}

function navXhtml() {
  const items = BOOK.chapters
    .map((c, i) => `<li><a href="chapter${i + 1}.xhtml">${i + 1}. ${escapeXml(c.title)}</a></li>`)
    .join('');
  return xhtml('Contents', `<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>${items}</ol></nav>`);
}

function packageOpf() {
  const manifest = BOOK.chapters
    .map((_, i) => `<item id="ch${i + 1}" href="chapter${i + 1}.xhtml" media-type="application/xhtml+xml"/>`)
    .join('\n    ');
  const spine = BOOK.chapters.map((_, i) => `<itemref idref="ch${i + 1}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${BOOK.lang}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">${BOOK.id}</dc:identifier>
    <dc:title>${escapeXml(BOOK.title)}</dc:title>
    <dc:creator>${escapeXml(BOOK.author)}</dc:creator>
    <dc:language>${BOOK.lang}</dc:language>
    <dc:rights>CC0-1.0: dedicated to the public domain by the Satchel project</dc:rights>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="css" href="style.css" media-type="text/css"/>
    ${manifest}
  </manifest>
  <spine>${spine}</spine>
</package>
`;
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

const CSS = `body { font-family: sans-serif; line-height: 1.6; margin: 1em; }
h1 { color: #1d4ed8; font-size: 1.4em; }
p { font-size: 1.15em; margin: 0 0 0.9em; }
.talk { border-top: 2px solid #f59e0b; margin-top: 1.5em; padding-top: 0.5em; }
`;

export function storyEpub() {
  const files = {
    // Insertion order is archive order: the mimetype entry must come first, uncompressed.
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER),
    'OEBPS/package.opf': strToU8(packageOpf()),
    'OEBPS/nav.xhtml': strToU8(navXhtml()),
    'OEBPS/style.css': strToU8(CSS),
  };
  BOOK.chapters.forEach((chapter, i) => {
    files[`OEBPS/chapter${i + 1}.xhtml`] = strToU8(chapterXhtml(chapter, i + 1));
  });
  return Buffer.from(zipSync(files, { level: 9, mtime: MTIME }));
}
