import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BundleError, fingerprint } from '../../bundles/bundle.container.js';
import { AppError } from '../../http/errors.js';
import { CliError, UsageError, requireString, type Command, type CommandIo } from '../command.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

// `satchel bundle export|import|key|trust`: sneakernet between a national server and its
// hubs (docs/operations.md, "USB bundles").

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BundleError) throw new CliError(`${err.message} (${err.code})`);
    if (err instanceof AppError) throw new CliError(`${err.message} (${err.code})`);
    throw err;
  }
}

const step = (io: CommandIo, json: boolean) => (text: string) => {
  if (!json) io.err(`${text}\n`);
};

export const bundleExportCommand: Command = {
  name: ['bundle', 'export'],
  summary: 'Write a signed bundle file of what another server lacks (content, records or both)',
  usage:
    'satchel bundle export --tenant SLUG --to FILE [--content] [--records] [--for PEER] [--force] [--json]',
  help: [
    'Writes everything the peer lacks since the last bundle it sent here (all of it when it never did),',
    'compressed and signed with this server’s key, for carrying on a USB stick.',
    'Options:',
    '  --tenant SLUG   the platform',
    '  --to FILE       where to write the bundle (e.g. /media/usb/youth.satchel)',
    '  --content       published courses and their files (national server → hub)',
    '  --records       learning records, users, classes, enrolments (hub → national, or both ways)',
    '  --for PEER      the server it is for: its instance id, a registered hub’s name, or "upstream"',
    '                  (without it, the bundle holds everything)',
    '  --force         replace FILE if it exists',
    '  --json          print the result as JSON',
    'Example:',
    '  satchel bundle export --tenant youth --content --for school-12 --to /media/usb/youth.satchel',
  ].join('\n'),
  options: {
    tenant: { type: 'string' },
    to: { type: 'string' },
    content: { type: 'boolean' },
    records: { type: 'boolean' },
    for: { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const slug = requireString(values, 'tenant');
    const to = resolve(requireString(values, 'to'));
    if (values.content !== true && values.records !== true)
      throw new UsageError('choose what to export: --content, --records or both');
    if (existsSync(to) && values.force !== true)
      throw new CliError(`${to} exists; choose another name or add --force`);
    const json = values.json === true;
    return withServices(io, (services) =>
      guarded(async () => {
        const tenant = await tenantOrFail(services, slug);
        const result = await services.bundles.exportBundle({
          tenant,
          path: to,
          content: values.content === true,
          records: values.records === true,
          forPeer: typeof values.for === 'string' ? values.for : null,
          onStep: step(io, json),
        });
        if (json) io.out(`${JSON.stringify(result)}\n`);
        else
          io.out(
            `Wrote ${result.path} (${result.bytes} bytes): ${result.courses} course version(s), ${result.files} file(s), ${result.records} record(s)` +
              `${result.forPeer ? ` for ${result.forPeer}` : ''}.\nBundle id: ${result.bundleId}\n`,
          );
        return 0;
      }),
    );
  },
};

export const bundleImportCommand: Command = {
  name: ['bundle', 'import'],
  summary: 'Apply a bundle file made by another server (refused if tampered, truncated or foreign)',
  usage: 'satchel bundle import FILE [--trust PUBLICKEY] [--adopt] [--json]',
  help: [
    'Checks the bundle’s signature and every section’s hash, then stores its files and courses and',
    'applies its records (one transaction per page). Importing the same bundle again does nothing.',
    'Options:',
    '  --trust KEY     trust this public key of the sender (compare its fingerprint with theirs first)',
    '  --adopt         create the bundle’s platform here when it is missing (a new hub set up by USB)',
    '  --json          print the result as JSON',
    'Example:',
    '  satchel bundle import /media/usb/youth.satchel',
  ].join('\n'),
  options: { trust: { type: 'string' }, adopt: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one bundle file');
    const path = resolve(positionals[0]!);
    if (!existsSync(path)) throw new CliError(`${path} does not exist`);
    const json = values.json === true;
    return withServices(io, (services) =>
      guarded(async () => {
        const result = await services.bundles.importBundle({
          path,
          ...(typeof values.trust === 'string' ? { trustKey: values.trust } : {}),
          adopt: values.adopt === true,
          onStep: step(io, json),
        });
        // Progress is projected from the new statements in the background: let it finish before the database closes.
        await services.progress.flushed();
        if (json) io.out(`${JSON.stringify(result)}\n`);
        else if (result.status === 'already_imported')
          io.out(`This bundle was already imported (${result.importedAt}); nothing to do.\n`);
        else {
          const parts: string[] = [];
          if (result.content)
            parts.push(
              `${result.content.courses} course version(s), ${result.content.blobs} new file(s) (${result.content.blobsAlreadyHere} already here)`,
            );
          if (result.records)
            parts.push(
              `${result.records.records} record(s) (${result.records.applied} applied, ${result.records.staged} waiting for their parents, ${result.records.refused} refused)`,
            );
          io.out(
            `Imported into /t/${result.tenant.slug}/ from ${result.source}: ${parts.join('; ') || 'nothing new'}.\n`,
          );
        }
        return 0;
      }),
    );
  },
};

export const bundleKeyCommand: Command = {
  name: ['bundle', 'key'],
  summary: 'Print this server’s public bundle key (peers trust it to import its bundles)',
  usage: 'satchel bundle key [--json]',
  help: 'Prints the public key and its fingerprint; read the fingerprint to the peer’s admin to compare.',
  options: { json: { type: 'boolean' } },
  async run({ values }, io) {
    return withServices(io, async (services) => {
      const key = await services.bundles.publicKey();
      const instanceId = await services.bundles.instanceId();
      if (values.json)
        io.out(`${JSON.stringify({ publicKey: key, fingerprint: fingerprint(key), instanceId })}\n`);
      else io.out(`Public key:  ${key}\nFingerprint: ${fingerprint(key)}\nInstance:    ${instanceId}\n`);
      return 0;
    });
  },
};

export const bundleTrustCommand: Command = {
  name: ['bundle', 'trust'],
  summary: 'Trust a peer server’s public bundle key for a platform',
  usage: 'satchel bundle trust --tenant SLUG --key PUBLICKEY [--name NAME]',
  help: [
    'Bundles signed by this key may then be imported into the platform.',
    'Options:',
    '  --tenant SLUG   the platform',
    '  --key KEY       the peer’s public key, as `satchel bundle key` prints it there',
    '  --name NAME     a name to remember it by (e.g. the school)',
  ].join('\n'),
  options: { tenant: { type: 'string' }, key: { type: 'string' }, name: { type: 'string' } },
  async run({ values }, io) {
    const slug = requireString(values, 'tenant');
    const key = requireString(values, 'key').trim();
    const name = typeof values.name === 'string' ? values.name : 'peer';
    return withServices(io, (services) =>
      guarded(async () => {
        const tenant = await tenantOrFail(services, slug);
        const print = await services.bundles.trustPeer(tenant.id, name, key);
        io.out(`Trusted key ${print} (${name}) for /t/${tenant.slug}/.\n`);
        return 0;
      }),
    );
  },
};
