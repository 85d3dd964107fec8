import type { XapiActivity } from './activity.schema.js';
import type {
  Statement,
  StatementObject,
  StatementWire,
  XapiContext,
  XapiContextActivities,
  XapiContextWire,
} from './statement.schema.js';

// The LRS returns every contextActivities value as an array, even when it
// arrived as a single Activity (Data 2.4.6.2.s4.b3). Copy-on-write: a statement
// that is already canonical (the usual case) is returned as it is, and
// otherwise only the objects on the path to a change are new. Ingest therefore
// never copies a statement; callers treat statements as immutable anyway.

function asList(value: XapiActivity | XapiActivity[] | undefined): XapiActivity[] | undefined {
  return value === undefined || Array.isArray(value) ? value : [value];
}

function canonicalContext(context: XapiContextWire): XapiContext {
  const { contextActivities, ...rest } = context;
  if (contextActivities === undefined) return rest;
  const lists: XapiContextActivities = {};
  const parent = asList(contextActivities.parent);
  const grouping = asList(contextActivities.grouping);
  const category = asList(contextActivities.category);
  const other = asList(contextActivities.other);
  if (parent) lists.parent = parent;
  if (grouping) lists.grouping = grouping;
  if (category) lists.category = category;
  if (other) lists.other = other;
  return { ...rest, contextActivities: lists };
}

function canonicalObject(object: StatementWire['object']): StatementObject {
  if (object.objectType !== 'SubStatement') return object;
  const { context, ...rest } = object;
  return context === undefined ? rest : { ...rest, context: canonicalContext(context) };
}

function listsAreArrays(context: XapiContextWire | undefined): boolean {
  const activities = context?.contextActivities;
  if (activities === undefined) return true;
  const { parent, grouping, category, other } = activities;
  return (
    (parent === undefined || Array.isArray(parent)) &&
    (grouping === undefined || Array.isArray(grouping)) &&
    (category === undefined || Array.isArray(category)) &&
    (other === undefined || Array.isArray(other))
  );
}

function isCanonical(statement: StatementWire): statement is Statement {
  const object = statement.object;
  return (
    listsAreArrays(statement.context) &&
    (object.objectType !== 'SubStatement' || listsAreArrays(object.context))
  );
}

/**
 * The canonical form of a valid statement: contextActivities values become
 * arrays. Returns the statement itself when it is already canonical.
 */
export function canonicalise(statement: StatementWire): Statement {
  if (isCanonical(statement)) return statement;
  const { context, object, ...rest } = statement;
  const canonical: Statement = { ...rest, object: canonicalObject(object) };
  if (context !== undefined) canonical.context = canonicalContext(context);
  return canonical;
}
