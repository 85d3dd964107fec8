import type { Role, User } from '@satchel/core';
import { ROLES_IN_ORDER } from '../roles.js';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, fieldIssues } from '../../../api/errors.js';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Dialog, Form, Select, TextField, useAsyncAction } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { CheckboxGroup } from '../parts/CheckboxGroup.js';
import { ErrorSummary, type FieldProblem } from '../parts/ErrorSummary.js';
import {
  createUserBody,
  EMPTY_USER,
  updateUserBody,
  userFormValues,
  userProblems,
  type UserField,
  type UserFormValues,
  type UserProblems,
} from './user-form.js';

export interface UserDialogProps {
  /** Open for a new user ('new'), for editing a user, or closed (null). */
  readonly target: 'new' | User | null;
  readonly onClose: () => void;
  readonly onSaved: (user: User, created: boolean) => void;
}

const FIELDS: readonly UserField[] = [
  'username',
  'displayName',
  'password',
  'pin',
  'roles',
  'email',
  'phone',
  'sex',
  'birthYear',
  'region',
  'disability',
];
const fieldId = (field: UserField) => `user-${field}`;

/** The server's refusals that concern one field. */
function serverProblems(error: unknown): UserProblems {
  if (!(error instanceof ApiError)) return {};
  if (error.code === 'username_taken') return { username: 'errors.username_taken' };
  if (error.code === 'invalid_pin') return { pin: 'admin.users.pinInvalid' };
  if (error.code === 'invalid_password') return { password: 'admin.users.passwordTooShort' };
  const messages: UserProblems = {
    username: 'admin.users.usernameInvalid',
    displayName: 'common.fieldRequired',
    password: 'admin.users.passwordTooShort',
    pin: 'admin.users.pinInvalid',
    email: 'admin.users.emailInvalid',
    phone: 'admin.users.phoneInvalid',
    birthYear: 'admin.users.birthYearInvalid',
    region: 'admin.users.regionInvalid',
  };
  const problems: UserProblems = {};
  for (const issue of fieldIssues(error)) {
    const key = messages[issue.field as UserField];
    if (key) problems[issue.field as UserField] = key;
  }
  return problems;
}

