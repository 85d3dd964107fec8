/**
 * ICU-lite: the small part of ICU MessageFormat that Satchel's catalogues use.
 *
 *   {name}                                   the parameter `name`; numbers are formatted for the locale
 *   {count, plural, =0 {…} one {…} other {…}} a branch chosen by exact value (`=N`) first, then by the
 *                                            locale's plural category (Intl.PluralRules); `other` is required.
 *                                            Inside a branch `#` is the count, formatted for the locale,
 *                                            and `{name}` placeholders work as anywhere else.
 *
 * Not supported (on purpose, nothing needs them yet): `select`, `selectordinal`, `offset:`, number/date
 * skeletons, and apostrophe quoting — an apostrophe is always a literal character, so French and
 * Portuguese text needs no escaping. A literal `{`, `}` or (inside plural) `#` cannot be written.
 */

export type MessageParams = Readonly<Record<string, string | number>>;

type MessageNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'argument'; readonly name: string }
  | { readonly kind: 'pound' }
  | { readonly kind: 'plural'; readonly name: string; readonly branches: ReadonlyMap<string, MessageNode[]> };

export class MessageSyntaxError extends Error {
  override readonly name = 'MessageSyntaxError';
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SELECTOR = /^(=\d+|zero|one|two|few|many|other)$/;

export function parseMessage(source: string): MessageNode[] {
  let at = 0;
  const fail = (why: string): never => {
    throw new MessageSyntaxError(`${why} at ${at} in "${source}"`);
  };
  const skipSpace = () => {
    while (at < source.length && /\s/.test(source.charAt(at))) at += 1;
  };
  const readUntil = (stops: string): string => {
    const start = at;
    while (at < source.length && !stops.includes(source.charAt(at))) at += 1;
    if (at >= source.length) fail('unclosed {');
    return source.slice(start, at).trim();
  };

  function nodes(insidePlural: boolean, untilBrace: boolean): MessageNode[] {
    const found: MessageNode[] = [];
    let text = '';
    const flush = () => {
      if (text !== '') found.push({ kind: 'text', text });
      text = '';
    };
    while (at < source.length) {
      const char = source.charAt(at);
      if (char === '}') {
        if (!untilBrace) fail('unexpected }');
        break;
      }
      if (char === '{') {
        flush();
        found.push(argument());
      } else if (char === '#' && insidePlural) {
        flush();
        found.push({ kind: 'pound' });
        at += 1;
      } else {
        text += char;
        at += 1;
      }
    }
    if (untilBrace && at >= source.length) fail('unclosed plural branch');
    flush();
    return found;
  }

  function argument(): MessageNode {
    at += 1;
    const name = readUntil(',}');
    if (!NAME.test(name)) fail(`bad argument name "${name}"`);
    if (source.charAt(at) === '}') {
      at += 1;
      return { kind: 'argument', name };
    }
    at += 1;
    const type = readUntil(',}');
    if (type !== 'plural' || source.charAt(at) !== ',') fail(`unsupported argument type "${type}"`);
    at += 1;
    const branches = new Map<string, MessageNode[]>();
    for (;;) {
      skipSpace();
      if (at >= source.length) fail('unclosed plural');
      if (source.charAt(at) === '}') {
        at += 1;
        break;
      }
      const selector = readUntil('{}').trim();
      if (!SELECTOR.test(selector)) fail(`bad plural selector "${selector}"`);
      if (branches.has(selector)) fail(`duplicate plural selector "${selector}"`);
      if (source.charAt(at) !== '{') fail('expected {');
      at += 1;
      branches.set(selector, nodes(true, true));
      at += 1;
    }
    if (!branches.has('other')) fail('plural without an "other" branch');
    return { kind: 'plural', name, branches };
  }

  const parsed = nodes(false, false);
  return parsed;
}

const parsedCache = new Map<string, MessageNode[]>();
function parsedMessage(source: string): MessageNode[] {
  let parsed = parsedCache.get(source);
  if (!parsed) {
    parsed = parseMessage(source);
    parsedCache.set(source, parsed);
  }
  return parsed;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
function rulesFor(locale: string): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}
function numbersFor(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

function render(nodes: readonly MessageNode[], params: MessageParams, locale: string, count: number | null) {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'pound':
        out += count === null ? '#' : numbersFor(locale).format(count);
        break;
      case 'argument': {
        const value = params[node.name];
        if (value === undefined) out += `{${node.name}}`;
        else out += typeof value === 'number' ? numbersFor(locale).format(value) : value;
        break;
      }
      case 'plural': {
        const raw = params[node.name];
        const value = typeof raw === 'number' ? raw : Number(raw);
        const branch =
          node.branches.get(`=${value}`) ??
          (Number.isFinite(value) ? node.branches.get(rulesFor(locale).select(value)) : undefined) ??
          node.branches.get('other') ??
          [];
        out += render(branch, params, locale, Number.isFinite(value) ? value : null);
        break;
      }
    }
  }
  return out;
}

/** Renders `source` in `locale`. A missing parameter is left visible as `{name}` rather than hidden. */
export function formatMessage(source: string, params: MessageParams = {}, locale = 'en'): string {
  return render(parsedMessage(source), params, locale, null);
}

function collect(nodes: readonly MessageNode[], names: Set<string>, plurals: Map<string, Set<string>>) {
  for (const node of nodes) {
    if (node.kind === 'argument') names.add(node.name);
    if (node.kind === 'plural') {
      names.add(node.name);
      const selectors = plurals.get(node.name) ?? new Set<string>();
      for (const [selector, branch] of node.branches) {
        selectors.add(selector);
        collect(branch, names, plurals);
      }
      plurals.set(node.name, selectors);
    }
  }
}

/** The parameter names a message uses, sorted (for catalogue checks). */
export function messageArguments(source: string): string[] {
  const names = new Set<string>();
  collect(parseMessage(source), names, new Map());
  return [...names].sort();
}

/** For each plural argument, the selectors its branches cover. */
export function pluralSelectors(source: string): Map<string, Set<string>> {
  const plurals = new Map<string, Set<string>>();
  collect(parseMessage(source), new Set(), plurals);
  return plurals;
}
