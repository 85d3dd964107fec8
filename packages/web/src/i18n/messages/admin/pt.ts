import type { AreaCatalogue } from '../area.js';
import type { enAdmin } from './en.js';

export const ptAdmin: AreaCatalogue<typeof enAdmin> = {};
