import type { Catalogue } from './en.js';
import { frBase } from './base/fr.js';
import { frLearner } from './learner/fr.js';
import { frDownloads } from './downloads/fr.js';
import { frOffline } from './offline/fr.js';
import { frAuthor } from './author/fr.js';
import { frAdmin } from './admin/fr.js';
import { frCinema } from './cinema/fr.js';

export const fr: Catalogue = {
  ...frBase,
  ...frLearner,
  ...frDownloads,
  ...frOffline,
  ...frAuthor,
  ...frAdmin,
  ...frCinema,
};
