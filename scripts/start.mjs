// `npm start`: build what changed, then run `satchel serve` (migrate, seed the demo, serve).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

console.log('Building Satchel…');
for (const script of ['build:server', 'build:web']) {
  const result = spawnSync(npm, ['run', '--silent', script], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error(`\nThe build step "${script}" failed; see the messages above.`);
    process.exit(result.status ?? 1);
  }
}

const child = spawn(
  process.execPath,
  ['packages/server/bin/satchel.mjs', 'serve', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
