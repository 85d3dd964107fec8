// What a learner's browser downloads for this language at start: the shared and learner
// messages. Staff messages (author, admin) come in their own chunk, loaded with staff pages.
import { frBase } from './base/fr.js';
import { frLearner } from './learner/fr.js';
import { frDownloads } from './downloads/fr.js';
import { frOffline } from './offline/fr.js';

export const messages = { ...frBase, ...frLearner, ...frDownloads, ...frOffline };
