/**
 * English, the source catalogue. Messages live in one file per area and locale
 * (base/, learner/, author/, admin/), so several people can add messages at once;
 * every other locale must have exactly the same keys and placeholders (the type
 * AreaCatalogue and catalogues.test.ts check it). See base/en.ts for the syntax.
 */
import { enBase } from './base/en.js';
import { enLearner } from './learner/en.js';
import { enDownloads } from './downloads/en.js';
import { enOffline } from './offline/en.js';
import { enAuthor } from './author/en.js';
import { enAdmin } from './admin/en.js';
import { enCinema } from './cinema/en.js';

export const en = {
  ...enBase,
  ...enLearner,
  ...enDownloads,
  ...enOffline,
  ...enAuthor,
  ...enAdmin,
  ...enCinema,
};

export type MessageKey = keyof typeof en;
export type Catalogue = { readonly [Key in MessageKey]: string };
