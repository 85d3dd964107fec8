// What a learner's browser downloads for this language at start: the shared and learner
// messages. Staff messages (author, admin) come in their own chunk, loaded with staff pages.
import { esBase } from './base/es.js';
import { esLearner } from './learner/es.js';
import { esDownloads } from './downloads/es.js';
import { esOffline } from './offline/es.js';

export const messages = { ...esBase, ...esLearner, ...esDownloads, ...esOffline };
