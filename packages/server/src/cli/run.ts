// Entry for running the CLI from source in development: `npx tsx packages/server/src/cli/run.ts serve`.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
