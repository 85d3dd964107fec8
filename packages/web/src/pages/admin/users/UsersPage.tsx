import type { Role, User, UserStatus } from '@satchel/core';
import { useEffect, useState } from 'preact/hooks';
import { useApi, useUser } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { navigate } from '../../../router/history.js';
import type { PageProps } from '../../../router/Router.js';
import {
  Alert,
  Button,
  EmptyState,
  Form,
  LinkButton,
  PageHeading,
  Select,
  showToast,
  Table,
  TextField,
  useAsyncAction,
} from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { adminPaths } from '../admin-paths.js';
import '../admin.css';
import { AdminNav } from '../parts/AdminNav.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { pageCount, Pager } from '../parts/Pager.js';
import { ROLES_IN_ORDER } from '../roles.js';
import { ResetSignInDialog } from './ResetSignInDialog.js';
import { UserDialog } from './UserDialog.js';

const PAGE_SIZE = 25;

function asRole(value: string | null): Role | undefined {
  return ROLES_IN_ORDER.find((role) => role === value);
}

function asStatus(value: string | null): UserStatus | undefined {
  return value === 'active' || value === 'disabled' ? value : undefined;
}

/** Every user of the platform: search, filter by role and status, create, edit, reset, disable, delete. */
export default function UsersPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const me = useUser();
  const q = query.get('q') ?? '';
  const role = asRole(query.get('role'));
  const status = asStatus(query.get('status'));
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const list = useResource(
    (signal) =>
      adminApi.users(
        api,
        {
          ...(q ? { q } : {}),
          ...(role ? { role } : {}),
          ...(status ? { status } : {}),
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    [api, q, role, status, page],
  );
  const [search, setSearch] = useState(q);
  const [roleFilter, setRoleFilter] = useState<string>(role ?? '');
  const [statusFilter, setStatusFilter] = useState<string>(status ?? '');
  useEffect(() => setSearch(q), [q]);
  const [editing, setEditing] = useState<'new' | User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  // Which row's disable/enable is under way, so only that button shows it is busy.
  const [toggling, setToggling] = useState<string | null>(null);

  const go = (next: { q: string; role: string; status: string; page: number }) => {
    const params = new URLSearchParams();
    if (next.q.trim()) params.set('q', next.q.trim());
    if (next.role) params.set('role', next.role);
    if (next.status) params.set('status', next.status);
    if (next.page > 1) params.set('page', String(next.page));
    const text = params.toString();
    navigate(text ? `${adminPaths.users}?${text}` : adminPaths.users);
  };

  const toggleStatus = useAsyncAction(async (user: User) => {
    const next: UserStatus = user.status === 'active' ? 'disabled' : 'active';
    setToggling(user.id);
    try {
      await adminApi.updateUser(api, user.id, { status: next, version: user.version });
    } finally {
      setToggling(null);
    }
    showToast(
      t(next === 'disabled' ? 'admin.users.disabledDone' : 'admin.users.enabledDone', {
        name: user.displayName,
      }),
      'success',
    );
    list.reload();
  });
  const remove = useAsyncAction(async () => {
    if (!deleting) return;
    await adminApi.deleteUser(api, deleting.id);
    showToast(t('admin.users.deletedDone', { name: deleting.displayName }), 'success');
    setDeleting(null);
    list.reload();
  });

  const pages = list.status === 'ready' ? pageCount(list.data.total, PAGE_SIZE) : 1;
  const filtered = q !== '' || role !== undefined || status !== undefined;

  return (
    <div class="page stack admin-page">
      <PageHeading>{t('admin.users.title')}</PageHeading>
      <AdminNav />
      <div class="admin-actions">
        <Button variant="primary" onClick={() => setEditing('new')}>
          {t('admin.users.create')}
        </Button>
        <LinkButton to={adminPaths.usersImport}>{t('admin.users.importLink')}</LinkButton>
      </div>
      <Form
        class="admin-filters"
        role="search"
        aria-label={t('admin.users.searchLabel')}
        onSubmit={() => go({ q: search, role: roleFilter, status: statusFilter, page: 1 })}
      >
        <TextField
          label={t('admin.users.search')}
          description={t('admin.users.searchHint')}
          type="search"
          optional
          maxLength={100}
          value={search}
          onValue={setSearch}
        />
        <Select
          label={t('admin.users.roleFilter')}
          optional
          value={roleFilter}
          onValue={setRoleFilter}
          options={[
            { value: '', label: t('admin.users.anyRole') },
            ...ROLES_IN_ORDER.map((value) => ({ value, label: t(`roles.${value}`) })),
          ]}
        />
        <Select
          label={t('admin.users.statusFilter')}
          optional
          value={statusFilter}
          onValue={setStatusFilter}
          options={[
            { value: '', label: t('admin.users.anyStatus') },
            { value: 'active', label: t('admin.users.status.active') },
            { value: 'disabled', label: t('admin.users.status.disabled') },
          ]}
        />
        <div class="admin-filters__actions">
          <Button type="submit">{t('admin.users.searchSubmit')}</Button>
        </div>
      </Form>
      {toggleStatus.error !== null && <Alert tone="error">{i18n.errorMessage(toggleStatus.error)}</Alert>}
      <Loaded
        resource={list}
        block
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState title={filtered ? t('admin.users.noMatch') : t('admin.users.empty')} />}
      >
        {(data) => (
          <Table caption={t('admin.users.count', { count: data.total })}>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.username')}</th>
                <th scope="col">{t('admin.users.displayName')}</th>
                <th scope="col">{t('admin.users.roles')}</th>
                <th scope="col">{t('admin.users.statusColumn')}</th>
                <th scope="col">{t('admin.users.signInColumn')}</th>
                <th scope="col">{t('admin.users.created')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row" dir="auto">
                    {user.username}
                  </th>
                  <td dir="auto">{user.displayName}</td>
                  <td>{user.roles.map((value) => t(`roles.${value}`)).join(', ')}</td>
                  <td>
                    <span class={`admin-status admin-status--${user.status}`}>
                      {t(`admin.users.status.${user.status}`)}
                    </span>
                  </td>
                  <td>{signInText(t, user)}</td>
                  <td>{i18n.formatDate(user.createdAt)}</td>
                  <td>
                    <div class="admin-row-actions">
                      <Button variant="quiet" onClick={() => setEditing(user)}>
                        {t('admin.users.edit')}
                        <span class="sr-only"> {user.username}</span>
                      </Button>
                      <Button variant="quiet" onClick={() => setResetting(user)}>
                        {t('admin.users.reset')}
                        <span class="sr-only"> {user.username}</span>
                      </Button>
                      {user.id !== me.id && (
                        <>
                          <Button
                            variant="quiet"
                            busy={toggling === user.id}
                            onClick={() => !toggleStatus.busy && void toggleStatus.run(user)}
                          >
                            {user.status === 'active' ? t('admin.users.disable') : t('admin.users.enable')}
                            <span class="sr-only"> {user.username}</span>
                          </Button>
                          <Button variant="quiet" class="admin-danger-text" onClick={() => setDeleting(user)}>
                            {t('admin.users.delete')}
                            <span class="sr-only"> {user.username}</span>
                          </Button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Loaded>
      <Pager
        page={page}
        pages={pages}
        onPage={(next) => go({ q, role: role ?? '', status: status ?? '', page: next })}
      />

      <UserDialog
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={(user, created) => {
          setEditing(null);
          showToast(
            t(created ? 'admin.users.createdDone' : 'admin.users.savedDone', { name: user.displayName }),
            'success',
          );
          list.reload();
        }}
      />
      <ResetSignInDialog
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(user) => {
          setResetting(null);
          showToast(t('admin.users.resetDone', { name: user.displayName }), 'success');
          list.reload();
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? t('admin.users.deleteTitle', { name: deleting.displayName }) : ''}
        confirmLabel={t('admin.users.deleteConfirm')}
        danger
        action={remove}
        onCancel={() => {
          setDeleting(null);
        }}
      >
        <p>{t('admin.users.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

function signInText(t: ReturnType<typeof useI18n>['t'], user: User): string {
  if (user.hasPassword && user.hasPin) return t('admin.users.signInBoth');
  if (user.hasPassword) return t('admin.users.password');
  if (user.hasPin) return t('admin.users.pin');
  return t('admin.users.signInNone');
}
