import type { Catalogue } from './en.js';
import { ptBase } from './base/pt.js';
import { ptLearner } from './learner/pt.js';
import { ptAuthor } from './author/pt.js';
import { ptAdmin } from './admin/pt.js';

export const pt: Catalogue = { ...ptBase, ...ptLearner, ...ptAuthor, ...ptAdmin };
