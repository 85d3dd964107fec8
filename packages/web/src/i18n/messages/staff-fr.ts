// Messages only staff pages show, loaded with the first staff page (see i18n.tsx).
import { frAdmin } from './admin/fr.js';
import { frAuthor } from './author/fr.js';
import { frCinema } from './cinema/fr.js';

export const messages = { ...frAuthor, ...frAdmin, ...frCinema };
