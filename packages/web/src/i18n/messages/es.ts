import type { Catalogue } from './en.js';
import { esBase } from './base/es.js';
import { esLearner } from './learner/es.js';
import { esDownloads } from './downloads/es.js';
import { esOffline } from './offline/es.js';
import { esAuthor } from './author/es.js';
import { esAdmin } from './admin/es.js';
import { esCinema } from './cinema/es.js';

export const es: Catalogue = {
  ...esBase,
  ...esLearner,
  ...esDownloads,
  ...esOffline,
  ...esAuthor,
  ...esAdmin,
  ...esCinema,
};
