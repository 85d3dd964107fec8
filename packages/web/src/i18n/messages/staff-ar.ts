// Messages only staff pages show, loaded with the first staff page (see i18n.tsx).
import { arAdmin } from './admin/ar.js';
import { arAuthor } from './author/ar.js';
import { arCinema } from './cinema/ar.js';

export const messages = { ...arAuthor, ...arAdmin, ...arCinema };
