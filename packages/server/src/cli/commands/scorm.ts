import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isUuid, type ScormImportQuery } from '@satchel/core';
import { openFileSource } from '../../content/zip-source.js';
import { AppError } from '../../http/errors.js';
import { CliError, UsageError, requireString, type Command } from '../command.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

// `satchel course import-scorm`: a SCORM 1.2 / 2004 package as one scorm lesson (docs/decisions/0008-scorm-packages.md).

export const courseImportScormCommand: Command = {
  name: ['course', 'import-scorm'],
  summary: 'Import a SCORM 1.2 or 2004 package (.zip) as a lesson: of a new course draft, or of a draft',
  usage:
    'satchel course import-scorm FILE.zip --tenant SLUG [--course ID] [--title TITLE] [--language TAG] [--json]',
  help: [
    'Reads imsmanifest.xml (SCORM 1.2, SCORM 2004 3rd or 4th edition), checks the package (every launched',
    'file present, no path out of the package, no other standard’s package), stores its files and adds one',
    'scorm lesson that plays the whole package with its own table of contents. Nothing is created when the',
    'package is refused; the message names the file and the rule.',
    'Options:',
    '  --tenant SLUG     the platform to import into',
    '  --course ID       add the lesson to this course’s draft (by default a new course draft is made)',
    '  --title TITLE     the lesson’s (and new course’s) title; the manifest’s organisation title by default',
    '  --language TAG    the new course’s language (default en)',
    '  --json            print the result as JSON (errors too)',
    'Example:',
    '  satchel course import-scorm ./safety-induction.zip --tenant youth',
  ].join('\n'),
  options: {
    tenant: { type: 'string' },
    course: { type: 'string' },
    title: { type: 'string' },
    language: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one SCORM zip file');
    const slug = requireString(values, 'tenant');
    const file = resolve(positionals[0]!);
    if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${file} is not a file`);
    const query: ScormImportQuery = {};
    if (typeof values.course === 'string') {
      if (!isUuid(values.course)) throw new UsageError('--course takes a course id');
      query.courseId = values.course;
    }
    if (typeof values.title === 'string') query.title = values.title;
    if (typeof values.language === 'string') query.language = values.language;
    return withServices(io, async (services) => {
      const tenant = await tenantOrFail(services, slug);
      const source = await openFileSource(file);
      try {
        const result = await services.scorm.importZip(tenant.id, null, source, query);
        if (values.json) io.out(`${JSON.stringify(result)}\n`);
        else {
          io.out(
            `Imported SCORM ${result.version} "${result.title}" (${result.launchable} items, ${result.files} files) into /t/${tenant.slug}/ as a draft (publish it in the course editor).\n`,
          );
          io.out(`Course id: ${result.courseId}\nLesson id: ${result.lessonId}\n`);
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
        io.err(`satchel course import-scorm: ${err.message} (${why || err.code})\n`);
        return 1;
      } finally {
        await source.close();
      }
    });
  },
};
