import { z } from 'zod';
import { XapiActivity } from './activity.schema.js';
import {
  XapiActor,
  XapiAgent,
  XapiAgentAsObject,
  XapiAuthority,
  XapiGroup,
  XapiTeam,
} from './actor.schema.js';
import {
  XapiDuration,
  XapiExtensions,
  XapiIri,
  XapiIrl,
  XapiLanguageMap,
  XapiLanguageTag,
  XapiMediaType,
  XapiSha2,
  XapiTimestamp,
  XapiUuid,
  XapiVersion,
} from './datatypes.schema.js';
import { VERBS } from './iri.js';

// The xAPI 1.0.3 Statement (Data 2.4). Two trees are built from one definition:
// `StatementWire` accepts what an LRS must accept (a single Activity where
// contextActivities usually hold arrays, for 0.95 compatibility), and
// `Statement` is the canonical form the LRS returns and Satchel stores, with
// every contextActivities value an array (Data 2.4.6.2.s4). `canonicalise`
// turns the first into the second.

/** The reserved verb of a statement that voids another (Data 2.3.2). */
export const VOIDED_VERB_ID = VERBS.voided;

export const XapiVerb = z.strictObject({ id: XapiIri, display: XapiLanguageMap.optional() });
export type XapiVerb = z.infer<typeof XapiVerb>;

export const XapiScore = z
  .strictObject({
    scaled: z.number().min(-1).max(1).optional(),
    raw: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((score, ctx) => {
    const { raw, min, max } = score;
    if (min !== undefined && max !== undefined && min >= max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `must be less than max (${max})` });
    }
    if (raw !== undefined && min !== undefined && raw < min) {
      ctx.addIssue({ code: 'custom', path: ['raw'], message: `must be at least min (${min})` });
    }
    if (raw !== undefined && max !== undefined && raw > max) {
      ctx.addIssue({ code: 'custom', path: ['raw'], message: `must be at most max (${max})` });
    }
  });
export type XapiScore = z.infer<typeof XapiScore>;

export const XapiResult = z.strictObject({
  score: XapiScore.optional(),
  success: z.boolean().optional(),
  completion: z.boolean().optional(),
  response: z.string().optional(),
  duration: XapiDuration.optional(),
  extensions: XapiExtensions.optional(),
});
export type XapiResult = z.infer<typeof XapiResult>;

export const StatementRef = z.strictObject({ objectType: z.literal('StatementRef'), id: XapiUuid });
export type StatementRef = z.infer<typeof StatementRef>;

export const XapiAttachment = z.strictObject({
  usageType: XapiIri,
  display: XapiLanguageMap,
  description: XapiLanguageMap.optional(),
  contentType: XapiMediaType,
  length: z.number().int().nonnegative(),
  sha2: XapiSha2,
  fileUrl: XapiIrl.optional(),
});
export type XapiAttachment = z.infer<typeof XapiAttachment>;

/** xAPI 2.0 (9274.1.1 §4.2.2.5): an Agent in the context, with the roles it played as IRIs. */
export const XapiContextAgent = z.strictObject({
  objectType: z.literal('contextAgent'),
  agent: XapiAgent,
  relevantTypes: z.array(XapiIri).min(1).optional(),
});
export type XapiContextAgent = z.infer<typeof XapiContextAgent>;

/** xAPI 2.0: a Group in the context, with the roles it played as IRIs. */
export const XapiContextGroup = z.strictObject({
  objectType: z.literal('contextGroup'),
  group: XapiGroup,
  relevantTypes: z.array(XapiIri).min(1).optional(),
});
export type XapiContextGroup = z.infer<typeof XapiContextGroup>;

/** The kinds of context Activity (Data 2.4.6.2). */
export const CONTEXT_ACTIVITY_TYPES = ['parent', 'grouping', 'category', 'other'] as const;

interface StatementCore {
  object: { objectType?: string | undefined };
  context?: { revision?: string | undefined; platform?: string | undefined } | undefined;
}

// Data 2.4.6.s4: revision and platform describe an Activity, so they need one as the object.
function checkContextFitsObject(statement: StatementCore, ctx: z.core.$RefinementCtx<StatementCore>): void {
  const { context, object } = statement;
  if (context === undefined) return;
  const objectType = object.objectType ?? 'Activity';
  if (objectType === 'Activity') return;
  for (const key of ['revision', 'platform'] as const) {
    if (context[key] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['context', key],
        message: `is only allowed when the object is an Activity (the object's objectType is "${objectType}")`,
      });
    }
  }
}

