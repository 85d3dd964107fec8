// Messages only staff pages show, loaded with the first staff page (see i18n.tsx).
import { ptAdmin } from './admin/pt.js';
import { ptAuthor } from './author/pt.js';
import { ptCinema } from './cinema/pt.js';

export const messages = { ...ptAuthor, ...ptAdmin, ...ptCinema };
