import { buildApp } from '../../app/app.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { systemClock } from '../../platform/clock.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, type Command, type CommandIo } from '../command.js';
import { configFrom } from '../runtime.js';
import { afterServeStarted, beforeServe } from '../serve-hooks.js';

/**
 * Seeds the demo in a separate process, so the server never carries the seed's garbage
 * (hashing, media staging): a hub on a small box keeps its memory for learners.
 */
async function seedInChildProcess(io: CommandIo): Promise<void> {
  const bin = fileURLToPath(new URL('../../../bin/satchel.mjs', import.meta.url));
  const built = fileURLToPath(new URL('../main.js', import.meta.url));
  // Running from source (tests, tsx) there is no compiled CLI to start: beforeServe seeds in-process.
  if (!built.endsWith('.js') || !existsSync(bin) || !existsSync(built)) return;
  io.out('The database is empty: seeding the demo programme (start with --no-demo to skip this).\n');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [bin, 'seed-demo'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: io.env,
    });
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0)
    throw new CliError(`seeding the demo failed (exit code ${String(code)}); see the messages above`);
}

function syncIntervalMs(raw: string | undefined): number {
  const seconds = Number(raw ?? '300');
  return Number.isFinite(seconds) && seconds >= 5 ? seconds * 1000 : 300_000;
}

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
    '  SATCHEL_SYNC_INTERVAL  seconds between syncs with the upstream, on a hub (default 300)',
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
    if (values['no-demo'] !== true && (await built.services.tenants.list()).length === 0) {
      await seedInChildProcess(io);
    }
    const seeded = await beforeServe(built.services, io, { seedDemo: values['no-demo'] !== true });
    await built.app.listen({ port: config.port, host: config.host });
    const address = built.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    io.out(`\nSatchel is running at ${url}  (database: ${handle.engine}, ${handle.location})\n`);
    afterServeStarted(io, url, seeded);
    // A hub syncs with its upstream whenever it can: now, then on an interval (sync/README.md).
    built.services.sync.client.start(syncIntervalMs(io.env.SATCHEL_SYNC_INTERVAL));
    // Statement forwarding to outside LRSs runs in the server process (H6).
    built.services.forwarding.start();
    const stop = (): void => {
      io.out('\nStopping…\n');
      void built.services.forwarding
        .stop()
        .then(() => built.app.close())
        .then(() => handle.destroy())
        .then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Keep running until a signal arrives.
    await new Promise<never>(() => undefined);
    return 0;
  },
};
