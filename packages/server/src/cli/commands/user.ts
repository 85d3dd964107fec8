import { CreateUserRequest } from '@satchel/core';
import { CliError, UsageError, requireString, type Command } from '../command.js';
import { withServices } from '../runtime.js';
import { rolesFrom, tenantOrFail } from './identity-args.js';

export const userAddCommand: Command = {
  name: ['user', 'add'],
  summary: 'Create a user on a platform',
  usage:
    'satchel user add --tenant SLUG --username U --password P --role ROLE [--role ROLE] [--name NAME] [--pin 1234] [--operator] [--json]',
  help: [
    'Options:',
    '  --tenant SLUG      the platform (see satchel tenant create)',
    '  --username U       2 to 64 letters, digits, dots, dashes or underscores (stored in lowercase)',
    '  --password P       at least 8 characters (may be left out when --pin is given)',
    '  --role ROLE        admin, author, educator, facilitator or learner; repeat it or separate with commas',
    '  --name NAME        the name people see (default: the username)',
    '  --pin 1234         a 4- to 6-digit PIN, for platforms that allow PIN sign-in',
    '  --operator         make the user the instance operator (may manage every platform)',
    '  --json             print the created user as JSON',
    'Example:',
    '  satchel user add --tenant youth --username amina --password "long secret" --role admin,author --name "Amina K."',
  ].join('\n'),
  options: {
    tenant: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string', multiple: true },
    name: { type: 'string' },
    pin: { type: 'string' },
    operator: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const slug = requireString(values, 'tenant');
    const username = requireString(values, 'username');
    const roles = rolesFrom(values.role as unknown);
    const password = typeof values.password === 'string' ? values.password : undefined;
    const pin = typeof values.pin === 'string' ? values.pin : undefined;
    if (password === undefined && pin === undefined)
      throw new UsageError('--password is required (or --pin for PIN-only learners)');
    const input = CreateUserRequest.safeParse({
      username,
      displayName: typeof values.name === 'string' ? values.name : username,
      password,
      pin,
      roles,
      isOperator: values.operator === true,
    });
    if (!input.success) {
      const flag: Record<string, string> = { displayName: 'name', isOperator: 'operator' };
      throw new CliError(
        input.error.issues
          .map((i) => `--${flag[String(i.path[0])] ?? String(i.path[0] ?? 'input')}: ${i.message}`)
          .join('\n'),
      );
    }
    return withServices(io, async (services) => {
      const tenant = await tenantOrFail(services, slug);
      const user = await services.users.create(tenant.id, input.data);
      io.out(
        values.json
          ? `${JSON.stringify(user)}\n`
          : `Created ${user.isOperator ? 'operator ' : ''}user "${user.username}" (${user.roles.join(', ')}) on /t/${tenant.slug}/ (id ${user.id}).\n`,
      );
      return 0;
    });
  },
};
