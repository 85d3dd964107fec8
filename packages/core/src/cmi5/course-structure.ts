import {
  CMI5_LAUNCH_METHODS,
  CMI5_MOVE_ON,
  type Cmi5LaunchMethod,
  type Cmi5MoveOn,
} from './cmi5.vocabulary.js';

// The cmi5 course structure (cmi5.xml, cmi5 §13) checked by the rules of the
// specification beyond what its XSD says: one course, blocks of AUs or blocks, ids that
// are absolute IRIs and unique in the structure, AU urls relative to the package or
// absolute, the moveOn and launchMethod vocabularies, masteryScore a decimal 0..1 with
// at most four decimals, and langstring titles and descriptions. Pure: the XML is
// parsed elsewhere (server/cmi5) into XmlElement trees.

export interface XmlElement {
  /** The local name (any namespace prefix removed). */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, trimmed. */
  text: string;
}

export interface LangString {
  lang: string;
  value: string;
}

export interface Cmi5AuStructure {
  type: 'au';
  id: string;
  title: LangString[];
  description: LangString[];
  url: string;
  moveOn: Cmi5MoveOn;
  masteryScore?: number;
  launchMethod: Cmi5LaunchMethod;
  activityType?: string;
  launchParameters?: string;
  entitlementKey?: string;
}

export interface Cmi5BlockStructure {
  type: 'block';
  id: string;
  title: LangString[];
  description: LangString[];
  children: (Cmi5BlockStructure | Cmi5AuStructure)[];
}

export interface Cmi5CourseStructure {
  course: { id: string; title: LangString[]; description: LangString[] };
  children: (Cmi5BlockStructure | Cmi5AuStructure)[];
}

export type Cmi5Rule =
  | 'root'
  | 'course'
  | 'missing'
  | 'iri'
  | 'duplicate_id'
  | 'url'
  | 'move_on'
  | 'mastery_score'
  | 'launch_method'
  | 'langstring'
  | 'empty_block'
  | 'no_au'
  | 'objective';

export interface Cmi5Problem {
  /** Where, e.g. `courseStructure/block[1]/au[2]@moveOn`. */
  path: string;
  rule: Cmi5Rule;
  message: string;
}

export type Cmi5Check = { ok: true; structure: Cmi5CourseStructure } | { ok: false; problems: Cmi5Problem[] };

/** An absolute IRI: a scheme, a colon, then no spaces (RFC 3987, loosely). */
export function isAbsoluteIri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(value);
}

