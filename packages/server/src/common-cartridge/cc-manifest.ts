import { normalisePath } from './cc-html.js';
import { attr, cartridgeError, child, children, deepText, path, type XmlElement } from './cc-xml.js';

// imsmanifest.xml of a Common Cartridge (1.0 to 1.3, Thin CC too): the version, the
// course's title and language, the organisation (modules and their items, in order)
// and the resources those items point to, each with its files and dependencies.

export const MANIFEST = 'imsmanifest.xml';

export type CcVersion = '1.0' | '1.1' | '1.2' | '1.3';

export interface CcResource {
  id: string;
  type: string;
  /** The resource's main file (href, or its first file), as a package path. */
  href: string | null;
  files: string[];
  dependencies: string[];
}

export interface CcItem {
  title: string;
  ref: string | null;
  children: CcItem[];
}

export interface CcManifest {
  version: CcVersion;
  title: string | null;
  description: string | null;
  language: string | null;
  generator: string | null;
  items: CcItem[];
  resources: Map<string, CcResource>;
}

function version(raw: string, root: XmlElement): CcVersion | null {
  const schema = deepText(path(root, 'metadata', 'schema')).trim();
  const declared = deepText(path(root, 'metadata', 'schemaversion')).trim();
  const isCc = /common cartridge/i.test(schema) || /imsccv1p\d|\/imscc\//i.test(raw);
  if (!isCc) return null;
  const fromSchema = /^1\.([0-3])(\.\d+)?$/.exec(declared);
  if (fromSchema) return `1.${fromSchema[1]}` as CcVersion;
  const fromNamespace = /imsccv1p([1-3])/i.exec(raw);
  if (fromNamespace) return `1.${fromNamespace[1]}` as CcVersion;
  if (/\/imscc\//i.test(raw)) return '1.0';
  return null;
}

/** Refuses manifests of other standards, saying which they are. */
function assertCartridge(raw: string, root: XmlElement): CcVersion {
  if (root.name.toLowerCase() !== 'manifest') {
    throw cartridgeError(MANIFEST, 'invalid_manifest', `${MANIFEST} has no <manifest> root element`);
  }
  const found = version(raw, root);
  if (found) return found;
  const schema = deepText(path(root, 'metadata', 'schema')).trim();
  if (/scorm/i.test(schema) || /adlcp|adlscorm|scorm/i.test(raw)) {
    throw cartridgeError(
      MANIFEST,
      'other_standard',
      'This is a SCORM package (its imsmanifest.xml declares ADL SCORM, not IMS Common Cartridge): import it as a SCORM activity',
    );
  }
  const declared = deepText(path(root, 'metadata', 'schemaversion')).trim();
  if (/common cartridge/i.test(schema)) {
    throw cartridgeError(
      MANIFEST,
      'unsupported_version',
      `This Common Cartridge declares version ${declared || '(none)'}; Satchel reads versions 1.0 to 1.3`,
    );
  }
  throw cartridgeError(
    MANIFEST,
    'other_standard',
    `${MANIFEST} is an IMS content package${schema ? ` ("${schema}")` : ''}, not a Common Cartridge`,
  );
}

function langTag(raw: string | undefined): string | null {
  if (!raw) return null;
  const tag = raw.trim().replace(/_/g, '-');
  const [primary, ...rest] = tag.split('-');
  if (!primary || !/^[a-zA-Z]{2,3}$/.test(primary)) return null;
  const clean = [primary.toLowerCase(), ...rest.filter((r) => /^[A-Za-z0-9]{2,8}$/.test(r))];
  return clean.join('-');
}

/** A LOM langstring: the first <string> (its language too), or the element's own text. */
function langString(el: XmlElement | undefined): { text: string; lang: string | null } | null {
  if (!el) return null;
  const s = children(el, 'string')[0];
  const text = (s ? deepText(s) : deepText(el)).trim();
  return text ? { text, lang: langTag(attr(s, 'language')) } : null;
}

const joinBase = (...parts: (string | undefined)[]): string =>
  parts
    .filter((p): p is string => p !== undefined && p !== '')
    .map((p) => (p.endsWith('/') ? p : `${p}/`))
    .join('');

function resourcePath(base: string, href: string | undefined): string | null {
  if (!href) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) return null;
  return normalisePath(base + href.split('#')[0]!);
}

