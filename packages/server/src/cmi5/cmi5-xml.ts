import type { XmlElement } from '@satchel/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// cmi5.xml → the element tree that core's course-structure rules read. Namespaces are
// dropped to local names (cmi5 files come with and without prefixes); DOCTYPEs and
// entity declarations are refused, so no entity expansion can blow up.

export class Cmi5XmlError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
});

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

function toElement(node: OrderedNode): XmlElement | null {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (!tag || tag === '#text' || tag.startsWith('?') || tag === '#comment') return null;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    attrs[localName(key)] = String(value);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[tag] ?? []) as OrderedNode[]) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name: localName(tag), attrs, children, text: text.trim() };
}

/** The document element of cmi5.xml, or a Cmi5XmlError saying why the XML is not well formed. */
export function parseCmi5Xml(xml: string): XmlElement {
  const text = xml.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(text))
    throw new Cmi5XmlError(null, 'DOCTYPE declarations are not accepted in cmi5.xml');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Cmi5XmlError(valid.err.line, `not well-formed XML: ${valid.err.msg}`);
  const nodes = parser.parse(text) as OrderedNode[];
  const root = nodes.map(toElement).find((e): e is XmlElement => e !== null);
  if (!root) throw new Cmi5XmlError(null, 'the document has no root element');
  return root;
}
