import { z } from 'zod';
import { XapiIri, XapiIrl, XapiMailto, XapiSha1 } from './datatypes.schema.js';

// Agents and Groups (Data 2.4.2): who did something, who taught it, who vouches for it.

/** A user account on some system (Data 2.4.2.4). */
export const XapiAccount = z.strictObject({ homePage: XapiIrl, name: z.string() });
export type XapiAccount = z.infer<typeof XapiAccount>;

/** The inverse functional identifiers (Data 2.4.2.3); an Agent or identified Group has exactly one. */
export const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const IFI_LIST = 'mbox, mbox_sha1sum, openid or account';

const ifiShape = {
  mbox: XapiMailto.optional(),
  mbox_sha1sum: XapiSha1.optional(),
  openid: XapiIri.optional(),
  account: XapiAccount.optional(),
};

interface IfiFields {
  mbox?: string | undefined;
  mbox_sha1sum?: string | undefined;
  openid?: string | undefined;
  account?: XapiAccount | undefined;
}

function presentIfis(value: IfiFields): string[] {
  const present: string[] = [];
  for (const key of IFI_KEYS) if (value[key] !== undefined) present.push(key);
  return present;
}

function requireOneIfi(value: IfiFields, ctx: z.core.$RefinementCtx<IfiFields>): void {
  const present = presentIfis(value);
  if (present.length === 1) return;
  const found = present.length === 0 ? '' : ` (found ${present.join(' and ')})`;
  ctx.addIssue({ code: 'custom', message: `an Agent needs exactly one of ${IFI_LIST}${found}` });
}

function agentSchema<T extends z.ZodType<'Agent' | undefined>>(objectType: T) {
  return z.strictObject({ objectType, name: z.string().optional(), ...ifiShape }).superRefine(requireOneIfi);
}

/** An individual, identified by exactly one IFI. `objectType` is optional except as a statement's object. */
export const XapiAgent = agentSchema(z.literal('Agent').optional());
export type XapiAgent = z.infer<typeof XapiAgent>;

/** An Agent as the object of a statement, where `objectType` is required (Data 2.4.4.2). */
export const XapiAgentAsObject = agentSchema(z.literal('Agent'));

const GroupMember = agentSchema(
  z.literal('Agent', { error: 'a Group member must be an Agent (Groups cannot contain Groups)' }).optional(),
);

function groupSchema(objectType: z.ZodType<'Group'>) {
  return z
    .strictObject({
      objectType,
      name: z.string().optional(),
      member: z.array(GroupMember).optional(),
      ...ifiShape,
    })
    .superRefine((group, ctx) => {
      const present = presentIfis(group);
      if (present.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: `a Group has at most one of ${IFI_LIST} (found ${present.join(' and ')})`,
        });
      } else if (present.length === 0 && group.member === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `an anonymous Group needs a member list (or identify the Group by one of ${IFI_LIST})`,
        });
      }
    });
}

/** An identified Group (one IFI, members optional) or an anonymous Group (members, no IFI) (Data 2.4.2.2). */
export const XapiGroup = groupSchema(z.literal('Group'));
export type XapiGroup = z.infer<typeof XapiGroup>;

/** `context.team` must be a Group (Data 2.4.6). */
export const XapiTeam = groupSchema(
  z.literal('Group', { error: 'a team must be a Group (objectType "Group")' }),
);

const actorObjectTypeError = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'invalid_union' ? 'objectType must be "Agent" or "Group" (case-sensitive)' : undefined;

/** Who a statement is about, or who taught it: an Agent or a Group (Data 2.4.2). */
export const XapiActor = z.discriminatedUnion('objectType', [XapiAgent, XapiGroup], {
  error: actorObjectTypeError,
});
export type XapiActor = z.infer<typeof XapiActor>;

/**
 * Who asserts the statement is true (Data 2.4.9): an Agent, or for 3-legged OAuth an
 * anonymous Group of exactly two Agents (the application and the user).
 */
export const XapiAuthority = z.discriminatedUnion(
  'objectType',
  [
    XapiAgent,
    XapiGroup.superRefine((group, ctx) => {
      if (presentIfis(group).length > 0 || group.member?.length !== 2) {
        ctx.addIssue({
          code: 'custom',
          message: 'an authority Group must be an anonymous Group of exactly two Agents (3-legged OAuth)',
        });
      }
    }),
  ],
  { error: actorObjectTypeError },
);
export type XapiAuthority = z.infer<typeof XapiAuthority>;
