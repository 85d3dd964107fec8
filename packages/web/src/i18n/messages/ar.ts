import type { Catalogue } from './en.js';
import { arBase } from './base/ar.js';
import { arLearner } from './learner/ar.js';
import { arDownloads } from './downloads/ar.js';
import { arOffline } from './offline/ar.js';
import { arAuthor } from './author/ar.js';
import { arAdmin } from './admin/ar.js';
import { arCinema } from './cinema/ar.js';

export const ar: Catalogue = {
  ...arBase,
  ...arLearner,
  ...arDownloads,
  ...arOffline,
  ...arAuthor,
  ...arAdmin,
  ...arCinema,
};
