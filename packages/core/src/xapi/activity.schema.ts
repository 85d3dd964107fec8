import { z } from 'zod';
import { XapiExtensions, XapiIri, XapiIrl, XapiLanguageMap } from './datatypes.schema.js';

// Activities and their definitions, including cmi.interaction definitions (Data 2.4.4.1).

export const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;
export const XapiInteractionType = z.enum(INTERACTION_TYPES);
export type XapiInteractionType = z.infer<typeof XapiInteractionType>;

export const INTERACTION_COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;
export type XapiComponentList = (typeof INTERACTION_COMPONENT_LISTS)[number];

/** Which interaction component lists each interactionType takes (Data 2.4.4.1.s15). */
export const COMPONENT_LISTS_BY_INTERACTION_TYPE: Readonly<
  Record<XapiInteractionType, readonly XapiComponentList[]>
> = {
  'true-false': [],
  choice: ['choices'],
  'fill-in': [],
  'long-fill-in': [],
  matching: ['source', 'target'],
  performance: ['steps'],
  sequencing: ['choices'],
  likert: ['scale'],
  numeric: [],
  other: [],
};

export const XapiInteractionComponent = z.strictObject({
  id: z.string(),
  description: XapiLanguageMap.optional(),
});
export type XapiInteractionComponent = z.infer<typeof XapiInteractionComponent>;

const componentList = z.array(XapiInteractionComponent).optional();

export const XapiActivityDefinition = z
  .strictObject({
    name: XapiLanguageMap.optional(),
    description: XapiLanguageMap.optional(),
    type: XapiIri.optional(),
    moreInfo: XapiIrl.optional(),
    interactionType: XapiInteractionType.optional(),
    correctResponsesPattern: z.array(z.string()).optional(),
    choices: componentList,
    scale: componentList,
    source: componentList,
    target: componentList,
    steps: componentList,
    extensions: XapiExtensions.optional(),
  })
  .superRefine((definition, ctx) => {
    const type = definition.interactionType;
    for (const list of INTERACTION_COMPONENT_LISTS) {
      const components = definition[list];
      if (components === undefined) continue;
      if (type === undefined) {
        ctx.addIssue({ code: 'custom', path: [list], message: 'is only allowed with an interactionType' });
        continue;
      }
      const allowed = COMPONENT_LISTS_BY_INTERACTION_TYPE[type];
      if (!allowed.includes(list)) {
        const takes = allowed.length === 0 ? 'no component lists' : allowed.join(' and ');
        ctx.addIssue({
          code: 'custom',
          path: [list],
          message: `is not used by a "${type}" interaction (it takes ${takes})`,
        });
        continue;
      }
      const ids = new Set<string>();
      components.forEach((component, index) => {
        if (ids.has(component.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [list, index, 'id'],
            message: `repeats "${component.id}"; ids within a component list must be distinct`,
          });
        }
        ids.add(component.id);
      });
    }
    if (definition.correctResponsesPattern !== undefined && type === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['correctResponsesPattern'],
        message: 'is only allowed with an interactionType',
      });
    }
  });
export type XapiActivityDefinition = z.infer<typeof XapiActivityDefinition>;

/** An Activity; `objectType` may be left out, and then means Activity (Data 2.4.4). */
export const XapiActivity = z.strictObject({
  objectType: z.literal('Activity').optional(),
  id: XapiIri,
  definition: XapiActivityDefinition.optional(),
});
export type XapiActivity = z.infer<typeof XapiActivity>;
