import type { Command } from '../command.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { tenantCreateCommand } from './tenant.js';
import { lrsCredentialsCreateCommand } from './lrs-credentials.js';
import { userAddCommand } from './user.js';
import { usersImportCommand } from './users-import.js';
import { courseExportCommand, courseImportCommand } from './course.js';
import { seedDemoCommand } from './demo.js';

/** Every CLI command. Add one line per command. */
export const commands: Command[] = [
  serveCommand,
  migrateCommand,
  tenantCreateCommand,
  userAddCommand,
  usersImportCommand,
  lrsCredentialsCreateCommand,
  seedDemoCommand,
  courseImportCommand,
  courseExportCommand,
];
