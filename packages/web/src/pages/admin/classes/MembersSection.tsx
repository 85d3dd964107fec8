import type { ClassDetail, ClassMember, ClassMemberRole, User } from '@satchel/core';
import { useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, EmptyState, showToast, Table, useAsyncAction } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { UserPicker } from '../parts/UserPicker.js';

export interface MembersSectionProps {
  readonly klass: ClassDetail;
  readonly onChanged: (klass: ClassDetail) => void;
}

/** A class's educators and learners: remove them, or find people and add them in either role. */
export function MembersSection({ klass, onChanged }: MembersSectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [removing, setRemoving] = useState<ClassMember | null>(null);
  // The button being pressed ("<userId>/<role>"), so only it shows it is busy.
  const [adding, setAdding] = useState<string | null>(null);

  const add = useAsyncAction(async (user: User, role: ClassMemberRole) => {
    setAdding(`${user.id}/${role}`);
    let updated: ClassDetail;
    try {
      updated = await adminApi.addMember(api, klass.id, user.id, role);
    } finally {
      setAdding(null);
    }
    onChanged(updated);
    showToast(
      t(role === 'educator' ? 'admin.classes.addedEducator' : 'admin.classes.addedLearner', {
        name: user.displayName,
      }),
      'success',
    );
  });
  const remove = useAsyncAction(async () => {
    if (!removing) return;
    const updated = await adminApi.removeMember(api, klass.id, removing.userId);
    showToast(t('admin.classes.removedDone', { name: removing.displayName }), 'success');
    setRemoving(null);
    onChanged(updated);
  });

  const roleOf = (userId: string) => klass.members.find((member) => member.userId === userId)?.role ?? null;
  const group = (role: ClassMemberRole) => klass.members.filter((member) => member.role === role);

  const table = (role: ClassMemberRole) => {
    const members = group(role);
    const caption = t(
      role === 'educator' ? 'admin.classes.educatorsCaption' : 'admin.classes.learnersCaption',
      { count: members.length },
    );
    if (members.length === 0) return <EmptyState title={caption} />;
    return (
      <Table caption={caption}>
        <thead>
          <tr>
            <th scope="col">{t('admin.users.displayName')}</th>
            <th scope="col">{t('admin.users.username')}</th>
            <th scope="col">{t('admin.users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId}>
              <th scope="row" dir="auto">
                {member.displayName}
              </th>
              <td dir="auto">{member.username}</td>
              <td>
                <Button variant="quiet" class="admin-danger-text" onClick={() => setRemoving(member)}>
                  {t('admin.classes.removeMember')}
                  <span class="sr-only"> {member.displayName}</span>
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    );
  };

  return (
    <section class="admin-section stack" aria-labelledby="class-members">
      <h2 id="class-members">{t('admin.classes.members')}</h2>
      {table('educator')}
      {table('learner')}
      <div class="admin-subform stack">
        <h3>{t('admin.classes.addMembers')}</h3>
        {add.error !== null && <Alert tone="error">{i18n.errorMessage(add.error)}</Alert>}
        <UserPicker
          label={t('admin.classes.findPeople')}
          actions={(user) => {
            const current = roleOf(user.id);
            if (current) {
              return (
                <span>
                  {t(current === 'educator' ? 'admin.classes.isEducator' : 'admin.classes.isLearner')}
                </span>
              );
            }
            return (
              <>
                <Button
                  variant="quiet"
                  busy={adding === `${user.id}/learner`}
                  onClick={() => !add.busy && void add.run(user, 'learner')}
                >
                  {t('admin.classes.addAsLearner')}
                  <span class="sr-only"> {user.displayName}</span>
                </Button>
                <Button
                  variant="quiet"
                  busy={adding === `${user.id}/educator`}
                  onClick={() => !add.busy && void add.run(user, 'educator')}
                >
                  {t('admin.classes.addAsEducator')}
                  <span class="sr-only"> {user.displayName}</span>
                </Button>
              </>
            );
          }}
        />
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={removing ? t('admin.classes.removeTitle', { name: removing.displayName }) : ''}
        confirmLabel={t('admin.classes.removeMember')}
        danger
        action={remove}
        onCancel={() => {
          setRemoving(null);
        }}
      >
        <p>{t('admin.classes.removeBody', { name: klass.name })}</p>
      </ConfirmDialog>
    </section>
  );
}
