import {
  COMPONENT_LISTS_BY_INTERACTION_TYPE,
  INTERACTION_COMPONENT_LISTS,
  INTERACTION_TYPES,
  XapiActivity,
  XapiActivityDefinition,
  XapiInteractionComponent,
} from './activity.schema.js';
import type { XapiInteractionType } from './activity.schema.js';
import { XapiAccount, XapiAgent, XapiGroup } from './actor.schema.js';
import {
  CONTEXT_ACTIVITY_TYPES,
  StatementRef,
  StatementWire,
  SubStatement,
  VOIDED_VERB_ID,
  XapiAttachment,
  XapiContext,
  XapiContextActivities,
  XapiContextAgent,
  XapiContextGroup,
  XapiResult,
  XapiScore,
  XapiVerb,
} from './statement.schema.js';
import {
  isIri,
  isIrl,
  isIsoDuration,
  isIsoTimestamp,
  isLanguageTag,
  isMailtoIri,
  isMediaType,
  isSha1Hex,
  isSha2Hex,
  isXapiUuid,
  isXapiVersion,
} from './validators.js';

// The ingest hot path. The zod schemas in statement.schema.ts are the
// specification, but zod's per-node overhead costs several times the rest of
// ingest; this file answers the same yes/no question in one allocation-free
// walk. Invalid statements then go through zod for readable errors, so this
// only has to agree with the schema, never to explain. Agreement is tested
// property-by-property in statement.fast-path.test.ts: change both together.

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Obj, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

// Allowed keys come from the schemas themselves, so the two can never list different properties.
const keysOf = (schema: { shape: object }): ReadonlySet<string> => new Set(Object.keys(schema.shape));

function optString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function optFormatted(value: unknown, check: (s: string) => boolean): boolean {
  return value === undefined || (typeof value === 'string' && check(value));
}

function formatted(value: unknown, check: (s: string) => boolean): boolean {
  return typeof value === 'string' && check(value);
}

function optNumber(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value));
}

function optBoolean(value: unknown): boolean {
  return value === undefined || typeof value === 'boolean';
}

function languageMap(value: unknown): boolean {
  if (!isObj(value)) return false;
  let entries = 0;
  for (const tag in value) {
    entries++;
    if (typeof value[tag] !== 'string' || !isLanguageTag(tag)) return false;
  }
  return entries > 0;
}

function optLanguageMap(value: unknown): boolean {
  return value === undefined || languageMap(value);
}

function optExtensions(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isObj(value)) return false;
  for (const key in value) if (!isIri(key)) return false;
  return true;
}

// --- Agents and Groups ---

const ACCOUNT_KEYS = keysOf(XapiAccount);
const AGENT_KEYS = keysOf(XapiAgent);
const GROUP_KEYS = keysOf(XapiGroup);

/** The number of IFIs, or -1 when one of them is malformed. */
function ifiCount(value: Obj): number {
  const { mbox, mbox_sha1sum, openid, account } = value;
  if (
    !optFormatted(mbox, isMailtoIri) ||
    !optFormatted(mbox_sha1sum, isSha1Hex) ||
    !optFormatted(openid, isIri)
  ) {
    return -1;
  }
  if (account !== undefined) {
    if (!isObj(account) || !onlyKeys(account, ACCOUNT_KEYS)) return -1;
    if (!formatted(account.homePage, isIrl) || typeof account.name !== 'string') return -1;
  }
  return (
    (mbox === undefined ? 0 : 1) +
    (mbox_sha1sum === undefined ? 0 : 1) +
    (openid === undefined ? 0 : 1) +
    (account === undefined ? 0 : 1)
  );
}

function agent(value: unknown, objectTypeRequired: boolean): boolean {
  if (!isObj(value) || !onlyKeys(value, AGENT_KEYS)) return false;
  const objectType = value.objectType;
  if (objectType !== 'Agent' && (objectTypeRequired || objectType !== undefined)) return false;
  return optString(value.name) && ifiCount(value) === 1;
}

/** The Group's IFI count when it is a valid Group, else -1. */
function groupIfis(value: unknown): number {
  if (
    !isObj(value) ||
    !onlyKeys(value, GROUP_KEYS) ||
    value.objectType !== 'Group' ||
    !optString(value.name)
  ) {
    return -1;
  }
  const member = value.member;
  if (member !== undefined) {
    if (!Array.isArray(member)) return -1;
    for (const m of member) if (!agent(m, false)) return -1;
  }
  const count = ifiCount(value);
  if (count < 0 || count > 1 || (count === 0 && member === undefined)) return -1;
  return count;
}

function group(value: unknown): boolean {
  return groupIfis(value) >= 0;
}

