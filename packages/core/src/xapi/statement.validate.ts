import type { z } from 'zod';
import { canonicalise } from './statement.canonical.js';
import { isValidStatementWire } from './statement.fast-path.js';
import { StatementWire } from './statement.schema.js';
import type { Statement } from './statement.schema.js';

// Statement validation for the LRS (and for the app before it queues a
// statement). A valid statement passes the allocation-free fast path; an
// invalid one goes through the zod schema, whose issues become messages a
// content author can act on, e.g.
//   actor: an Agent needs exactly one of mbox, mbox_sha1sum, openid or account

/** One reason a statement was rejected; `path` is like `context.contextActivities.parent[0].id` ('' for the whole statement). */
export interface StatementError {
  path: string;
  message: string;
}

export type StatementValidation =
  { ok: true; statement: Statement } | { ok: false; errors: StatementError[] };
export type StatementBatchValidation =
  { ok: true; statements: Statement[] } | { ok: false; errors: StatementError[] };

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? `an ${type}` : `a ${type}`;
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(' or ');
}

// Passed per parse, so it only fills in what a schema has not worded itself.
const readableMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return 'must not be null';
      if (issue.expected === 'int' && typeof issue.input === 'number') return 'must be a whole number';
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined) return `is required (${listValues(issue.values)})`;
      return issue.values.length > 2
        ? `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (case-sensitive)`
        : `must be ${listValues(issue.values)} (case-sensitive)`;
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return `${issue.keys.length === 1 ? 'property' : 'properties'} ${keys} ${issue.keys.length === 1 ? 'is' : 'are'} not allowed here`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item(s)`;
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `allows at most ${issue.maximum} item(s)`;
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return undefined;
  }
};
const PARSE_OPTIONS = { error: readableMessage };

const IDENTIFIER_RE = /^[A-Za-z_$][\w$]*$/;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER_RE.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

// A union (e.g. "an Activity or an array of Activities") reports each option's
// issues; when exactly one option got past the shape check, its issues are the
// useful ones, so report those instead of "does not match".
function viableBranch(branches: readonly z.core.$ZodIssue[][]): z.core.$ZodIssue[] | undefined {
  const viable = branches.filter((b) => !b.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
  return viable.length === 1 ? viable[0] : undefined;
}

function collectErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  out: StatementError[],
): void {
  for (const issue of issues) {
    const path = prefix.length === 0 ? issue.path : [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      const branch = viableBranch(issue.errors);
      if (branch !== undefined) {
        collectErrors(branch, path, out);
        continue;
      }
    }
    out.push({ path: formatPath(path), message: issue.message });
  }
}

// Valid statements, the common case, take the fast path and are not copied;
// zod runs only to explain a rejection. Should the fast path ever be stricter
// than the schema, zod's verdict stands: slower, never wrong.
function check(
  input: unknown,
  prefix: readonly PropertyKey[],
  errors: StatementError[],
): Statement | undefined {
  if (isValidStatementWire(input)) return canonicalise(input);
  const parsed = StatementWire.safeParse(input, PARSE_OPTIONS);
  if (parsed.success) return canonicalise(parsed.data);
  collectErrors(parsed.error.issues, prefix, errors);
  return undefined;
}

/** Validates one xAPI 1.0.3 statement and returns it in canonical form (contextActivities as arrays). */
export function validateStatement(input: unknown): StatementValidation {
  const errors: StatementError[] = [];
  const statement = check(input, [], errors);
  return statement === undefined ? { ok: false, errors } : { ok: true, statement };
}

/**
 * Validates what a client POSTs: one statement or an array of them. A batch is
 * accepted or rejected whole, so every statement's errors are reported, each
 * path prefixed by its index (`[2].verb.id`); two statements with one id are an error.
 */
export function validateStatementBatch(input: unknown): StatementBatchValidation {
  if (!Array.isArray(input)) {
    const single = validateStatement(input);
    return single.ok ? { ok: true, statements: [single.statement] } : single;
  }
  const errors: StatementError[] = [];
  const statements: Statement[] = [];
  const firstIndexById = new Map<string, number>();
  input.forEach((item: unknown, index) => {
    const statement = check(item, [index], errors);
    if (statement === undefined) return;
    statements.push(statement);
    if (statement.id === undefined) return;
    const id = statement.id.toLowerCase();
    const first = firstIndexById.get(id);
    if (first === undefined) firstIndexById.set(id, index);
    else
      errors.push({ path: `[${index}].id`, message: `repeats the id of statement [${first}] in this batch` });
  });
  return errors.length === 0 ? { ok: true, statements } : { ok: false, errors };
}

/** The errors as one line each, `path: message`, for logs and error envelopes. */
export function describeStatementErrors(errors: readonly StatementError[]): string {
  return errors.map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`)).join('\n');
}
