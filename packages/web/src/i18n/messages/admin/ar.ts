import type { AreaCatalogue } from '../area.js';
import type { enAdmin } from './en.js';

export const arAdmin: AreaCatalogue<typeof enAdmin> = {};
