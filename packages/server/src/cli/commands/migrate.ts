import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Command } from '../command.js';
import { configFrom } from '../runtime.js';

export const migrateCommand: Command = {
  name: ['migrate'],
  summary: 'Apply pending database migrations',
  usage: 'satchel migrate',
  help: 'Applies every pending migration in order. Refuses a database whose migration history differs from this version of Satchel.',
  options: {},
  async run(_args, io) {
    const config = configFrom(io);
    const handle = await openDatabase(config);
    try {
      const { applied } = await migrateToLatest(handle.db);
      io.out(
        applied.length === 0
          ? `Already up to date (${handle.location}).\n`
          : `Applied ${applied.join(', ')} to ${handle.location}.\n`,
      );
      return 0;
    } finally {
      await handle.destroy();
    }
  },
};
