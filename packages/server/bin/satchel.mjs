#!/usr/bin/env node
// The `satchel` command. Runs the compiled CLI; `npm start` and `npm run build` compile it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'satchel: not built yet. Run `npm run build` (or `npm start`) in the repository first.\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
