import { buildApp } from '../../app/app.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { systemClock } from '../../platform/clock.js';
import type { Command } from '../command.js';
import { configFrom } from '../runtime.js';
import { afterServeStarted, beforeServe } from '../serve-hooks.js';

export const serveCommand: Command = {
  name: ['serve'],
  summary: 'Run the Satchel server (migrates, seeds the demo into an empty database, serves the web app)',
  usage: 'satchel serve [--no-demo]',
  help: [
    'Environment:',
    '  PORT           port to listen on (default 8080; 0 picks a free port)',
    '  HOST           address to bind (default 0.0.0.0)',
    '  SATCHEL_DATA   data folder for the SQLite file and content (default ./data)',
    '  DATABASE_URL   postgres://… to run on PostgreSQL instead of SQLite',
    'Options:',
    '  --no-demo      do not seed the demo programme into an empty database',
  ].join('\n'),
  options: { 'no-demo': { type: 'boolean' } },
  async run({ values }, io) {
    const config = configFrom(io);
    const handle = await openDatabase(config);
    const { applied } = await migrateToLatest(handle.db);
    if (applied.length > 0) io.out(`Database migrated (${applied.join(', ')}).\n`);
    const built = await buildApp({ handle, config, clock: systemClock });
    const seeded = await beforeServe(built.services, io, { seedDemo: values['no-demo'] !== true });
    await built.app.listen({ port: config.port, host: config.host });
    const address = built.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    io.out(`\nSatchel is running at ${url}  (database: ${handle.engine}, ${handle.location})\n`);
    afterServeStarted(io, url, seeded);
    const stop = (): void => {
      io.out('\nStopping…\n');
      void built.app.close().then(() => handle.destroy()).then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Keep running until a signal arrives.
    await new Promise<never>(() => undefined);
    return 0;
  },
};
