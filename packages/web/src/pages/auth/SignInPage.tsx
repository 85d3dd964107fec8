import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/errors.js';
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
  PageHeading,
  Tabs,
  TextField,
  useAsyncAction,
} from '../../ui/index.js';
import { signInErrorMessage } from './auth-errors.js';
import { DeviceProfiles, profilesOf, rememberOnDevice, signInWithoutNetwork } from './offline-signin.js';
import type { DeviceProfile } from '../../offline/profiles/profiles.js';
import {
  asciiDigits,
  collectProblems,
  normaliseUsername,
  pinProblem,
  signInPasswordProblem,
  usernameProblem,
  type Problems,
} from './validation.js';

type Method = 'password' | 'pin';
type Field = 'username' | 'secret';

export default function SignInPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const api = useApi();
  const session = useSession();
  const [method, setMethod] = useState<Method>('password');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [reveal, setReveal] = useState(false);
  const [problems, setProblems] = useState<Problems<Field>>({});
  const [invalidAttempt, setInvalidAttempt] = useState(0);
  const next = safeNext(query.get('next'));
  const [profiles, setProfiles] = useState<readonly DeviceProfile[]>([]);
  const secretInput = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void profilesOf(tenant.slug).then((found) => live && setProfiles(found));
    return () => {
      live = false;
    };
  }, [tenant.slug]);

  const pickProfile = (profile: DeviceProfile) => {
    setUsername(profile.username);
    setSecret('');
    setProblems({});
    submit.clearError();
    window.requestAnimationFrame(() => secretInput.current?.querySelector('input')?.focus());
  };

  const submit = useAsyncAction(async () => {
    const found = collectProblems<Field>({
      username: usernameProblem(username),
      secret: method === 'pin' ? pinProblem(secret) : signInPasswordProblem(secret),
    });
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    const credentials =
      method === 'pin'
        ? { username: normaliseUsername(username), pin: secret }
        : { username: normaliseUsername(username), password: secret };
    let user: MeResponse['user'];
    try {
      ({ user } = await api.post<MeResponse>('/auth/signin', credentials));
    } catch (error) {
      // No network: a learner who signed in here before can carry on with what this device knows.
      if (!(error instanceof ApiError) || !error.isNetworkFailure) throw error;
      user = await signInWithoutNetwork(tenant.slug, credentials.username, method, secret);
      session.signedIn(user);
      navigate(next, { replace: true });
      return;
    }
    // Keep a verifier and a device token for this learner, so they can sign in and sync offline later.
    await rememberOnDevice(api, tenant.slug, user, method, secret);
    session.signedIn(user);
    navigate(next, { replace: true });
  });

  const switchMethod = (id: string) => {
    setMethod(id === 'pin' ? 'pin' : 'password');
    setSecret('');
    setProblems({});
    submit.clearError();
  };

  const problem = (field: Field) => {
    const key = problems[field];
    return key ? t(key) : null;
  };
  const secretField =
    method === 'pin' ? (
      <TextField
        label={t('auth.pin')}
        description={t('auth.pinHint')}
        type={reveal ? 'text' : 'password'}
        inputMode="numeric"
        autocomplete="off"
        maxLength={6}
        value={secret}
        onValue={(value) => setSecret(asciiDigits(value))}
        error={problem('secret')}
      />
    ) : (
      <TextField
        label={t('auth.password')}
        type={reveal ? 'text' : 'password'}
        autocomplete="current-password"
        value={secret}
        onValue={setSecret}
        error={problem('secret')}
      />
    );

  const form = (
    <Form onSubmit={submit.run} busy={submit.busy} invalidAttempt={invalidAttempt} class="stack">
      {submit.error !== null && <Alert tone="error">{signInErrorMessage(i18n, submit.error, method)}</Alert>}
      <TextField
        label={t('auth.username')}
        autocomplete="username"
        autocapitalize="none"
        spellcheck={false}
        value={username}
        onValue={setUsername}
        error={problem('username')}
      />
      <div ref={secretInput}>{secretField}</div>
      <Checkbox
        label={t(method === 'pin' ? 'auth.showPin' : 'auth.showPassword')}
        checked={reveal}
        onChecked={setReveal}
      />
      <FormActions>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {submit.busy ? t('auth.signingIn') : t('auth.signInSubmit')}
        </Button>
      </FormActions>
    </Form>
  );

  return (
    <div class="page page--narrow">
      <PageHeading>{t('auth.signInTitle')}</PageHeading>
      <p>{t('auth.signInIntro', { name: tenant.name })}</p>
      <DeviceProfiles profiles={profiles} onPick={pickProfile} />
      {tenant.allowPin ? (
        <Tabs
          label={t('auth.method')}
          selected={method}
          onSelect={switchMethod}
          items={[
            { id: 'password', label: t('auth.withPassword'), panel: form },
            { id: 'pin', label: t('auth.withPin'), panel: form },
          ]}
        />
      ) : (
        form
      )}
      {tenant.signupPolicy !== 'admin' && (
        <p class="page__aside">
          {t('auth.noAccount')}{' '}
          <Link to={next === '/' ? paths.signUp : `${paths.signUp}?next=${encodeURIComponent(next)}`}>
            {t('nav.signUp')}
          </Link>
        </p>
      )}
    </div>
  );
}
