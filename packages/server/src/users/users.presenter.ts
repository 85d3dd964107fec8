import type { Me, Role, User } from '@satchel/core';
import type { UserRow } from './users.repo.js';

/** Roles in a stable order, so responses and tests do not depend on insertion order. */
export function sortRoles(roles: readonly Role[]): Role[] {
  return [...new Set(roles)].sort();
}

export function presentUser(row: UserRow, roles: readonly Role[]): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    displayName: row.display_name,
    roles: sortRoles(roles),
    isOperator: row.is_operator === 1,
    status: row.status,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    sex: row.sex,
    birthYear: row.birth_year,
    region: row.region,
    disability: row.disability === null ? null : row.disability === 1,
    externalId: row.external_id,
    hasPassword: row.password_hash !== null,
    hasPin: row.pin_hash !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presentMe(row: UserRow, roles: readonly Role[]): Me {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    displayName: row.display_name,
    roles: sortRoles(roles),
    locale: row.locale,
    isOperator: row.is_operator === 1,
  };
}