function objectTypeError(allowed: string) {
  return (issue: z.core.$ZodRawIssue): string | undefined => {
    if (issue.code !== 'invalid_union') return undefined;
    const input = issue.input;
    if (
      typeof input === 'object' &&
      input !== null &&
      'objectType' in input &&
      input.objectType === 'SubStatement'
    ) {
      return 'a SubStatement cannot contain another SubStatement';
    }
    return `objectType must be ${allowed} (case-sensitive)`;
  };
}

function statementTree<ActivityList extends z.ZodType<XapiActivity[] | XapiActivity>>(
  activityList: ActivityList,
) {
  const ContextActivities = z
    .strictObject({
      parent: activityList.optional(),
      grouping: activityList.optional(),
      category: activityList.optional(),
      other: activityList.optional(),
    })
    .superRefine((activities, ctx) => {
      // The ADL conformance suite rejects an empty contextActivities object.
      if (CONTEXT_ACTIVITY_TYPES.every((key) => activities[key] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: 'needs at least one of parent, grouping, category or other',
        });
      }
    });

  const Context = z.strictObject({
    registration: XapiUuid.optional(),
    instructor: XapiActor.optional(),
    team: XapiTeam.optional(),
    contextActivities: ContextActivities.optional(),
    revision: z.string().optional(),
    platform: z.string().optional(),
    language: XapiLanguageTag.optional(),
    statement: StatementRef.optional(),
    extensions: XapiExtensions.optional(),
    contextAgents: z.array(XapiContextAgent).optional(),
    contextGroups: z.array(XapiContextGroup).optional(),
  });

  // Validated as a Statement, without id, stored, version or authority, and never nested (Data 2.4.4.3).
  const SubStatement = z
    .strictObject({
      objectType: z.literal('SubStatement'),
      actor: XapiActor,
      verb: XapiVerb,
      object: z.discriminatedUnion('objectType', [XapiActivity, XapiAgentAsObject, XapiGroup, StatementRef], {
        error: objectTypeError('"Activity", "Agent", "Group" or "StatementRef"'),
      }),
      result: XapiResult.optional(),
      context: Context.optional(),
      // A SubStatement may describe the future (Data 2.4.7.s3.b5).
      timestamp: XapiTimestamp.optional(),
      attachments: z.array(XapiAttachment).optional(),
    })
    .superRefine(checkContextFitsObject);

  const StatementObject = z.discriminatedUnion(
    'objectType',
    [XapiActivity, XapiAgentAsObject, XapiGroup, StatementRef, SubStatement],
    { error: objectTypeError('"Activity", "Agent", "Group", "StatementRef" or "SubStatement"') },
  );

  const Statement = z
    .strictObject({
      id: XapiUuid.optional(),
      actor: XapiActor,
      verb: XapiVerb,
      object: StatementObject,
      result: XapiResult.optional(),
      context: Context.optional(),
      timestamp: XapiTimestamp.optional(),
      stored: XapiTimestamp.optional(),
      authority: XapiAuthority.optional(),
      version: XapiVersion.optional(),
      attachments: z.array(XapiAttachment).optional(),
    })
    .superRefine((statement, ctx) => {
      checkContextFitsObject(statement, ctx);
      if (statement.verb.id === VOIDED_VERB_ID && statement.object.objectType !== 'StatementRef') {
        ctx.addIssue({
          code: 'custom',
          path: ['object'],
          message: `a voiding statement (verb ${VOIDED_VERB_ID}) must have a StatementRef as its object`,
        });
      }
    });

  return { ContextActivities, Context, SubStatement, StatementObject, Statement };
}

const wire = statementTree(
  z.union([z.array(XapiActivity), XapiActivity], { error: 'must be an Activity or an array of Activities' }),
);
const canonical = statementTree(z.array(XapiActivity));

/** A statement as an LRS receives it: contextActivities values may be single Activities. */
export const StatementWire = wire.Statement;
export type StatementWire = z.infer<typeof StatementWire>;
export type XapiContextWire = z.infer<typeof wire.Context>;
export type SubStatementWire = z.infer<typeof wire.SubStatement>;

/** A statement in canonical form: every contextActivities value is an array. */
export const Statement = canonical.Statement;
export type Statement = z.infer<typeof Statement>;
export const XapiContext = canonical.Context;
export type XapiContext = z.infer<typeof XapiContext>;
export const XapiContextActivities = canonical.ContextActivities;
export type XapiContextActivities = z.infer<typeof XapiContextActivities>;
export const SubStatement = canonical.SubStatement;
export type SubStatement = z.infer<typeof SubStatement>;
export const StatementObject = canonical.StatementObject;
export type StatementObject = z.infer<typeof StatementObject>;

/** A statement as the LRS holds it after filling in what it assigns (Data 2.4.1, 2.4.8–2.4.10). */
export type StoredStatement = Statement & {
  id: string;
  timestamp: string;
  stored: string;
  authority: XapiAuthority;
  version: string;
};
