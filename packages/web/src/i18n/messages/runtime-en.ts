// What a learner's browser downloads for this language at start: the shared and learner
// messages. Staff messages (author, admin) come in their own chunk, loaded with staff pages.
import { enBase } from './base/en.js';
import { enLearner } from './learner/en.js';
import { enDownloads } from './downloads/en.js';
import { enOffline } from './offline/en.js';

export const messages = { ...enBase, ...enLearner, ...enDownloads, ...enOffline };
