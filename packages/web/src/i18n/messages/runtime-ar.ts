// What a learner's browser downloads for this language at start: the shared and learner
// messages. Staff messages (author, admin) come in their own chunk, loaded with staff pages.
import { arBase } from './base/ar.js';
import { arLearner } from './learner/ar.js';
import { arDownloads } from './downloads/ar.js';
import { arOffline } from './offline/ar.js';

export const messages = { ...arBase, ...arLearner, ...arDownloads, ...arOffline };