/** Create a user, or edit one: name, roles, contact and the demographic fields used in reports. */
export function UserDialog({ target, onClose, onSaved }: UserDialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const editing = target !== null && target !== 'new' ? target : null;
  const [values, setValues] = useState<UserFormValues>(EMPTY_USER);
  const [problems, setProblems] = useState<UserProblems>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setValues(editing ? userFormValues(editing) : EMPTY_USER);
    setProblems({});
    setAttempt(0);
  }, [target]);
  const set =
    <K extends UserField>(key: K) =>
    (value: UserFormValues[K]) =>
      setValues((current) => ({ ...current, [key]: value }));

  const save = useAsyncAction(async () => {
    const found = userProblems(values, editing ? 'edit' : 'create', new Date().getFullYear());
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setAttempt((count) => count + 1);
      return;
    }
    try {
      const user = editing
        ? await adminApi.updateUser(api, editing.id, updateUserBody(values, editing))
        : await adminApi.createUser(api, createUserBody(values));
      onSaved(user, !editing);
    } catch (error) {
      const fromServer = serverProblems(error);
      if (Object.keys(fromServer).length > 0) {
        setProblems(fromServer);
        setAttempt((count) => count + 1);
        return;
      }
      throw error;
    }
  });

  const problem = (field: UserField) => {
    const key = problems[field];
    return key ? t(key) : null;
  };
  const labels: Record<UserField, string> = {
    username: t('admin.users.username'),
    displayName: t('admin.users.displayName'),
    password: t('admin.users.password'),
    pin: t('admin.users.pin'),
    roles: t('admin.users.roles'),
    email: t('admin.users.email'),
    phone: t('admin.users.phone'),
    sex: t('admin.users.sex'),
    birthYear: t('admin.users.birthYear'),
    region: t('admin.users.region'),
    disability: t('admin.users.disability'),
  };
  const summary: FieldProblem[] = FIELDS.flatMap((field) => {
    const key = problems[field];
    return key ? [{ target: fieldId(field), message: `${labels[field]}: ${t(key)}` }] : [];
  });
  const formId = 'user-form';

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={
        editing ? t('admin.users.editTitle', { name: editing.displayName }) : t('admin.users.createTitle')
      }
      actions={
        <>
          <Button type="submit" form={formId} variant="primary" busy={save.busy}>
            {editing ? t('admin.users.saveChanges') : t('admin.users.createSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <Form id={formId} onSubmit={save.run} busy={save.busy} class="stack">
        <ErrorSummary problems={summary} attempt={attempt} />
        {save.error !== null && <Alert tone="error">{i18n.errorMessage(save.error)}</Alert>}
        {editing ? (
          <p>
            <span class="field__label">{labels.username}: </span>
            <span dir="auto">{editing.username}</span>
          </p>
        ) : (
          <div id={fieldId('username')}>
            <TextField
              label={labels.username}
              description={t('auth.usernameHint')}
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              maxLength={64}
              value={values.username}
              onValue={set('username')}
              error={problem('username')}
            />
          </div>
        )}
        <div id={fieldId('displayName')}>
          <TextField
            label={labels.displayName}
            autocomplete="off"
            maxLength={120}
            value={values.displayName}
            onValue={set('displayName')}
            error={problem('displayName')}
          />
        </div>
        {!editing && (
          <fieldset class="admin-fieldset stack">
            <legend class="field__label">{t('admin.users.signIn')}</legend>
            <p class="field__description">{t('admin.users.signInHint')}</p>
            <div id={fieldId('password')}>
              <TextField
                label={labels.password}
                description={t('auth.passwordHint')}
                type="text"
                optional
                autocomplete="new-password"
                spellcheck={false}
                value={values.password}
                onValue={set('password')}
                error={problem('password')}
              />
            </div>
            <div id={fieldId('pin')}>
              <TextField
                label={labels.pin}
                description={t('auth.pinHint')}
                type="text"
                inputMode="numeric"
                optional
                autocomplete="off"
                maxLength={6}
                value={values.pin}
                onValue={set('pin')}
                error={problem('pin')}
              />
            </div>
          </fieldset>
        )}
        <CheckboxGroup
          id={fieldId('roles')}
          legend={labels.roles}
          choices={ROLES_IN_ORDER.map((role: Role) => ({ value: role, label: t(`roles.${role}`) }))}
          selected={values.roles}
          onChange={(roles) => set('roles')(roles as Role[])}
          error={problem('roles')}
        />
        <div id={fieldId('email')}>
          <TextField
            label={labels.email}
            type="email"
            optional
            autocomplete="off"
            maxLength={254}
            value={values.email}
            onValue={set('email')}
            error={problem('email')}
          />
        </div>
        <div id={fieldId('phone')}>
          <TextField
            label={labels.phone}
            type="tel"
            optional
            autocomplete="off"
            maxLength={40}
            value={values.phone}
            onValue={set('phone')}
            error={problem('phone')}
          />
        </div>
        <fieldset class="admin-fieldset stack">
          <legend class="field__label">{t('admin.users.demographics')}</legend>
          <p class="field__description">{t('admin.users.demographicsHint')}</p>
          <div id={fieldId('sex')}>
            <Select
              label={labels.sex}
              optional
              value={values.sex}
              onValue={(value) =>
                set('sex')(value === 'female' || value === 'male' || value === 'other' ? value : '')
              }
              options={[
                { value: '', label: t('admin.users.notRecorded') },
                { value: 'female', label: t('admin.users.sex.female') },
                { value: 'male', label: t('admin.users.sex.male') },
                { value: 'other', label: t('admin.users.sex.other') },
              ]}
            />
          </div>
          <div id={fieldId('birthYear')}>
            <TextField
              label={labels.birthYear}
              description={t('admin.users.birthYearHint')}
              optional
              inputMode="numeric"
              maxLength={4}
              autocomplete="off"
              value={values.birthYear}
              onValue={set('birthYear')}
              error={problem('birthYear')}
            />
          </div>
          <div id={fieldId('region')}>
            <TextField
              label={labels.region}
              optional
              maxLength={120}
              autocomplete="off"
              value={values.region}
              onValue={set('region')}
              error={problem('region')}
            />
          </div>
          <div id={fieldId('disability')}>
            <Select
              label={labels.disability}
              description={t('admin.users.disabilityHint')}
              optional
              value={values.disability}
              onValue={(value) => set('disability')(value === 'yes' || value === 'no' ? value : '')}
              options={[
                { value: '', label: t('admin.users.notRecorded') },
                { value: 'yes', label: t('admin.users.yes') },
                { value: 'no', label: t('admin.users.no') },
              ]}
            />
          </div>
        </fieldset>
      </Form>
    </Dialog>
  );
}