function actor(value: unknown): boolean {
  if (!isObj(value)) return false;
  if (value.objectType === 'Group') return group(value);
  return agent(value, false);
}

function authority(value: unknown): boolean {
  if (!isObj(value)) return false;
  if (value.objectType !== 'Group') return agent(value, false);
  const member = value.member;
  return groupIfis(value) === 0 && Array.isArray(member) && member.length === 2;
}

// --- Verb and Activity ---

const VERB_KEYS = keysOf(XapiVerb);

function verb(value: unknown): boolean {
  return (
    isObj(value) && onlyKeys(value, VERB_KEYS) && formatted(value.id, isIri) && optLanguageMap(value.display)
  );
}

const INTERACTION_TYPE_SET: ReadonlySet<unknown> = new Set(INTERACTION_TYPES);
function isInteractionType(value: unknown): value is XapiInteractionType {
  return INTERACTION_TYPE_SET.has(value);
}
const COMPONENT_KEYS = keysOf(XapiInteractionComponent);
const DEFINITION_KEYS = keysOf(XapiActivityDefinition);
function componentList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  const ids = new Set<string>();
  for (const component of value) {
    if (!isObj(component) || !onlyKeys(component, COMPONENT_KEYS)) return false;
    const id = component.id;
    if (typeof id !== 'string' || ids.has(id) || !optLanguageMap(component.description)) return false;
    ids.add(id);
  }
  return true;
}

function definition(value: unknown): boolean {
  if (!isObj(value) || !onlyKeys(value, DEFINITION_KEYS)) return false;
  if (!optLanguageMap(value.name) || !optLanguageMap(value.description)) return false;
  if (
    !optFormatted(value.type, isIri) ||
    !optFormatted(value.moreInfo, isIrl) ||
    !optExtensions(value.extensions)
  ) {
    return false;
  }
  const type = value.interactionType;
  if (type !== undefined && !isInteractionType(type)) return false;
  const pattern = value.correctResponsesPattern;
  if (pattern !== undefined) {
    if (type === undefined || !Array.isArray(pattern)) return false;
    for (const response of pattern) if (typeof response !== 'string') return false;
  }
  for (const list of INTERACTION_COMPONENT_LISTS) {
    const components = value[list];
    if (components === undefined) continue;
    if (!isInteractionType(type) || !COMPONENT_LISTS_BY_INTERACTION_TYPE[type].includes(list)) return false;
    if (!componentList(components)) return false;
  }
  return true;
}

const ACTIVITY_KEYS = keysOf(XapiActivity);

function activity(value: unknown): boolean {
  if (!isObj(value) || !onlyKeys(value, ACTIVITY_KEYS)) return false;
  if (value.objectType !== undefined && value.objectType !== 'Activity') return false;
  return formatted(value.id, isIri) && (value.definition === undefined || definition(value.definition));
}

const STATEMENT_REF_KEYS = keysOf(StatementRef);

function statementRef(value: unknown): boolean {
  return (
    isObj(value) &&
    onlyKeys(value, STATEMENT_REF_KEYS) &&
    value.objectType === 'StatementRef' &&
    formatted(value.id, isXapiUuid)
  );
}

// --- Result, Context, Attachments ---

const SCORE_KEYS = keysOf(XapiScore);
const RESULT_KEYS = keysOf(XapiResult);

function score(value: unknown): boolean {
  if (!isObj(value) || !onlyKeys(value, SCORE_KEYS)) return false;
  const { scaled, raw, min, max } = value;
  if (!optNumber(scaled) || !optNumber(raw) || !optNumber(min) || !optNumber(max)) return false;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) return false;
  if (min !== undefined && max !== undefined && min >= max) return false;
  if (raw === undefined) return true;
  return (min === undefined || raw >= min) && (max === undefined || raw <= max);
}

function optResult(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isObj(value) || !onlyKeys(value, RESULT_KEYS)) return false;
  return (
    (value.score === undefined || score(value.score)) &&
    optBoolean(value.success) &&
    optBoolean(value.completion) &&
    optString(value.response) &&
    optFormatted(value.duration, isIsoDuration) &&
    optExtensions(value.extensions)
  );
}

const CONTEXT_ACTIVITIES_KEYS = keysOf(XapiContextActivities);
const CONTEXT_KEYS = keysOf(XapiContext);

function contextActivities(value: unknown): boolean {
  if (!isObj(value) || !onlyKeys(value, CONTEXT_ACTIVITIES_KEYS)) return false;
  let present = 0;
  for (const key of CONTEXT_ACTIVITY_TYPES) {
    const list = value[key];
    if (list === undefined) continue;
    present++;
    if (Array.isArray(list)) {
      for (const item of list) if (!activity(item)) return false;
    } else if (!activity(list)) {
      return false;
    }
  }
  return present > 0;
}

