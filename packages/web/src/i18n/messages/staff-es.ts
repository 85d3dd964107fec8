// Messages only staff pages show, loaded with the first staff page (see i18n.tsx).
import { esAdmin } from './admin/es.js';
import { esAuthor } from './author/es.js';
import { esCinema } from './cinema/es.js';

export const messages = { ...esAuthor, ...esAdmin, ...esCinema };
