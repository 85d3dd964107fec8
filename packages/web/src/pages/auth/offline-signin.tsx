import type { CreatedDeviceToken } from '@satchel/core';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import type { Me } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import type { DeviceProfile, SecretKind } from '../../offline/profiles/profiles.js';

// Sign-in on a shared device: the learners who signed in here before, and signing in with no network.
// The profiles module (IndexedDB, WebCrypto) is loaded only when needed.

import './offline-signin.css';

const profilesModule = () => import('../../offline/profiles/profiles.js');

export async function profilesOf(slug: string): Promise<DeviceProfile[]> {
  try {
    return await (await profilesModule()).listProfiles(slug);
  } catch {
    return [];
  }
}

/** A name for this device in the learner's list of devices: the browser's own description. */
function deviceLabel(): string {
  const agent = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  return (agent || 'Browser').slice(0, 100);
}

/**
 * After an online sign-in: keeps a verifier of the secret and, the first time, a device token. Never
 * fails the sign-in: without them the learner only loses offline sign-in on this device.
 */
export async function rememberOnDevice(
  api: ApiClient,
  slug: string,
  user: Me,
  kind: SecretKind,
  secret: string,
): Promise<void> {
  try {
    const { rememberSignIn } = await profilesModule();
    await rememberSignIn(slug, user, kind, secret, async () => {
      const created = await api.post<CreatedDeviceToken>('/auth/devices', { label: deviceLabel() });
      return created.token;
    });
  } catch {
    // Storage refused (private mode) or the token request failed: online use is unaffected.
  }
}

/** Signs in against the verifier kept on this device; throws an ApiError the sign-in form can show. */
export async function signInWithoutNetwork(
  slug: string,
  username: string,
  kind: SecretKind,
  secret: string,
): Promise<Me> {
  const { listProfiles, signInOffline } = await profilesModule();
  const known = (await listProfiles(slug).catch(() => [])).some((p) => p.username === username);
  if (!known) throw new ApiError(0, 'offline_no_profile', 'This learner has not signed in on this device');
  const me = await signInOffline(slug, username, kind, secret);
  if (!me) throw new ApiError(401, 'invalid_credentials', 'The username or secret is not right');
  // The service worker serves downloaded course data per learner; it learns who from /me, which
  // could not be asked. Tell it (H1's downloads).
  await import('../../offline/downloads/jobs.js')
    .then(({ rememberLearner }) => rememberLearner(slug, me.id))
    .catch(() => undefined);
  return me;
}

/** The profile picker: one button per learner of this device, which fills in their username. */
export function DeviceProfiles({
  profiles,
  onPick,
}: {
  readonly profiles: readonly DeviceProfile[];
  readonly onPick: (profile: DeviceProfile) => void;
}) {
  const t = useT();
  if (profiles.length === 0) return null;
  return (
    <section class="device-profiles" aria-labelledby="device-profiles-title">
      <h2 id="device-profiles-title">{t('auth.deviceProfiles')}</h2>
      <p>{t('auth.deviceProfilesHint')}</p>
      <ul class="device-profiles__list" data-testid="device-profiles">
        {profiles.map((profile) => (
          <li key={profile.id}>
            <button
              type="button"
              class="button button--secondary"
              aria-label={t('auth.useProfile', { name: profile.me.displayName })}
              onClick={() => onPick(profile)}
            >
              <span dir="auto">{profile.me.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
