import type { ScormItem, ScormPackageInfo, ScormVersion } from '@satchel/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../http/errors.js';

// Reading imsmanifest.xml (SCORM 1.2 CAM, SCORM 2004 CAM 3rd/4th edition): the
// edition, the default organisation's item tree, each item's resource (href with
// every xml:base on the way applied, plus the item's parameters), and the few
// sequencing settings the player honours. Manifests are strangers' XML: a DOCTYPE
// (and so any entity declaration, external or not) is refused before parsing.

export type ScormRule =
  | 'missing_manifest'
  | 'manifest_too_large'
  | 'doctype_not_allowed'
  | 'invalid_xml'
  | 'not_a_manifest'
  | 'other_standard'
  | 'no_organization'
  | 'no_launchable_item'
  | 'missing_resource'
  | 'external_href'
  | 'path_traversal'
  | 'missing_file';

export class ScormPackageError extends AppError {
  constructor(
    readonly file: string,
    readonly rule: ScormRule,
    message: string,
  ) {
    super(400, 'invalid_scorm_package', message, { file, rule });
    this.name = 'ScormPackageError';
  }
}

export const MANIFEST = 'imsmanifest.xml';

/** A launch target: the package path of the file (to check it exists) and the href to open. */
export interface ParsedManifest {
  info: ScormPackageInfo;
  /** Package paths of every launched file (without query or fragment). */
  launchFiles: string[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['organization', 'item', 'resource', 'file', 'dependency', 'objective']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

const node = (v: unknown): Node =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : {};
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? v.map(node) : v === undefined ? [] : [node(v)]);
function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = node(v)['#text'];
  return typeof inner === 'string' ? inner.trim() : '';
}
/** Attributes by local name, case-insensitively (adlcp:scormtype in 1.2, adlcp:scormType in 2004). */
function attr(n: Node, name: string): string | undefined {
  const want = `@${name.toLowerCase()}`;
  for (const [key, value] of Object.entries(n)) {
    if (key.toLowerCase() === want) return typeof value === 'string' ? value.trim() : String(value);
  }
  return undefined;
}
function child(n: Node, name: string): unknown {
  const want = name.toLowerCase();
  for (const [key, value] of Object.entries(n)) if (key.toLowerCase() === want) return value;
  return undefined;
}

const refuse = (rule: ScormRule, message: string, file = MANIFEST): never => {
  throw new ScormPackageError(file, rule, message);
};

/** The edition, from metadata/schemaversion, else from the namespaces the manifest declares. */
export function detectVersion(manifest: Node, xml: string): ScormVersion {
  const schemaVersion = text(child(node(child(manifest, 'metadata')), 'schemaversion')).toLowerCase();
  if (schemaVersion.includes('4th')) return '2004-4';
  if (schemaVersion.includes('2004') || schemaVersion.startsWith('cam 1.3')) return '2004-3';
  if (schemaVersion === '1.2' || schemaVersion === '1.1') return '1.2';
  if (/adlcp_v1p3/i.test(xml)) return /imsss/i.test(xml) && /adlnav/i.test(xml) ? '2004-4' : '2004-3';
  return '1.2';
}

function checkOtherStandards(xml: string): void {
  if (/imsccv1p\d|imscp_v1p1.*imscc|IMS Common Cartridge|imscc_/i.test(xml)) {
    refuse(
      'other_standard',
      'imsmanifest.xml describes an IMS Common Cartridge, not a SCORM package: import it as a Common Cartridge',
    );
  }
}

/** Joins xml:base values and an href into a package path; refuses what climbs out or leaves the package. */
export function resolveHref(bases: readonly string[], href: string): { path: string; href: string } {
  const joined = [...bases.filter((b) => b !== ''), href].reduce((acc, part) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(part) || part.startsWith('//')) {
      refuse(
        'external_href',
        `imsmanifest.xml launches "${part}", outside the package: every file must be inside it`,
      );
    }
    if (part.startsWith('/')) refuse('path_traversal', `imsmanifest.xml names "${part}", an absolute path`);
    return acc === '' || acc.endsWith('/') ? acc + part : `${acc}/${part}`;
  }, '');
  const cut = joined.search(/[?#]/);
  const pathPart = cut < 0 ? joined : joined.slice(0, cut);
  const suffix = cut < 0 ? '' : joined.slice(cut);
  const out: string[] = [];
  for (const raw of pathPart.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      segment = raw;
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0)
        refuse(
          'path_traversal',
          `imsmanifest.xml names "${joined}", which climbs out of the package with ".."`,
        );
      out.pop();
      continue;
    }
    if (segment.includes('\\'))
      refuse('path_traversal', `imsmanifest.xml names "${joined}", with a backslash`);
    out.push(segment);
  }
  if (out.length === 0) refuse('missing_file', `imsmanifest.xml launches "${joined}", which names no file`);
  const path = out.join('/');
  return { path, href: out.map(encodeURIComponent).join('/') + suffix };
}

