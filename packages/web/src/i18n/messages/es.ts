import type { Catalogue } from './en.js';
import { esBase } from './base/es.js';
import { esLearner } from './learner/es.js';
import { esAuthor } from './author/es.js';
import { esAdmin } from './admin/es.js';

export const es: Catalogue = { ...esBase, ...esLearner, ...esAuthor, ...esAdmin };
