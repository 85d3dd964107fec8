import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { invalid, type AppError } from '../http/errors.js';

// XML from strangers' cartridges, read into a small tree whose element names have
// their namespace prefixes removed (manifests mix lom:, lomimscc:, imscc: freely).
// Nothing is ever fetched and no entity is expanded: a document that declares
// entities is refused before parsing, and only the five predefined entities and
// character references are decoded, by us, after parsing.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (text and CDATA children joined), entities decoded. */
  text: string;
}

export type CartridgeRule =
  | 'not_a_cartridge'
  | 'other_standard'
  | 'missing_manifest'
  | 'malformed_xml'
  | 'xml_entities'
  | 'invalid_manifest'
  | 'unsupported_version'
  | 'file_too_large'
  | 'nothing_to_import';

/** A cartridge refused as a whole: which file and which rule. */
export function cartridgeError(
  file: string | null,
  rule: CartridgeRule,
  message: string,
  extra: Record<string, unknown> = {},
): AppError {
  return invalid('cartridge_invalid', message, { file, rule, ...extra });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

const ENTITY = /&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name] ?? whole;
  });
}

type Ordered = Record<string, unknown>;

function toElement(node: Ordered): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
  if (name === undefined) return null;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decodeEntities(String(v));
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] ?? []) as Ordered[]) {
    if ('#text' in child) {
      const value = child['#text'];
      if (typeof value === 'string' || typeof value === 'number') text += decodeEntities(String(value));
    } else if ('#cdata' in child) {
      for (const part of child['#cdata'] as Ordered[]) {
        const value = part['#text'];
        if (typeof value === 'string' || typeof value === 'number') text += String(value);
      }
    } else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name, attrs, children, text };
}

/** Parses a whole document; `file` names it in the refusal. */
export function parseXml(bytes: Uint8Array | string, file: string): XmlElement {
  let text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/<!ENTITY/i.test(text)) {
    throw cartridgeError(file, 'xml_entities', `${file} declares XML entities, which Satchel never expands`);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw cartridgeError(
      file,
      'malformed_xml',
      `${file} is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`,
    );
  }
  const roots = (parser.parse(text) as Ordered[]).map(toElement).filter((e): e is XmlElement => e !== null);
  const root = roots[0];
  if (!root) throw cartridgeError(file, 'malformed_xml', `${file} holds no XML element`);
  return root;
}

/** The first child element with this (prefix-free) name, case-insensitively. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  const wanted = name.toLowerCase();
  return el?.children.find((c) => c.name.toLowerCase() === wanted);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  const wanted = name.toLowerCase();
  return el ? el.children.filter((c) => c.name.toLowerCase() === wanted) : [];
}

/** Follows a path of child names: `path(manifest, 'metadata', 'lom', 'general')`. */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let at = el;
  for (const name of names) at = child(at, name);
  return at;
}

/** Every descendant with this name, in document order. */
export function descendants(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  const wanted = name.toLowerCase();
  const out: XmlElement[] = [];
  const walk = (node: XmlElement): void => {
    for (const c of node.children) {
      if (c.name.toLowerCase() === wanted) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** All text inside an element, descendants included. */
export function deepText(el: XmlElement | undefined): string {
  if (!el) return '';
  return el.text + el.children.map(deepText).join('');
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(el.attrs)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
