import { AppError } from '../../http/errors.js';
import { human } from '../../mirror/disk-space.js';
import { runMirror, type MirrorResult } from '../../mirror/mirror.client.js';
import { upstreamFromLink } from '../../mirror/mirror.link.js';
import { MirrorFilter } from '../../mirror/mirror.schema.js';
import { parseRate } from '../../mirror/token-bucket.js';
import { CliError, UsageError, requireString, type Command } from '../command.js';
import { ProgressBar } from '../progress.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

// `satchel mirror`: a hub copies its upstream's published catalog (docs/operations.md).

/** Repeated and/or comma-separated values of a list option. */
function listOption(raw: unknown): string[] | undefined {
  const given = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const words = given
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((w) => w.trim())
    .filter(Boolean);
  return words.length > 0 ? words : undefined;
}

export const mirrorCommand: Command = {
  name: ['mirror'],
  summary: 'Copy the published catalog (or part of it) from the upstream server to this hub',
  usage:
    'satchel mirror --tenant SLUG [--from URL --token TOKEN] [--courses IDS] [--languages TAGS] [--grades CODES] [--limit-rate 200k] [--concurrency N] [--json]',
  help: [
    'Fetches the published course versions this hub lacks, with their files and the catalog rows',
    '(curriculum, categories, paths), from the upstream server. Only missing files are fetched, a few',
    'at a time; each is checked against its SHA-256 before it is stored. An interrupted mirror keeps',
    'what arrived (partial files in <data>/blobs/.mirror) and continues where it stopped when run again.',
    'The disk is checked first: the command refuses to start when the files would not fit.',
    'Options:',
    '  --tenant SLUG         the platform on this hub',
    '  --from URL            the upstream server, e.g. https://learn.example.org; without it, the',
    '                        upstream this hub was registered with (`satchel hub register`) and its credential',
    '  --upstream-tenant S   the platform’s slug upstream, when it differs',
    '  --token TOKEN         an API token of an admin of the platform upstream (sat_…);',
    '                        or set SATCHEL_UPSTREAM_TOKEN, which keeps it out of the shell history',
    '  --courses IDS         only these courses (ids, comma-separated or repeated)',
    '  --languages TAGS      only courses in these languages (e.g. en,fr)',
    '  --grades CODES        only courses tagged with these grades (codes or ids)',
    '  --limit-rate RATE     at most RATE bytes per second in all, e.g. 200k or 1M',
    '  --concurrency N       files fetched at once (default 4)',
    '  --json                print the result as JSON',
    'Example:',
    '  SATCHEL_UPSTREAM_TOKEN=sat_… satchel mirror --tenant youth --from https://learn.example.org --languages ar --limit-rate 200k',
  ].join('\n'),
  options: {
    tenant: { type: 'string' },
    from: { type: 'string' },
    'upstream-tenant': { type: 'string' },
    token: { type: 'string' },
    courses: { type: 'string', multiple: true },
    languages: { type: 'string', multiple: true },
    grades: { type: 'string', multiple: true },
    'limit-rate': { type: 'string' },
    concurrency: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const slug = requireString(values, 'tenant');
    const from = typeof values.from === 'string' ? values.from : null;
    if (from !== null && !/^https?:\/\//.test(from))
      throw new UsageError('--from must be an http:// or https:// URL');
    const token = typeof values.token === 'string' ? values.token : io.env.SATCHEL_UPSTREAM_TOKEN;
    if (from !== null && !token)
      throw new UsageError('with --from, give --token or set SATCHEL_UPSTREAM_TOKEN');
    const filter = MirrorFilter.safeParse({
      courses: listOption(values.courses),
      languages: listOption(values.languages),
      grades: listOption(values.grades),
    });
    if (!filter.success)
      throw new UsageError(
        `bad filter: ${filter.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    let rate: number | undefined;
    if (typeof values['limit-rate'] === 'string') {
      try {
        rate = parseRate(values['limit-rate']);
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
      }
    }
    const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
      throw new UsageError('--concurrency must be a whole number from 1 to 32');
    const upstreamSlug = typeof values['upstream-tenant'] === 'string' ? values['upstream-tenant'] : slug;

    return withServices(io, async (services, _handle, config) => {
      const tenant = await tenantOrFail(services, slug);
      const upstream =
        from === null
          ? await upstreamFromLink(services.sync.service, tenant.id)
          : { baseUrl: from, tenantSlug: upstreamSlug, token: token ?? '' };
      if (!upstream)
        throw new CliError(
          `this server is not registered as a hub of /t/${tenant.slug}/: run \`satchel hub register\` first, or give --from URL and --token`,
        );
      let bar: ProgressBar | null = null;
      let result: MirrorResult;
      try {
        result = await runMirror(
          { tenantId: tenant.id, blobDir: config.blobDir, blobs: services.blobs, mirror: services.mirror },
          upstream,
          {
            filter: filter.data,
            concurrency,
            ...(rate === undefined ? {} : { rateBytesPerSecond: rate }),
            onPlan: (plan) => {
              if (values.json) return;
              io.err(
                `${plan.courses} course(s) upstream, ${plan.newVersions} new here; ${plan.blobs} file(s) to fetch, ${human(plan.bytes)}` +
                  (plan.resumedBytes > 0
                    ? ` (${human(plan.resumedBytes)} already here from an earlier run)`
                    : '') +
                  '\n',
              );
              if (plan.bytes > 0) bar = new ProgressBar(io, 'Fetching files (bytes)', plan.bytes);
            },
            onProgress: (done) => (bar as ProgressBar | null)?.update(done),
          },
        );
        (bar as ProgressBar | null)?.finish();
      } catch (err) {
        if (bar) io.err('\n');
        if (err instanceof AppError) throw new CliError(`${err.message} (${err.code})`);
        throw err;
      }
      if (values.json) io.out(`${JSON.stringify(result)}\n`);
      else
        io.out(
          `Mirrored ${result.applied} new course version(s) into /t/${tenant.slug}/ (${result.blobs} file(s), ${human(result.bytes)}).\n`,
        );
      return 0;
    });
  },
};
