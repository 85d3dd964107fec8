import { demoLoginLines } from '../../demo/demo-data.js';
import { seedDemo } from '../../demo/seed.js';
import type { Command } from '../command.js';
import { ProgressBar } from '../progress.js';
import { withServices } from '../runtime.js';

export const seedDemoCommand: Command = {
  name: ['seed-demo'],
  summary: 'Fill the database with the demo programme (two platforms, courses, people, learning records)',
  usage: 'satchel seed-demo [--json]',
  help: [
    'Creates the "learners" (youth) and "educators" platforms with a curriculum, eight courses in',
    'English, French and Arabic, users in every role, classes, enrolments and some learning already',
    'recorded, then prints the demo logins. Does nothing when the demo is already there.',
    '`satchel serve` does the same by itself when the database has no platform yet.',
    'Options:',
    '  --json   print the outcome as JSON',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  async run({ values }, io) {
    return withServices(io, async (services, _handle, config) => {
      let bar: ProgressBar | null = null;
      const outcome = await seedDemo(services, {
        onStep: (_label, done, total) => {
          bar ??= new ProgressBar(io, 'Seeding the demo', total);
          bar.update(done);
        },
      });
      (bar as ProgressBar | null)?.finish();
      if (values.json) {
        io.out(`${JSON.stringify(outcome)}\n`);
        return 0;
      }
      if (!outcome.seeded) {
        io.out(`${outcome.reason}\n`);
        return 0;
      }
      io.out(
        `Seeded the demo: ${outcome.tenants.length} platforms, ${outcome.courses} courses, ${outcome.users} people, ${outcome.statements} learning records.\n`,
      );
      const url = `http://localhost:${config.port}`;
      for (const line of demoLoginLines()) io.out(`${line.replaceAll('{url}', url)}\n`);
      io.out('\nStart the server with: satchel serve\n');
      return 0;
    });
  },
};