const CONTEXT_AGENT_KEYS = keysOf(XapiContextAgent);
const CONTEXT_GROUP_KEYS = keysOf(XapiContextGroup);

function optRelevantTypes(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const type of value) if (!formatted(type, isIri)) return false;
  return true;
}

/** xAPI 2.0 contextAgents / contextGroups: arrays of wrapped Agents / Groups. */
function optContextMembers(value: unknown, kind: 'contextAgent' | 'contextGroup'): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  const keys = kind === 'contextAgent' ? CONTEXT_AGENT_KEYS : CONTEXT_GROUP_KEYS;
  for (const item of value) {
    if (!isObj(item) || !onlyKeys(item, keys) || item.objectType !== kind) return false;
    const member = kind === 'contextAgent' ? agent(item.agent, false) : group(item.group);
    if (!member || !optRelevantTypes(item.relevantTypes)) return false;
  }
  return true;
}

/** Data 2.4.6.s4: revision and platform only with an Activity as the object. */
function optContext(value: unknown, objectType: unknown): boolean {
  if (value === undefined) return true;
  if (!isObj(value) || !onlyKeys(value, CONTEXT_KEYS)) return false;
  if (objectType !== undefined && objectType !== 'Activity') {
    if (value.revision !== undefined || value.platform !== undefined) return false;
  }
  return (
    optFormatted(value.registration, isXapiUuid) &&
    (value.instructor === undefined || actor(value.instructor)) &&
    (value.team === undefined || group(value.team)) &&
    (value.contextActivities === undefined || contextActivities(value.contextActivities)) &&
    optString(value.revision) &&
    optString(value.platform) &&
    optFormatted(value.language, isLanguageTag) &&
    (value.statement === undefined || statementRef(value.statement)) &&
    optExtensions(value.extensions) &&
    optContextMembers(value.contextAgents, 'contextAgent') &&
    optContextMembers(value.contextGroups, 'contextGroup')
  );
}

const ATTACHMENT_KEYS = keysOf(XapiAttachment);

function optAttachments(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const a of value) {
    if (!isObj(a) || !onlyKeys(a, ATTACHMENT_KEYS)) return false;
    const length = a.length;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) return false;
    const wellFormed =
      formatted(a.usageType, isIri) &&
      languageMap(a.display) &&
      optLanguageMap(a.description) &&
      formatted(a.contentType, isMediaType) &&
      formatted(a.sha2, isSha2Hex) &&
      optFormatted(a.fileUrl, isIrl);
    if (!wellFormed) return false;
  }
  return true;
}

// --- Statements ---

const SUB_STATEMENT_KEYS = keysOf(SubStatement);
const STATEMENT_KEYS = keysOf(StatementWire);

function statementObject(value: unknown, allowSubStatement: boolean): boolean {
  if (!isObj(value)) return false;
  switch (value.objectType) {
    case undefined:
    case 'Activity':
      return activity(value);
    case 'Agent':
      return agent(value, true);
    case 'Group':
      return group(value);
    case 'StatementRef':
      return statementRef(value);
    case 'SubStatement':
      return allowSubStatement && subStatement(value);
    default:
      return false;
  }
}

function subStatement(value: Obj): boolean {
  if (!onlyKeys(value, SUB_STATEMENT_KEYS)) return false;
  const object = value.object;
  return (
    actor(value.actor) &&
    verb(value.verb) &&
    statementObject(object, false) &&
    optResult(value.result) &&
    optContext(value.context, isObj(object) ? object.objectType : undefined) &&
    optFormatted(value.timestamp, isIsoTimestamp) &&
    optAttachments(value.attachments)
  );
}

/** True exactly when `StatementWire` would accept the value. */
export function isValidStatementWire(value: unknown): value is StatementWire {
  if (!isObj(value) || !onlyKeys(value, STATEMENT_KEYS)) return false;
  const { verb: v, object } = value;
  if (!verb(v) || !statementObject(object, true) || !isObj(object) || !isObj(v)) return false;
  if (v.id === VOIDED_VERB_ID && object.objectType !== 'StatementRef') return false;
  return (
    optFormatted(value.id, isXapiUuid) &&
    actor(value.actor) &&
    optResult(value.result) &&
    optContext(value.context, object.objectType) &&
    optFormatted(value.timestamp, isIsoTimestamp) &&
    optFormatted(value.stored, isIsoTimestamp) &&
    (value.authority === undefined || authority(value.authority)) &&
    optFormatted(value.version, isXapiVersion) &&
    optAttachments(value.attachments)
  );
}
