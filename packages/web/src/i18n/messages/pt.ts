import type { Catalogue } from './en.js';
import { ptBase } from './base/pt.js';
import { ptLearner } from './learner/pt.js';
import { ptDownloads } from './downloads/pt.js';
import { ptOffline } from './offline/pt.js';
import { ptAuthor } from './author/pt.js';
import { ptAdmin } from './admin/pt.js';
import { ptCinema } from './cinema/pt.js';

export const pt: Catalogue = {
  ...ptBase,
  ...ptLearner,
  ...ptDownloads,
  ...ptOffline,
  ...ptAuthor,
  ...ptAdmin,
  ...ptCinema,
};
