import { ROLES, Role } from '@satchel/core';
import type { TenantRef } from '../../http/context.js';
import type { Services } from '../../app/services.js';
import { CliError, UsageError } from '../command.js';

/** `--role` given several times and/or comma-separated, checked against Satchel's roles. */
export function rolesFrom(raw: unknown): Role[] {
  const given = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const words = given
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0) throw new UsageError(`--role is required (one of ${ROLES.join(', ')})`);
  const roles: Role[] = [];
  for (const word of words) {
    const role = Role.safeParse(word.toLowerCase());
    if (!role.success) throw new UsageError(`"${word}" is not a role; use ${ROLES.join(', ')}`);
    if (!roles.includes(role.data)) roles.push(role.data);
  }
  return roles;
}

export async function tenantOrFail(services: Services, slug: string): Promise<TenantRef> {
  const tenant = await services.tenants.bySlug(slug);
  if (!tenant)
    throw new CliError(
      `there is no platform called "${slug}" (create one with: satchel tenant create --slug ${slug} --name NAME)`,
    );
  return tenant;
}
