import type { AreaCatalogue } from '../area.js';
import type { enAdmin } from './en.js';

export const esAdmin: AreaCatalogue<typeof enAdmin> = {};
