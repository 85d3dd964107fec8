import { IFI_KEYS } from './actor.schema.js';

// The `format` parameter of GET /xapi/statements (Communication 2.1.3):
// - exact: statements as stored;
// - ids: Agents, Groups, Activities and Verbs cut to what identifies them;
// - canonical: every language map cut to the one language the client prefers
//   (Accept-Language), falling back to any language the map has.
// Works on stored JSON (already valid), copying only what it changes.

export const STATEMENT_FORMATS = ['exact', 'ids', 'canonical'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

type Json = Record<string, unknown>;

function isObj(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Language ranges from an Accept-Language header, most preferred first; `q=0` ranges are dropped. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (header === undefined || header.trim() === '') return [];
  const ranges: { tag: string; q: number; order: number }[] = [];
  header.split(',').forEach((part, order) => {
    const [tagPart, ...params] = part.split(';');
    const tag = tagPart?.trim() ?? '';
    if (tag === '') return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=');
      if (name?.trim() === 'q' && value !== undefined) q = Number(value.trim());
    }
    if (Number.isFinite(q) && q > 0) ranges.push({ tag, q, order });
  });
  ranges.sort((a, b) => b.q - a.q || a.order - b.order);
  return ranges.map((r) => r.tag);
}

/**
 * The one entry of a language map a client with these preferences should see:
 * an exact tag, then a tag the range is a prefix of (RFC 4647 lookup, both ways),
 * then `und`, then the first entry.
 */
export function pickLanguageEntry(map: Readonly<Record<string, string>>, ranges: readonly string[]): Json {
  const tags = Object.keys(map);
  if (tags.length <= 1) return { ...map };
  const lower = tags.map((t) => t.toLowerCase());
  for (const range of ranges) {
    const r = range.toLowerCase();
    if (r === '*') break;
    let i = lower.indexOf(r);
    if (i < 0) i = lower.findIndex((t) => t.startsWith(`${r}-`) || r.startsWith(`${t}-`));
    if (i >= 0) return { [tags[i]!]: map[tags[i]!]! };
  }
  const und = lower.indexOf('und');
  const chosen = tags[und >= 0 ? und : 0]!;
  return { [chosen]: map[chosen]! };
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

/** Every language map cut to one language. Extensions are left alone: their content is not xAPI's. */
function canonicalValue(value: unknown, ranges: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalValue(item, ranges));
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const key in value) {
    const item = value[key];
    if (key === 'extensions') out[key] = item;
    else if (LANGUAGE_MAP_KEYS.has(key) && isObj(item))
      out[key] = pickLanguageEntry(item as Record<string, string>, ranges);
    else out[key] = canonicalValue(item, ranges);
  }
  return out;
}

function idsAgent(value: unknown): unknown {
  if (!isObj(value)) return value;
  const out: Json = {};
  if (value.objectType !== undefined) out.objectType = value.objectType;
  let identified = false;
  for (const key of IFI_KEYS) {
    if (value[key] !== undefined) {
      out[key] = value[key];
      identified = true;
    }
  }
  // An anonymous Group is identified by its members.
  if (!identified && Array.isArray(value.member)) out.member = value.member.map(idsAgent);
  return out;
}

function idsActivity(value: unknown): unknown {
  return isObj(value) ? { objectType: 'Activity', id: value.id } : value;
}

function idsActivityLists(value: unknown): unknown {
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const key in value) {
    const list = value[key];
    out[key] = Array.isArray(list) ? list.map(idsActivity) : idsActivity(list);
  }
  return out;
}

function idsContext(context: unknown): unknown {
  if (!isObj(context)) return context;
  const out: Json = { ...context };
  if (context.instructor !== undefined) out.instructor = idsAgent(context.instructor);
  if (context.team !== undefined) out.team = idsAgent(context.team);
  if (context.contextActivities !== undefined)
    out.contextActivities = idsActivityLists(context.contextActivities);
  if (Array.isArray(context.contextAgents))
    out.contextAgents = context.contextAgents.map((a: unknown) =>
      isObj(a) ? { ...a, agent: idsAgent(a.agent) } : a,
    );
  if (Array.isArray(context.contextGroups))
    out.contextGroups = context.contextGroups.map((g: unknown) =>
      isObj(g) ? { ...g, group: idsAgent(g.group) } : g,
    );
  return out;
}

function idsObject(object: unknown): unknown {
  if (!isObj(object)) return object;
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return idsActivity(object);
    case 'Agent':
    case 'Group':
      return idsAgent(object);
    case 'SubStatement':
      return idsStatement(object);
    default:
      return object;
  }
}

function idsStatement(statement: Json): Json {
  const out: Json = { ...statement };
  out.actor = idsAgent(statement.actor);
  if (isObj(statement.verb)) out.verb = { id: statement.verb.id };
  out.object = idsObject(statement.object);
  if (statement.authority !== undefined) out.authority = idsAgent(statement.authority);
  if (statement.context !== undefined) out.context = idsContext(statement.context);
  return out;
}

/** A stored statement in the requested format; `ranges` are the client's languages (for canonical). */
export function formatStatement(
  statement: Json,
  format: StatementFormat,
  ranges: readonly string[] = [],
): Json {
  switch (format) {
    case 'exact':
      return statement;
    case 'ids':
      return idsStatement(statement);
    case 'canonical':
      return canonicalValue(statement, ranges) as Json;
  }
}
