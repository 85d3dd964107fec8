// Installs what is missing, with nothing but Node: runs before `npm start` and `npm test`
// so a fresh clone needs no other step.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(`${root}package.json`);
const REQUIRED = [
  'fastify',
  'kysely',
  'better-sqlite3',
  'pg',
  'zod',
  'preact',
  'vite',
  'vitest',
  'typescript',
  'playwright-core',
  'fflate',
];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      `\n${cmd} ${args.join(' ')} failed (exit ${result.status}). Fix the error above and run the command again.`,
    );
    process.exit(result.status ?? 1);
  }
}

// Looks for the package folder itself: `require.resolve('x/package.json')` throws for packages whose
// "exports" leave package.json out (kysely), which made every start run npm install, and fail offline.
function missing() {
  return REQUIRED.filter(
    (name) => !(require.resolve.paths(name) ?? []).some((dir) => existsSync(join(dir, name, 'package.json'))),
  );
}

function lockNewerThanInstall() {
  const lock = `${root}package-lock.json`;
  const installed = `${root}node_modules/.package-lock.json`;
  if (!existsSync(installed)) return true;
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000;
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`Satchel needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}

const absent = missing();
if (absent.length > 0 || lockNewerThanInstall()) {
  console.log(
    absent.length > 0 ? `Installing dependencies (missing: ${absent.join(', ')})…` : 'Updating dependencies…',
  );
  console.log('The first install compiles the SQLite driver from source and can take a few minutes.');
  run(npm, ['install', '--no-audit', '--no-fund']);
}

// A native module built for another Node version fails to load: rebuild it for this one.
const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
  cwd: root,
  encoding: 'utf8',
});
if (probe.status !== 0) {
  console.log('Rebuilding the SQLite driver for this Node.js version…');
  run(npm, ['rebuild', 'better-sqlite3']);
}
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
if (process.env.npm_lifecycle_event === 'prestart')
  console.log(`Satchel ${pkg.version}: dependencies ready.`);
