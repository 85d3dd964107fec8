import { CreateTenantRequest, SignupPolicy } from '@satchel/core';
import { CliError, UsageError, requireString, type Command } from '../command.js';
import { withServices } from '../runtime.js';

export const tenantCreateCommand: Command = {
  name: ['tenant', 'create'],
  summary: 'Create a platform (tenant) on this instance',
  usage:
    'satchel tenant create --slug SLUG --name NAME [--locale en] [--locales en,fr,ar] [--signup open|invite|admin] [--invite-code CODE] [--allow-pin] [--json]',
  help: [
    'Options:',
    '  --slug SLUG          the platform’s address: /t/SLUG/ (lowercase letters, digits, dashes)',
    '  --name NAME          the platform’s name',
    '  --locale TAG         default language (default en)',
    '  --locales LIST       offered languages, comma-separated (default en,fr,es,pt,ar)',
    '  --audiences LIST     audiences, comma-separated (e.g. "youth,educators")',
    '  --signup POLICY      open, invite or admin (default open)',
    '  --invite-code CODE   the code learners need when --signup invite',
    '  --allow-pin          let young learners sign in with a short PIN',
    '  --json               print the created tenant as JSON',
    'Example:',
    '  satchel tenant create --slug youth --name "Youth Passport" --locales en,ar --locale ar',
  ].join('\n'),
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    locale: { type: 'string' },
    locales: { type: 'string' },
    audiences: { type: 'string' },
    signup: { type: 'string' },
    'invite-code': { type: 'string' },
    'allow-pin': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const split = (v: unknown): string[] | undefined =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const signup = values.signup === undefined ? 'open' : SignupPolicy.safeParse(values.signup);
    if (typeof signup !== 'string' && !signup.success)
      throw new UsageError('--signup must be open, invite or admin');
    const input = CreateTenantRequest.safeParse({
      slug: requireString(values, 'slug'),
      name: requireString(values, 'name'),
      defaultLocale: values.locale,
      locales: split(values.locales),
      audiences: split(values.audiences),
      signupPolicy: typeof signup === 'string' ? signup : signup.data,
      inviteCode: values['invite-code'] ?? null,
      allowPin: values['allow-pin'] === true,
    });
    if (!input.success) {
      throw new CliError(
        input.error.issues.map((i) => `--${String(i.path[0] ?? 'input')}: ${i.message}`).join('\n'),
      );
    }
    return withServices(io, async (services) => {
      const tenant = await services.tenants.create(input.data);
      io.out(
        values.json
          ? `${JSON.stringify(tenant)}\n`
          : `Created platform "${tenant.name}" at /t/${tenant.slug}/ (id ${tenant.id}).\n`,
      );
      return 0;
    });
  },
};
