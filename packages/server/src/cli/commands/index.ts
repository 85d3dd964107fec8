import type { Command } from '../command.js';
import { cinemaPackCommand } from './cinema.js';
import { mirrorCommand } from './mirror.js';
import { bundleExportCommand, bundleImportCommand, bundleKeyCommand, bundleTrustCommand } from './bundle.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { tenantCreateCommand } from './tenant.js';
import { lrsCredentialsCreateCommand } from './lrs-credentials.js';
import { userAddCommand } from './user.js';
import { usersImportCommand } from './users-import.js';
import { courseExportCommand, courseImportCommand } from './course.js';
import { seedDemoCommand } from './demo.js';
import { courseImportCcCommand } from './common-cartridge.js';
import { courseImportScormCommand } from './scorm.js';
import { hubRegisterCommand, syncCommand } from './sync.js';

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
  courseImportCcCommand,
  courseImportScormCommand,
  mirrorCommand,
  bundleExportCommand,
  bundleImportCommand,
  bundleKeyCommand,
  bundleTrustCommand,
  hubRegisterCommand,
  syncCommand,
  cinemaPackCommand,
];
