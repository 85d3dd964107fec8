import type { AreaCatalogue } from '../area.js';
import type { enAdmin } from './en.js';

export const frAdmin: AreaCatalogue<typeof enAdmin> = {};