function readItems(el: XmlElement): CcItem[] {
  return children(el, 'item').map((item) => ({
    title: deepText(child(item, 'title')).trim(),
    ref: attr(item, 'identifierref') ?? null,
    children: readItems(item),
  }));
}

export function readManifest(raw: string, root: XmlElement): CcManifest {
  const v = assertCartridge(raw, root);
  const general = path(root, 'metadata', 'lom', 'general');
  const title = langString(child(general, 'title'));
  const description = langString(child(general, 'description'));
  const language = langTag(deepText(child(general, 'language'))) ?? title?.lang ?? null;

  const organization = children(child(root, 'organizations'), 'organization')[0];
  // CC wraps the modules in one root item ("LearningModules"); some tools leave it out.
  const top = children(organization, 'item');
  const rooted = top.length === 1 && !attr(top[0], 'identifierref') && children(top[0], 'item').length > 0;
  const items = organization ? readItems(rooted ? top[0]! : organization) : [];

  const resourcesEl = child(root, 'resources');
  const resources = new Map<string, CcResource>();
  for (const res of children(resourcesEl, 'resource')) {
    const id = attr(res, 'identifier');
    if (!id) continue;
    const base = joinBase(attr(resourcesEl, 'base'), attr(res, 'base'));
    const files = children(res, 'file')
      .map((f) => resourcePath(base, attr(f, 'href')))
      .filter((f): f is string => f !== null);
    const href = resourcePath(base, attr(res, 'href')) ?? files[0] ?? null;
    resources.set(id, {
      id,
      type: (attr(res, 'type') ?? '').trim(),
      href,
      files: href && !files.includes(href) ? [href, ...files] : files,
      dependencies: children(res, 'dependency')
        .map((d) => attr(d, 'identifierref'))
        .filter((d): d is string => d !== undefined),
    });
  }
  if (resources.size === 0 && items.length === 0) {
    throw cartridgeError(MANIFEST, 'invalid_manifest', `${MANIFEST} lists no organisation and no resources`);
  }
  return {
    version: v,
    title: title?.text ?? null,
    description: description?.text ?? null,
    language,
    generator: generatorOf(raw),
    items,
    resources,
  };
}

function generatorOf(raw: string): string | null {
  if (/canvas\.instructure\.com|canvas_export/i.test(raw)) return 'Canvas';
  if (/moodle/i.test(raw)) return 'Moodle';
  if (/brightspace|d2l/i.test(raw)) return 'Brightspace';
  if (/blackboard/i.test(raw)) return 'Blackboard';
  if (/sakai/i.test(raw)) return 'Sakai';
  return null;
}

export type ResourceKind =
  'webcontent' | 'weblink' | 'discussion' | 'assessment' | 'question-bank' | 'lti' | 'associated' | 'other';

/** What a resource type names, for every CC version's spelling of it. */
export function resourceKind(type: string): ResourceKind {
  const t = type.toLowerCase();
  if (t === 'webcontent') return 'webcontent';
  if (/^imswl_xmlv1p\d$/.test(t)) return 'weblink';
  if (/^imsdt_xmlv1p\d$/.test(t)) return 'discussion';
  if (/^imsbasiclti_xmlv1p\d$/.test(t) || t.includes('lti')) return 'lti';
  if (/^imsqti_xmlv1p2\/imscc_xmlv1p\d\/assessment$/.test(t)) return 'assessment';
  if (/^imsqti_xmlv1p2\/imscc_xmlv1p\d\/question-bank$/.test(t)) return 'question-bank';
  if (t.startsWith('associatedcontent/')) return 'associated';
  return 'other';
}
