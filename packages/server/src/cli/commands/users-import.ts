import { readFileSync, statSync } from 'node:fs';
import type { ImportReport } from '@satchel/core';
import type { ImportPhase } from '../../users/users-import.service.js';
import { CliError, UsageError, requireString, type Command, type CommandIo } from '../command.js';
import { ProgressBar } from '../progress.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const usersImportCommand: Command = {
  name: ['users', 'import'],
  summary: 'Import users (and their classes) from a OneRoster-like CSV file',
  usage: 'satchel users import FILE.csv --tenant SLUG [--dry-run] [--json]',
  help: [
    'Columns (header row required, any order; only username and role are required):',
    '  sourcedId,username,givenName,familyName,role,password,pin,email,phone,grades,classCode,sex,birthYear,region,disability',
    '  role: learner, educator, facilitator, author, admin (or OneRoster student, teacher, administrator)',
    '  classCode: creates the class if needed and puts the user in it (several: separate with ;)',
    'All or nothing: if any row has an error, nothing is imported and every error is listed (exit code 1).',
    'Existing users (same sourcedId, else same username) are updated; empty cells keep what is stored.',
    'Options:',
    '  --tenant SLUG   the platform to import into',
    '  --dry-run       check the file and report what would happen, without importing',
    '  --json          print the report as JSON',
    'Example:',
    '  satchel users import roster.csv --tenant youth --dry-run',
  ].join('\n'),
  options: { tenant: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one CSV file');
    const file = positionals[0]!;
    const slug = requireString(values, 'tenant');
    const bytes = readRoster(file);
    const dryRun = values['dry-run'] === true;
    return withServices(io, async (services) => {
      const tenant = await tenantOrFail(services, slug);
      const bars = new Map<ImportPhase, ProgressBar>();
      const report = await services.userImport.importCsv(tenant.id, bytes, {
        dryRun,
        onProgress: (phase, done, total) => {
          let bar = bars.get(phase);
          if (!bar) {
            for (const previous of bars.values()) previous.finish();
            bar = new ProgressBar(io, phase === 'hashing' ? 'Hashing passwords' : 'Writing users', total);
            bars.set(phase, bar);
          }
          bar.update(done);
        },
      });
      for (const bar of bars.values()) bar.finish();
      printReport(io, report, file, values.json === true);
      return report.errorCount > 0 ? 1 : 0;
    });
  },
};

function readRoster(file: string): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliError(`cannot read ${file}: no such file`);
  }
  if (size > MAX_FILE_BYTES)
    throw new CliError(
      `${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it into smaller files`,
    );
  try {
    return readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function printReport(io: CommandIo, report: ImportReport, file: string, json: boolean): void {
  if (json) {
    io.out(`${JSON.stringify(report)}\n`);
    return;
  }
  const what = `${report.created} to create, ${report.updated} to update, ${report.classesCreated} new class(es)`;
  if (report.errorCount > 0) {
    io.out(`${file}: ${report.rows} row(s), ${report.errorCount} error(s). Nothing was imported.\n`);
    for (const e of report.errors)
      io.out(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message} (${e.code})\n`);
    if (report.errorCount > report.errors.length)
      io.out(`  … and ${report.errorCount - report.errors.length} more\n`);
  } else if (report.dryRun) {
    io.out(`${file}: ${report.rows} row(s), no errors (dry run): ${what}. Nothing was imported.\n`);
  } else {
    io.out(
      `${file}: imported ${report.rows} row(s): ${report.created} created, ${report.updated} updated, ${report.classesCreated} new class(es).\n`,
    );
  }
  if (report.ignoredColumns.length > 0)
    io.out(`Ignored columns (not known to Satchel): ${report.ignoredColumns.join(', ')}\n`);
}
