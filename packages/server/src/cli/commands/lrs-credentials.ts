import { requireString, type Command, type CommandIo } from '../command.js';
import { withServices } from '../runtime.js';
import { tenantOrFail } from './identity-args.js';

/** Where outside tools send statements: SATCHEL_PUBLIC_URL when set, else this machine's port. */
export function xapiEndpoint(env: CommandIo['env']): string {
  const publicUrl = env.SATCHEL_PUBLIC_URL?.trim();
  if (publicUrl) return `${publicUrl.replace(/\/+$/, '')}/xapi/`;
  const port = env.PORT?.trim() ? env.PORT.trim() : '8080';
  return `http://localhost:${port}/xapi/`;
}

export const lrsCredentialsCreateCommand: Command = {
  name: ['lrs-credentials', 'create'],
  summary: 'Create an xAPI (LRS) key and secret for an outside tool',
  usage: 'satchel lrs-credentials create --tenant SLUG [--name NAME] [--json]',
  help: [
    'Prints the LRS endpoint, key and secret. The secret is shown only once; it is stored hashed.',
    'Options:',
    '  --tenant SLUG   the platform whose LRS the tool will use',
    '  --name NAME     what the credential is for (default "Command line")',
    '  --json          print exactly {"endpoint","key","secret"} as JSON',
    'Environment:',
    '  SATCHEL_PUBLIC_URL  the public address, used for the endpoint (else http://localhost:$PORT)',
    'Example:',
    '  satchel lrs-credentials create --tenant youth --name "Survey app" --json',
  ].join('\n'),
  options: { tenant: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const slug = requireString(values, 'tenant');
    const name = typeof values.name === 'string' ? values.name : 'Command line';
    return withServices(io, async (services) => {
      const tenant = await tenantOrFail(services, slug);
      const made = await services.lrsCredentials.create(tenant.id, name);
      const endpoint = xapiEndpoint(io.env);
      if (values.json) {
        io.out(`${JSON.stringify({ endpoint, key: made.key, secret: made.secret })}\n`);
      } else {
        io.out(
          [
            `Created LRS credential "${made.name}" for /t/${tenant.slug}/.`,
            `  endpoint: ${endpoint}`,
            `  key:      ${made.key}`,
            `  secret:   ${made.secret}`,
            'Keep the secret now: it cannot be shown again (revoke and create another if it is lost).',
            '',
          ].join('\n'),
        );
      }
      return 0;
    });
  },
};