/** An AU url: absolute http(s), or relative inside the package (no scheme, no leading slash, no ".."). */
export function checkAuUrl(url: string): string | null {
  if (url === '') return 'is empty';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) {
    return /^https?:\/\/[^\s/]+/i.test(url) ? null : 'must be http(s) when absolute';
  }
  if (url.startsWith('/') || url.startsWith('\\'))
    return 'must be relative to the package, not to the server';
  if (/\s/.test(url)) return 'contains spaces';
  const path = url.split(/[?#]/)[0] ?? '';
  if (path === '') return 'names no file';
  if (path.split('/').some((s) => s === '..')) return 'climbs out of the package with ".."';
  return null;
}

const DECIMAL = /^(0(\.\d{1,4})?|1(\.0{1,4})?|\.\d{1,4})$/;

export function checkCourseStructure(root: XmlElement): Cmi5Check {
  const problems: Cmi5Problem[] = [];
  const ids = new Map<string, string>();
  const report = (path: string, rule: Cmi5Rule, message: string): void => {
    problems.push({ path, rule, message });
  };
  const idOf = (el: XmlElement, path: string, attr = 'id'): string => {
    const id = (el.attrs[attr] ?? '').trim();
    if (id === '') report(`${path}@${attr}`, 'missing', `"${attr}" is required`);
    else if (!isAbsoluteIri(id)) report(`${path}@${attr}`, 'iri', `"${id}" is not an absolute IRI`);
    else if (attr === 'id') {
      const first = ids.get(id);
      if (first) report(`${path}@id`, 'duplicate_id', `"${id}" is already the id of ${first}`);
      else ids.set(id, path);
    }
    return id;
  };
  const langstrings = (el: XmlElement, field: 'title' | 'description', path: string): LangString[] => {
    const holder = el.children.find((c) => c.name === field);
    if (!holder) {
      report(`${path}/${field}`, 'missing', `a ${field} is required`);
      return [];
    }
    const values = holder.children
      .filter((c) => c.name === 'langstring')
      .map((c) => ({ lang: (c.attrs.lang ?? '').trim(), value: c.text.trim() }));
    if (values.length === 0)
      report(`${path}/${field}`, 'langstring', `the ${field} needs at least one langstring`);
    const langs = new Set<string>();
    values.forEach((v, i) => {
      if (v.lang !== '' && !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(v.lang))
        report(
          `${path}/${field}/langstring[${i + 1}]@lang`,
          'langstring',
          `"${v.lang}" is not a language tag`,
        );
      if (langs.has(v.lang.toLowerCase()))
        report(`${path}/${field}/langstring[${i + 1}]`, 'langstring', `two ${field}s in "${v.lang}"`);
      langs.add(v.lang.toLowerCase());
    });
    if (field === 'title' && values.length > 0 && values.every((v) => v.value === ''))
      report(`${path}/title`, 'langstring', 'the title is empty');
    return values;
  };
  const objectiveIds = new Set<string>();
  const references: { path: string; idref: string }[] = [];
  const collectReferences = (el: XmlElement, path: string): void => {
    const holder = el.children.find((c) => c.name === 'objectives');
    holder?.children
      .filter((c) => c.name === 'objective')
      .forEach((o, i) =>
        references.push({ path: `${path}/objectives/objective[${i + 1}]`, idref: o.attrs.idref ?? '' }),
      );
  };

  const au = (el: XmlElement, path: string): Cmi5AuStructure => {
    const id = idOf(el, path);
    const title = langstrings(el, 'title', path);
    const description = langstrings(el, 'description', path);
    const urlEl = el.children.find((c) => c.name === 'url');
    const url = urlEl?.text.trim() ?? '';
    if (!urlEl) report(`${path}/url`, 'missing', 'an AU needs its url');
    else {
      const why = checkAuUrl(url);
      if (why) report(`${path}/url`, 'url', `"${url}" ${why}`);
    }
    const moveOnRaw = (el.attrs.moveOn ?? 'NotApplicable').trim();
    const moveOn = (CMI5_MOVE_ON as readonly string[]).includes(moveOnRaw)
      ? (moveOnRaw as Cmi5MoveOn)
      : 'NotApplicable';
    if (moveOn !== moveOnRaw)
      report(`${path}@moveOn`, 'move_on', `"${moveOnRaw}" is not one of ${CMI5_MOVE_ON.join(', ')}`);
    const methodRaw = (el.attrs.launchMethod ?? 'AnyWindow').trim();
    const launchMethod = (CMI5_LAUNCH_METHODS as readonly string[]).includes(methodRaw)
      ? (methodRaw as Cmi5LaunchMethod)
      : 'AnyWindow';
    if (launchMethod !== methodRaw)
      report(`${path}@launchMethod`, 'launch_method', `"${methodRaw}" is not AnyWindow or OwnWindow`);
    const result: Cmi5AuStructure = { type: 'au', id, title, description, url, moveOn, launchMethod };
    const mastery = el.attrs.masteryScore?.trim();
    if (mastery !== undefined) {
      if (!DECIMAL.test(mastery))
        report(
          `${path}@masteryScore`,
          'mastery_score',
          `"${mastery}" is not a decimal from 0 to 1 with at most 4 decimals`,
        );
      else result.masteryScore = Number(mastery);
    }
    const activityType = el.attrs.activityType?.trim();
    if (activityType !== undefined && activityType !== '') {
      if (!isAbsoluteIri(activityType))
        report(`${path}@activityType`, 'iri', `"${activityType}" is not an absolute IRI`);
      result.activityType = activityType;
    }
    const parameters = el.children.find((c) => c.name === 'launchParameters')?.text.trim();
    if (parameters) result.launchParameters = parameters;
    const entitlement = el.children.find((c) => c.name === 'entitlementKey')?.text.trim();
    if (entitlement) result.entitlementKey = entitlement;
    collectReferences(el, path);
    return result;
  };

  const members = (el: XmlElement, path: string): (Cmi5BlockStructure | Cmi5AuStructure)[] => {
    const counts = { au: 0, block: 0 };
    const out: (Cmi5BlockStructure | Cmi5AuStructure)[] = [];
    for (const child of el.children) {
      if (child.name !== 'au' && child.name !== 'block') continue;
      counts[child.name] += 1;
      const childPath = `${path}/${child.name}[${counts[child.name]}]`;
      out.push(child.name === 'au' ? au(child, childPath) : block(child, childPath));
    }
    return out;
  };

  const block = (el: XmlElement, path: string): Cmi5BlockStructure => {
    const id = idOf(el, path);
    const title = langstrings(el, 'title', path);
    const description = langstrings(el, 'description', path);
    collectReferences(el, path);
    const children = members(el, path);
    if (children.length === 0) report(path, 'empty_block', 'a block must hold at least one AU or block');
    return { type: 'block', id, title, description, children };
  };

  if (root.name !== 'courseStructure') {
    report(root.name, 'root', 'the root element must be courseStructure');
    return { ok: false, problems };
  }
  const path = 'courseStructure';
  const courses = root.children.filter((c) => c.name === 'course');
  if (courses.length !== 1) {
    report(
      `${path}/course`,
      'course',
      `a course structure describes exactly one course (found ${courses.length})`,
    );
    return { ok: false, problems };
  }
  const courseEl = courses[0] as XmlElement;
  const course = {
    id: idOf(courseEl, `${path}/course`),
    title: langstrings(courseEl, 'title', `${path}/course`),
    description: langstrings(courseEl, 'description', `${path}/course`),
  };
  const objectives = root.children.find((c) => c.name === 'objectives');
  objectives?.children
    .filter((c) => c.name === 'objective')
    .forEach((o, i) => {
      const opath = `${path}/objectives/objective[${i + 1}]`;
      objectiveIds.add(idOf(o, opath));
      langstrings(o, 'title', opath);
      langstrings(o, 'description', opath);
    });
  const children = members(root, path);
  const countAus = (list: (Cmi5BlockStructure | Cmi5AuStructure)[]): number =>
    list.reduce((n, c) => n + (c.type === 'au' ? 1 : countAus(c.children)), 0);
  if (countAus(children) === 0) report(path, 'no_au', 'the course has no AU');
  for (const ref of references) {
    if (!objectiveIds.has(ref.idref))
      report(`${ref.path}@idref`, 'objective', `"${ref.idref}" names no objective of the course`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, structure: { course, children } };
}

/** The langstring for `language` (exact, then by primary subtag, then the first). */
export function pickLangString(values: readonly LangString[], language: string): string {
  const lower = language.toLowerCase();
  const primary = lower.split('-')[0];
  return (
    values.find((v) => v.lang.toLowerCase() === lower)?.value ??
    values.find((v) => v.lang.toLowerCase().split('-')[0] === primary)?.value ??
    values[0]?.value ??
    ''
  );
}