/** CAM: parameters start with "?", "&" or "#", or are a bare query to append. */
function withParameters(href: string, parameters: string | undefined): string {
  const p = (parameters ?? '').trim();
  if (p === '') return href;
  if (p.startsWith('#')) return href.includes('#') ? href : href + p;
  const query = p.replace(/^[?&]+/, '');
  const [beforeHash, hash] = href.split('#', 2) as [string, string | undefined];
  const joined = beforeHash.includes('?') ? `${beforeHash}&${query}` : `${beforeHash}?${query}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

function number(value: string, min: number, max: number): number | undefined {
  if (value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

interface Resource {
  href: string | null;
  base: string;
  type: 'sco' | 'asset';
}

/** Parses and checks a manifest's text; `exists` says whether a package path is in the zip. */
export function parseManifest(xml: string, exists: (path: string) => boolean): ParsedManifest {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    refuse(
      'doctype_not_allowed',
      'imsmanifest.xml declares a DOCTYPE or entities, which Satchel does not read',
    );
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    refuse(
      'invalid_xml',
      `imsmanifest.xml is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`,
    );
  }
  let doc: Node;
  try {
    doc = node(parser.parse(xml));
  } catch (err) {
    return refuse('invalid_xml', `imsmanifest.xml could not be read: ${String(err)}`);
  }
  const manifest = node(child(doc, 'manifest'));
  if (Object.keys(manifest).length === 0)
    refuse('not_a_manifest', 'imsmanifest.xml has no <manifest> root element');
  checkOtherStandards(xml);
  const version = detectVersion(manifest, xml);
  const manifestBase = attr(manifest, 'base') ?? '';

  const resourcesNode = node(child(manifest, 'resources'));
  const resourcesBase = attr(resourcesNode, 'base') ?? '';
  const resources = new Map<string, Resource>();
  for (const r of nodes(child(resourcesNode, 'resource'))) {
    const id = attr(r, 'identifier');
    if (!id) continue;
    const type = (attr(r, 'scormtype') ?? 'asset').toLowerCase() === 'sco' ? 'sco' : 'asset';
    resources.set(id, { href: attr(r, 'href') ?? null, base: attr(r, 'base') ?? '', type });
  }

  const orgsNode = node(child(manifest, 'organizations'));
  const orgs = nodes(child(orgsNode, 'organization'));
  const defaultId = attr(orgsNode, 'default');
  const org = orgs.find((o) => attr(o, 'identifier') === defaultId) ?? orgs[0];
  if (!org) return refuse('no_organization', 'imsmanifest.xml has no <organization> to play');

  const items: ScormItem[] = [];
  const launchFiles: string[] = [];
  const walk = (list: Node[], depth: number): void => {
    for (const item of list) {
      const id = attr(item, 'identifier') ?? `item-${items.length + 1}`;
      const ref = attr(item, 'identifierref');
      let href: string | null = null;
      let type: ScormItem['type'] = null;
      if (ref) {
        const resource = resources.get(ref);
        if (!resource)
          refuse(
            'missing_resource',
            `Item "${id}" refers to resource "${ref}", which imsmanifest.xml does not define`,
          );
        if (resource?.href) {
          const resolved = resolveHref([manifestBase, resourcesBase, resource.base], resource.href);
          if (!exists(resolved.path)) {
            refuse(
              'missing_file',
              `Item "${id}" launches "${resolved.path}", which is not in the package`,
              resolved.path,
            );
          }
          launchFiles.push(resolved.path);
          href = withParameters(resolved.href, attr(item, 'parameters'));
          type = resource.type;
        }
      }
      const entry: ScormItem = {
        id: id.slice(0, 300),
        title: text(child(item, 'title')).slice(0, 500) || id,
        depth: Math.min(depth, 50),
        href,
        type,
        visible: (attr(item, 'isvisible') ?? 'true').toLowerCase() !== 'false',
      };
      const mastery = number(text(child(item, 'masteryscore')), 0, 100);
      if (mastery !== undefined) entry.masteryScore = mastery;
      const launchData = text(child(item, 'datafromlms'));
      if (launchData) entry.launchData = launchData.slice(0, 4096);
      const passing = scaledPassingScore(node(child(item, 'sequencing')));
      if (passing !== undefined) entry.scaledPassingScore = passing;
      items.push(entry);
      walk(nodes(child(item, 'item')), depth + 1);
    }
  };
  walk(nodes(child(org, 'item')), 0);
  if (!items.some((i) => i.href !== null))
    refuse('no_launchable_item', 'The default organisation of imsmanifest.xml launches nothing');

  const control = node(child(node(child(org, 'sequencing')), 'controlMode'));
  const flag = (name: string, fallback: boolean): boolean => {
    const v = attr(control, name);
    return v === undefined ? fallback : v.toLowerCase() === 'true';
  };
  // SCORM 1.2 has no sequencing: learners move freely. 2004 defaults are IMS SS's (choice on, flow off),
  // but a package that says nothing about sequencing expects to be navigable both ways.
  const declared = Object.keys(control).length > 0;
  return {
    info: {
      version,
      title: text(child(org, 'title')).slice(0, 500) || 'SCORM package',
      items: items.slice(0, 2000),
      choice: flag('choice', true),
      flow: declared ? flag('flow', false) : true,
    },
    launchFiles: [...new Set(launchFiles)],
  };
}

/** imsss:primaryObjective satisfiedByMeasure="true" with imsss:minNormalizedMeasure. */
function scaledPassingScore(sequencing: Node): number | undefined {
  const objectives = node(child(sequencing, 'objectives'));
  const primary = node(child(objectives, 'primaryObjective'));
  if ((attr(primary, 'satisfiedByMeasure') ?? 'false').toLowerCase() !== 'true') return undefined;
  return number(text(child(primary, 'minNormalizedMeasure')), -1, 1);
}
