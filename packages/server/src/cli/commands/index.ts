import type { Command } from '../command.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { tenantCreateCommand } from './tenant.js';

/** Every CLI command. Add one line per command. */
export const commands: Command[] = [serveCommand, migrateCommand, tenantCreateCommand];
