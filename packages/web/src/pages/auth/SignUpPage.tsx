import { useState } from 'preact/hooks';
import type { MeResponse } from '../../api/types.js';
import { useApi, useSession, useTenant } from '../../app/context.js';
import { paths } from '../../app/paths.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../router/history.js';
import { Link } from '../../router/Link.js';
import { safeNext } from '../../router/paths.js';
import type { PageProps } from '../../router/Router.js';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  FormActions,
  LinkButton,
  PageHeading,
  showToast,
  TextField,
  useAsyncAction,
} from '../../ui/index.js';
import { serverFieldProblems } from './auth-errors.js';
import { rememberOnDevice } from './offline-signin.js';
import {
  collectProblems,
  displayNameProblem,
  newPasswordProblem,
  normaliseUsername,
  usernameProblem,
  type Problems,
} from './validation.js';

type Field = 'displayName' | 'username' | 'password' | 'inviteCode';

/** Follows the tenant's signup policy: an open form, a form with an invite code, or an explanation. */
export default function SignUpPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const next = safeNext(query.get('next'));
  const signInLink = next === '/' ? paths.signIn : `${paths.signIn}?next=${encodeURIComponent(next)}`;

  if (tenant.signupPolicy === 'admin') {
    return (
      <div class="page page--narrow">
        <PageHeading>{t('auth.adminOnlyTitle')}</PageHeading>
        <p>{t('auth.adminOnly', { name: tenant.name })}</p>
        <p>
          <LinkButton to={signInLink} variant="primary">
            {t('nav.signIn')}
          </LinkButton>
        </p>
      </div>
    );
  }
  return <SignUpForm needsInvite={tenant.signupPolicy === 'invite'} next={next} signInLink={signInLink} />;
}

function SignUpForm({
  needsInvite,
  next,
  signInLink,
}: {
  needsInvite: boolean;
  next: string;
  signInLink: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const api = useApi();
  const session = useSession();
  const [values, setValues] = useState<Record<Field, string>>({
    displayName: '',
    username: '',
    password: '',
    inviteCode: '',
  });
  const [reveal, setReveal] = useState(false);
  const [problems, setProblems] = useState<Problems<Field>>({});
  const [invalidAttempt, setInvalidAttempt] = useState(0);
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = useAsyncAction(async () => {
    const found = collectProblems<Field>({
      displayName: displayNameProblem(values.displayName),
      username: usernameProblem(values.username),
      password: newPasswordProblem(values.password),
      inviteCode: needsInvite && values.inviteCode.trim() === '' ? 'common.fieldRequired' : null,
    });
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    try {
      const { user } = await api.post<MeResponse>('/auth/signup', {
        displayName: values.displayName.trim(),
        username: normaliseUsername(values.username),
        password: values.password,
        locale: i18n.locale,
        ...(needsInvite ? { inviteCode: values.inviteCode.trim() } : {}),
      });
      // A new account can sign in offline on this device from now on (decision 0005).
      await rememberOnDevice(api, tenant.slug, user, 'password', values.password);
      session.signedIn(user);
      showToast(t('auth.welcomeNew', { name: user.displayName }), 'success');
      navigate(next, { replace: true });
    } catch (error) {
      const fromServer = serverFieldProblems<Field>(error, {
        displayName: 'common.fieldRequired',
        username: 'auth.usernameInvalid',
        password: 'auth.passwordTooShort',
        inviteCode: 'errors.invite_invalid',
      });
      if (Object.keys(fromServer).length > 0) {
        setProblems(fromServer);
        setInvalidAttempt((count) => count + 1);
      }
      throw error;
    }
  });

  const problem = (field: Field) => {
    const key = problems[field];
    return key ? t(key) : null;
  };

  return (
    <div class="page page--narrow">
      <PageHeading>{t('auth.signUpTitle')}</PageHeading>
      <p>{t('auth.signUpIntro', { name: tenant.name })}</p>
      <Form onSubmit={submit.run} busy={submit.busy} invalidAttempt={invalidAttempt} class="stack">
        {submit.error !== null && <Alert tone="error">{i18n.errorMessage(submit.error)}</Alert>}
        <TextField
          label={t('auth.displayName')}
          description={t('auth.displayNameHint')}
          autocomplete="name"
          maxLength={120}
          value={values.displayName}
          onValue={set('displayName')}
          error={problem('displayName')}
        />
        <TextField
          label={t('auth.username')}
          description={t('auth.usernameHint')}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          maxLength={64}
          value={values.username}
          onValue={set('username')}
          error={problem('username')}
        />
        <TextField
          label={t('auth.password')}
          description={t('auth.passwordHint')}
          type={reveal ? 'text' : 'password'}
          autocomplete="new-password"
          value={values.password}
          onValue={set('password')}
          error={problem('password')}
        />
        <Checkbox label={t('auth.showPassword')} checked={reveal} onChecked={setReveal} />
        {needsInvite && (
          <TextField
            label={t('auth.inviteCode')}
            description={t('auth.inviteCodeHint')}
            autocomplete="off"
            autocapitalize="none"
            maxLength={100}
            value={values.inviteCode}
            onValue={set('inviteCode')}
            error={problem('inviteCode')}
          />
        )}
        <FormActions>
          <Button type="submit" variant="primary" busy={submit.busy}>
            {submit.busy ? t('auth.signingUp') : t('auth.signUpSubmit')}
          </Button>
        </FormActions>
      </Form>
      <p class="page__aside">
        {t('auth.haveAccount')} <Link to={signInLink}>{t('nav.signIn')}</Link>
      </p>
    </div>
  );
}
