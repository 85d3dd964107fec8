import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isUuid } from '@satchel/core';
import type { Services } from '../../app/services.js';
import { exportCoursePackage } from '../../course-packages/package-export.js';
import { importCoursePackage } from '../../course-packages/package-import.js';
import {
  directorySource,
  PackageSourceError,
  zipFileSource,
  type PackageSource,
} from '../../course-packages/package-source.js';
import type { PackageProblem } from '../../course-packages/package-validate.js';
import { AppError } from '../../http/errors.js';
import { CliError, UsageError, requireString, type Command, type CommandIo } from '../command.js';
import { ProgressBar } from '../progress.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

// `satchel course import` and `satchel course export`: course packages (docs/course-package.md).

async function openSource(path: string, mediaDirs: string[]): Promise<PackageSource> {
  if (!existsSync(path)) throw new CliError(`${path} does not exist`);
  try {
    if (statSync(path).isDirectory()) return await directorySource(path, mediaDirs);
    if (mediaDirs.length > 0) throw new UsageError('--media applies to a package folder, not to a zip');
    return await zipFileSource(path);
  } catch (err) {
    if (err instanceof PackageSourceError) throw new CliError(err.message);
    throw err;
  }
}

/** A package's problems one per line, so an author can fix them all in one pass. */
function reportProblems(io: CommandIo, err: AppError): void {
  const problems = (err.details?.problems ?? []) as PackageProblem[];
  io.err(`satchel course import: ${err.message}\n`);
  for (const p of problems) io.err(`  ${p.at}: ${p.message}${p.rule ? ` (rule: ${p.rule})` : ''}\n`);
}

export const courseImportCommand: Command = {
  name: ['course', 'import'],
  summary: 'Import a course package (a folder or a .zip) into a platform',
  usage: 'satchel course import DIR|ZIP --tenant SLUG [--publish] [--media DIR] [--json]',
  help: [
    'Reads a course package (course.json and its files; see docs/course-package.md), checks all of it,',
    'stores its files and creates the course. Nothing is created when any check fails.',
    'Options:',
    '  --tenant SLUG   the platform to import into',
    '  --publish       publish version 1 at once (by default the course stays a draft for review)',
    '  --media DIR     another folder to look for the files course.json names (repeatable)',
    '  --json          print the result as JSON (errors too)',
    'Example:',
    '  satchel course import ./handwashing.zip --tenant youth --publish',
  ].join('\n'),
  options: {
    tenant: { type: 'string' },
    publish: { type: 'boolean' },
    media: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one package folder or zip file');
    const slug = requireString(values, 'tenant');
    const rawMedia: unknown = values.media;
    const media = Array.isArray(rawMedia) ? rawMedia.filter((m): m is string => typeof m === 'string') : [];
    const source = await openSource(
      resolve(positionals[0]!),
      media.map((m) => resolve(m)),
    );
    try {
      return await withServices(io, async (services) => {
        const tenant = await tenantOrFail(services, slug);
        let bar: ProgressBar | null = null;
        try {
          const result = await importCoursePackage(services, tenant.id, source, {
            actorId: null,
            publish: values.publish === true,
            onProgress: (done, total) => {
              bar ??= new ProgressBar(io, 'Storing files', total);
              bar.update(done);
            },
          });
          (bar as ProgressBar | null)?.finish();
          if (values.json) io.out(`${JSON.stringify(result)}\n`);
          else {
            const state = result.published
              ? `published as version ${result.published.version}`
              : 'saved as a draft (publish it in the course editor)';
            io.out(
              `Imported "${result.title}" (${result.language}, ${result.lessons} lessons, ${result.files} files) into /t/${tenant.slug}/: ${state}.\n`,
            );
            io.out(`Course id: ${result.courseId}\n`);
          }
          return 0;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          if (values.json)
            io.out(
              `${JSON.stringify({ error: { code: err.code, message: err.message, details: err.details ?? {} } })}\n`,
            );
          if (err.code === 'package_invalid') reportProblems(io, err);
          else io.err(`satchel course import: ${err.message} (${err.code})\n`);
          return 1;
        }
      });
    } finally {
      await source.close?.();
    }
  },
};

/** A course by id, or by its exact title when that names one course. */
async function findCourse(services: Services, tenantId: string, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  const matches = (
    await services.courses.list(tenantId, { q: ref, includeArchived: true, page: 1, pageSize: 200 })
  ).items.filter((c) => c.title === ref);
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) throw new CliError(`there is no course titled "${ref}" on this platform`);
  throw new CliError(
    `several courses are titled "${ref}": give the course id (${matches.map((m) => m.id).join(', ')})`,
  );
}

export const courseExportCommand: Command = {
  name: ['course', 'export'],
  summary: 'Export a published course version as a course package zip',
  usage:
    'satchel course export --tenant SLUG --course ID|TITLE [--version N] --out FILE.zip [--force] [--json]',
  help: [
    'Writes the course package of a published version: course.json and every file it needs.',
    '`satchel course import` reads it back, on this platform or another.',
    'Options:',
    '  --tenant SLUG      the platform the course is on',
    '  --course ID        the course id (or its exact title)',
    '  --version N        the published version to export (default: the latest)',
    '  --out FILE.zip     where to write the package',
    '  --force            replace FILE.zip if it exists',
    '  --json             print the result as JSON',
    'Example:',
    '  satchel course export --tenant youth --course "Numbers 1 to 10" --out numbers.zip',
  ].join('\n'),
  options: {
    tenant: { type: 'string' },
    course: { type: 'string' },
    version: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const slug = requireString(values, 'tenant');
    const courseRef = requireString(values, 'course');
    const out = resolve(requireString(values, 'out'));
    let version: number | undefined;
    if (values.version !== undefined) {
      version = Number(values.version);
      if (!Number.isInteger(version) || version < 1)
        throw new UsageError('--version must be a whole number from 1');
    }
    if (existsSync(out) && values.force !== true)
      throw new CliError(`${out} exists; choose another name or add --force`);
    return withServices(io, async (services) => {
      const tenant = await tenantOrFail(services, slug);
      const courseId = await findCourse(services, tenant.id, courseRef);
      const result = await exportCoursePackage(services, tenant.id, courseId, {
        out,
        ...(version === undefined ? {} : { version }),
      });
      if (values.json) io.out(`${JSON.stringify(result)}\n`);
      else
        io.out(
          `Exported version ${result.version} of course ${result.courseId} (${result.files} files, ${result.bytes} bytes) to ${result.path}.\n`,
        );
      return 0;
    });
  },
};
