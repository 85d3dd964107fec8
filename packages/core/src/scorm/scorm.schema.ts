import { z } from 'zod';

// What a published `scorm` lesson carries about its package, read from imsmanifest.xml
// at import time: the edition, and the default organisation's items in document order
// (a table of contents flattened with depths). Items that launch something name the
// path of their resource inside the package (xml:base applied, parameters appended).

/** SCORM 1.2, SCORM 2004 3rd edition, SCORM 2004 4th edition. */
export const ScormVersion = z.enum(['1.2', '2004-3', '2004-4']);
export type ScormVersion = z.infer<typeof ScormVersion>;

export const ScormItem = z.object({
  /** The item's identifier in the manifest: the key of its runtime data. */
  id: z.string().min(1).max(300),
  title: z.string().max(500),
  /** 0 for the organisation's top-level items. */
  depth: z.number().int().min(0).max(50),
  /** Path (and query) of the page it launches, relative to the package; null for a folder of items. */
  href: z.string().min(1).max(2000).nullable(),
  /** `sco` talks to the runtime API; an `asset` is only shown (and counts as done once shown). */
  type: z.enum(['sco', 'asset']).nullable(),
  /** `isvisible="false"` items are launched by flow but left out of the table of contents. */
  visible: z.boolean().default(true),
  /** SCORM 1.2 adlcp:masteryscore, 0..100. */
  masteryScore: z.number().min(0).max(100).optional(),
  /** SCORM 2004 imsss:minNormalizedMeasure with satisfiedByMeasure, -1..1. */
  scaledPassingScore: z.number().min(-1).max(1).optional(),
  /** adlcp:datafromlms / adlcp:dataFromLMS, given to the SCO as cmi.launch_data. */
  launchData: z.string().max(4096).optional(),
});
export type ScormItem = z.infer<typeof ScormItem>;

export const ScormPackageInfo = z.object({
  version: ScormVersion,
  /** The default organisation's title. */
  title: z.string().max(500),
  items: z.array(ScormItem).min(1).max(2000),
  /** imsss:controlMode of the organisation: learners may pick any item from the table of contents. */
  choice: z.boolean().default(true),
  /** Previous/next move through launchable items in document order. */
  flow: z.boolean().default(true),
});
export type ScormPackageInfo = z.infer<typeof ScormPackageInfo>;
