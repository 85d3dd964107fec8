import type { Catalogue } from './en.js';
import { frBase } from './base/fr.js';
import { frLearner } from './learner/fr.js';
import { frAuthor } from './author/fr.js';
import { frAdmin } from './admin/fr.js';

export const fr: Catalogue = { ...frBase, ...frLearner, ...frAuthor, ...frAdmin };
