// What a learner's browser downloads for this language at start: the shared and learner
// messages. Staff messages (author, admin) come in their own chunk, loaded with staff pages.
import { ptBase } from './base/pt.js';
import { ptLearner } from './learner/pt.js';
import { ptDownloads } from './downloads/pt.js';
import { ptOffline } from './offline/pt.js';

export const messages = { ...ptBase, ...ptLearner, ...ptDownloads, ...ptOffline };
