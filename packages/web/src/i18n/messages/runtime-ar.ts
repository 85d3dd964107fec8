// What a learner's browser downloads for this language at start: the shared and learner
// messages. Staff messages (author, admin) come in their own chunk, loaded with staff pages.
import { arBase } from './base/ar.js';
import { arLearner } from './learner/ar.js';

export const messages = { ...arBase, ...arLearner };
