import type { Catalogue } from './en.js';
import { arBase } from './base/ar.js';
import { arLearner } from './learner/ar.js';
import { arAuthor } from './author/ar.js';
import { arAdmin } from './admin/ar.js';

export const ar: Catalogue = { ...arBase, ...arLearner, ...arAuthor, ...arAdmin };
