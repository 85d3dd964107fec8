import type { Role, User } from '@satchel/core';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Form, Select, Spinner, Table, TextField, useAsyncAction } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { ROLES_IN_ORDER } from '../roles.js';

const RESULTS = 10;

export interface UserPickerProps {
  /** Names the search form ("Find people to add"). */
  readonly label: string;
  /** The buttons shown beside each person found. */
  readonly actions: (user: User) => ComponentChildren;
  /** The role filter starts on this role. */
  readonly initialRole?: Role | '';
}

/** Find users by name, username or email (and role), then act on one of them. */
export function UserPicker({ label, actions, initialRole = '' }: UserPickerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [text, setText] = useState('');
  const [role, setRole] = useState<string>(initialRole);
  const [found, setFound] = useState<{ items: readonly User[]; total: number } | null>(null);
  const search = useAsyncAction(async () => {
    const chosen = ROLES_IN_ORDER.find((value) => value === role);
    const result = await adminApi.users(api, {
      ...(text.trim() ? { q: text.trim() } : {}),
      ...(chosen ? { role: chosen } : {}),
      status: 'active',
      limit: RESULTS,
      offset: 0,
    });
    setFound(result);
  });

  return (
    <div class="stack">
      <Form class="admin-filters" role="search" aria-label={label} onSubmit={search.run} busy={search.busy}>
        <TextField
          label={t('admin.picker.search')}
          description={t('admin.users.searchHint')}
          type="search"
          optional
          maxLength={100}
          value={text}
          onValue={setText}
        />
        <Select
          label={t('admin.users.roleFilter')}
          optional
          value={role}
          onValue={setRole}
          options={[
            { value: '', label: t('admin.users.anyRole') },
            ...ROLES_IN_ORDER.map((value) => ({ value, label: t(`roles.${value}`) })),
          ]}
        />
        <div class="admin-filters__actions">
          <Button type="submit" busy={search.busy}>
            {t('admin.picker.find')}
          </Button>
        </div>
      </Form>
      {search.busy && <Spinner />}
      {search.error !== null && <Alert tone="error">{i18n.errorMessage(search.error)}</Alert>}
      {found && found.items.length === 0 && <p role="status">{t('admin.picker.none')}</p>}
      {found && found.items.length > 0 && (
        <>
          <p role="status">
            {found.total > found.items.length
              ? t('admin.picker.someOf', { shown: found.items.length, count: found.total })
              : t('admin.picker.found', { count: found.total })}
          </p>
          <Table caption={t('admin.picker.results')}>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.displayName')}</th>
                <th scope="col">{t('admin.users.username')}</th>
                <th scope="col">{t('admin.users.roles')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {found.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row" dir="auto">
                    {user.displayName}
                  </th>
                  <td dir="auto">{user.username}</td>
                  <td>{user.roles.map((value) => t(`roles.${value}`)).join(', ')}</td>
                  <td>
                    <div class="admin-row-actions">{actions(user)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </div>
  );
}
