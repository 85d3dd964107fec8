import { hostname } from 'node:os';
import { CliError, requireString, type Command } from '../command.js';
import { withServices } from '../runtime.js';
import { SyncClient, UpstreamError } from '../../sync/sync.client.js';
import { tenantOrFail } from './identity-args.js';

export const hubRegisterCommand: Command = {
  name: ['hub', 'register'],
  summary: 'Make this server a hub of an upstream Satchel server for one platform',
  usage:
    'satchel hub register --upstream URL --tenant SLUG --username U --password P [--name NAME] [--class ID]... [--json]',
  help: [
    'A platform admin of the upstream signs in; the upstream issues a credential for this hub',
    '(optionally limited to some classes), and the platform is created here as a copy.',
    'Several platforms can share a hub: register once per platform. `satchel serve` then syncs',
    'on an interval (SATCHEL_SYNC_INTERVAL seconds, default 300); `satchel sync` syncs now.',
    'Options:',
    '  --upstream URL   the upstream server (national server or another hub), e.g. https://learn.example.org',
    '  --tenant SLUG    the platform on the upstream',
    '  --username U     a platform admin on the upstream',
    '  --password P     their password (used once; not stored)',
    "  --name NAME      how the upstream lists this hub (default: this computer's name)",
    "  --class ID       only these classes (and their members' records); repeat for more",
    '  --json           print the link as JSON',
    'Example:',
    '  satchel hub register --upstream https://learn.example.org --tenant youth --username amina --password "long secret"',
  ].join('\n'),
  options: {
    upstream: { type: 'string' },
    tenant: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    class: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const upstream = requireString(values, 'upstream');
    if (!/^https?:\/\//.test(upstream)) throw new CliError('--upstream must start with http:// or https://');
    const classIds = (values.class as unknown as string[] | undefined) ?? [];
    return withServices(io, async (services) => {
      try {
        const link = await services.sync.client.register({
          upstream,
          tenantSlug: requireString(values, 'tenant'),
          username: requireString(values, 'username'),
          password: requireString(values, 'password'),
          name: typeof values.name === 'string' ? values.name : hostname(),
          classIds,
        });
        io.out(
          values.json
            ? `${JSON.stringify({ tenant: link.upstream_slug, upstream: link.upstream_url, hubId: link.hub_id, classIds })}\n`
            : `Registered as hub ${link.hub_id} of ${link.upstream_url} for /t/${link.upstream_slug}/${classIds.length ? ` (classes: ${classIds.join(', ')})` : ''}.\nRun "satchel sync" to sync now; "satchel serve" syncs on an interval.\n`,
        );
        return 0;
      } catch (err) {
        if (err instanceof UpstreamError) throw new CliError(err.message);
        throw err;
      }
    });
  },
};

export const syncCommand: Command = {
  name: ['sync'],
  summary: 'Sync records with the upstream now: pull, then push (every registered platform)',
  usage: 'satchel sync [--tenant SLUG] [--json]',
  help: [
    'Resumable: an interrupted sync continues where it stopped the next time.',
    'Exit code 1 when a platform could not sync (the reason is printed; see also the admin sync page).',
    'Options:',
    '  --tenant SLUG   only this platform',
    '  --json          print the results as JSON',
    'Environment:',
    '  SATCHEL_SYNC_BATCH  records per request (default 500)',
  ].join('\n'),
  options: { tenant: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withServices(io, async (services) => {
      const { service } = services.sync;
      // Smaller batches for slow or costly links (and for the kill -9 test); default 500.
      const batch = Number(io.env.SATCHEL_SYNC_BATCH ?? '500');
      const size = Number.isInteger(batch) && batch >= 1 && batch <= 1000 ? batch : 500;
      const client = new SyncClient(service, services.ctx.clock, fetch, { pull: size, push: size });
      let results;
      if (typeof values.tenant === 'string') {
        const tenant = await tenantOrFail(services, values.tenant);
        const link = await service.repo.link(tenant.id);
        if (!link)
          throw new CliError(
            `/t/${values.tenant}/ is not registered with an upstream (see satchel hub register)`,
          );
        await service.tracker.stampPending({ full: true });
        results = [await client.syncLink(link)];
      } else {
        results = await client.syncAll();
        if (results.length === 0)
          throw new CliError('no platform is registered with an upstream (see satchel hub register)');
      }
      if (values.json) io.out(`${JSON.stringify(results)}\n`);
      else
        for (const r of results)
          io.out(
            r.error
              ? `${r.tenantId}: failed: ${r.error}\n`
              : `${r.tenantId}: pulled ${r.pulled}, pushed ${r.pushed}, conflicts ${r.conflicts}\n`,
          );
      return results.some((r) => r.error !== null) ? 1 : 0;
    });
  },
};
