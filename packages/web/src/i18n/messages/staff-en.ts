// Messages only staff pages show, loaded with the first staff page (see i18n.tsx).
import { enAdmin } from './admin/en.js';
import { enAuthor } from './author/en.js';
import { enCinema } from './cinema/en.js';

export const messages = { ...enAuthor, ...enAdmin, ...enCinema };
