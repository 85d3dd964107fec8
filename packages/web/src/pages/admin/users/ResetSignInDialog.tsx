import type { User } from '@satchel/core';
import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../../../app/context.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Dialog, Form, TextField, useAsyncAction } from '../../../ui/index.js';
import { adminApi } from '../admin-api.js';
import { RadioGroup } from '../parts/RadioGroup.js';
import { passwordProblem, pinValueProblem, westernDigits } from './user-form.js';

type Method = 'password' | 'pin';

export interface ResetSignInDialogProps {
  readonly user: User | null;
  readonly onClose: () => void;
  readonly onDone: (user: User) => void;
}

/** Give a user a new password or PIN (someone forgot theirs, or a device was lost). */
export function ResetSignInDialog({ user, onClose, onDone }: ResetSignInDialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [method, setMethod] = useState<Method>('password');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setMethod(user?.hasPin && !user.hasPassword ? 'pin' : 'password');
    setSecret('');
    setProblem(null);
  }, [user]);

  const submit = useAsyncAction(async () => {
    if (!user) return;
    const found = method === 'password' ? passwordProblem(secret) : pinValueProblem(secret);
    setProblem(found ? t(found) : null);
    if (found) {
      setAttempt((count) => count + 1);
      return;
    }
    if (method === 'password') {
      await adminApi.setPassword(api, user.id, secret);
      onDone(user);
    } else {
      onDone(await adminApi.updateUser(api, user.id, { pin: westernDigits(secret), version: user.version }));
    }
  });

  const formId = 'reset-sign-in-form';
  return (
    <Dialog
      open={user !== null}
      onClose={onClose}
      title={user ? t('admin.users.resetTitle', { name: user.displayName }) : ''}
      actions={
        <>
          <Button type="submit" form={formId} variant="primary" busy={submit.busy}>
            {method === 'password' ? t('admin.users.resetPasswordSubmit') : t('admin.users.resetPinSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <Form id={formId} onSubmit={submit.run} busy={submit.busy} invalidAttempt={attempt} class="stack">
        <p>{t('admin.users.resetIntro')}</p>
        {submit.error !== null && <Alert tone="error">{i18n.errorMessage(submit.error)}</Alert>}
        <RadioGroup<Method>
          legend={t('admin.users.resetWhat')}
          inline
          value={method}
          onValue={(value) => {
            setMethod(value);
            setSecret('');
            setProblem(null);
          }}
          choices={[
            { value: 'password', label: t('admin.users.password') },
            { value: 'pin', label: t('admin.users.pin') },
          ]}
        />
        {method === 'password' ? (
          <TextField
            key="password"
            label={t('admin.users.newPassword')}
            description={t('auth.passwordHint')}
            autocomplete="new-password"
            spellcheck={false}
            value={secret}
            onValue={setSecret}
            error={problem}
          />
        ) : (
          <TextField
            key="pin"
            label={t('admin.users.newPin')}
            description={t('auth.pinHint')}
            inputMode="numeric"
            autocomplete="off"
            maxLength={6}
            value={secret}
            onValue={setSecret}
            error={problem}
          />
        )}
      </Form>
    </Dialog>
  );
}
