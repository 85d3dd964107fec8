import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { CourseImportReport } from '@satchel/core';
import { AppError } from '../../http/errors.js';
import { CliError, UsageError, requireString, type Command, type CommandIo } from '../command.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

// `satchel course import-cc`: an IMS Common Cartridge (Moodle, Canvas…) as a course draft.

function printReport(io: CommandIo, report: CourseImportReport): void {
  const s = report.summary;
  io.out(
    `Common Cartridge ${report.version}${report.generator ? ` (${report.generator})` : ''}: ${s.modules} modules, ${s.lessons} lessons, ${s.quizzes} quizzes with ${s.questions} questions, ${s.files} files.\n`,
  );
  if (report.items.length === 0) {
    io.out('Everything in the cartridge was imported.\n');
    return;
  }
  io.out(
    `Import report (${report.items.length} items; the author can read it again in the course editor):\n`,
  );
  for (const item of report.items) {
    const file = item.file ? ` [${item.file}]` : '';
    io.out(
      `  ${item.severity === 'skipped' ? 'not imported' : 'changed     '}  ${item.kind} "${item.title}" in ${item.where}${file}: ${item.reason}\n`,
    );
  }
}

export const courseImportCcCommand: Command = {
  name: ['course', 'import-cc'],
  summary: 'Import an IMS Common Cartridge (.imscc, as Moodle and Canvas export) as a course draft',
  usage: 'satchel course import-cc FILE --tenant SLUG [--json]',
  help: [
    'Reads a Common Cartridge 1.0-1.3: its modules become the course structure, pages and files become',
    'lessons, web links link lessons, QTI assessments quizzes. What cannot be imported (discussion topics,',
    'LTI links, unsupported question types, missing files) is listed in the import report, printed here and',
    'kept with the course draft. Nothing is created when the cartridge is refused.',
    'Options:',
    '  --tenant SLUG   the platform to import into',
    '  --json          print the result (with the report) as JSON, errors too',
    'Example:',
    '  satchel course import-cc ./biology-101.imscc --tenant youth',
  ].join('\n'),
  options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one cartridge file');
    const slug = requireString(values, 'tenant');
    const file = resolve(positionals[0]!);
    if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${file} is not a file`);
    return withServices(io, async (services) => {
      const tenant = await tenantOrFail(services, slug);
      try {
        const result = await services.cartridges.importFile(tenant.id, null, file, basename(file));
        if (values.json) io.out(`${JSON.stringify(result)}\n`);
        else {
          io.out(
            `Imported "${result.title}" (${result.language}) into /t/${tenant.slug}/ as a draft (publish it in the course editor).\n`,
          );
          io.out(`Course id: ${result.courseId}\n`);
          printReport(io, result.report);
        }
        return 0;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (values.json)
          io.out(
            `${JSON.stringify({ error: { code: err.code, message: err.message, details: err.details ?? {} } })}\n`,
          );
        const where = err.details?.file ?? err.details?.entry;
        const rule = err.details?.rule;
        const why = [
          typeof where === 'string' ? `file: ${where}` : '',
          typeof rule === 'string' ? `rule: ${rule}` : '',
        ]
          .filter(Boolean)
          .join(', ');
        io.err(`satchel course import-cc: ${err.message} (${why || err.code})\n`);
        return 1;
      }
    });
  },
};
