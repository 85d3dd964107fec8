import type { Me } from '../../api/types.js';
import { done, PROFILES, transact } from '../queue/idb.js';
import type { OutboxOwner } from '../queue/outbox-store.js';
import { deriveVerifier, verifierMatches, type Verifier } from './verifier.js';

/**
 * The learners who signed in on this device (decision 0005): several can share one phone. Each profile
 * keeps what lets its learner carry on offline: who they are, a verifier of their password or PIN
 * (PBKDF2, never the secret itself) for signing in with no network, and a device token that re-opens
 * their server session and vouches for their queued records. Downloads are shared; records are not.
 */
export interface DeviceProfile {
  /** `<slug> <userId>`, the same key the outbox files the learner's records under. */
  readonly id: string;
  readonly slug: string;
  readonly userId: string;
  readonly username: string;
  readonly me: Me;
  readonly verifiers: { readonly password?: Verifier; readonly pin?: Verifier };
  readonly deviceToken: string | null;
  readonly lastSignedInAt: string;
}

export type SecretKind = 'password' | 'pin';

const profileId = (slug: string, userId: string) => `${slug} ${userId}`;

const read = (id: string) =>
  transact(PROFILES, 'readonly', async (store) => (await done(store.get(id))) as DeviceProfile | undefined);

const write = (profile: DeviceProfile) =>
  transact(PROFILES, 'readwrite', async (store) => {
    await done(store.put(profile));
  });

/** The profiles of one platform on this device, most recently used first. */
export async function listProfiles(slug: string): Promise<DeviceProfile[]> {
  const all = await transact(
    PROFILES,
    'readonly',
    async (store) => (await done(store.getAll())) as DeviceProfile[],
  );
  return all.filter((p) => p.slug === slug).sort((a, b) => b.lastSignedInAt.localeCompare(a.lastSignedInAt));
}

export function getProfile(slug: string, userId: string): Promise<DeviceProfile | undefined> {
  return read(profileId(slug, userId));
}

export async function deviceTokenFor(owner: OutboxOwner): Promise<string | null> {
  return (await read(profileId(owner.slug, owner.userId)))?.deviceToken ?? null;
}

/**
 * After an online sign-in: keeps (or refreshes) the learner's profile with a verifier of the secret
 * they just used. `newDeviceToken` is asked for only when the profile has none yet.
 */
export async function rememberSignIn(
  slug: string,
  me: Me,
  kind: SecretKind,
  secret: string,
  newDeviceToken: () => Promise<string | null>,
): Promise<DeviceProfile> {
  const existing = await getProfile(slug, me.id);
  const verifier = await deriveVerifier(secret);
  const deviceToken = existing?.deviceToken ?? (await newDeviceToken().catch(() => null));
  const profile: DeviceProfile = {
    id: profileId(slug, me.id),
    slug,
    userId: me.id,
    username: me.username,
    me,
    verifiers: { ...existing?.verifiers, [kind]: verifier },
    deviceToken,
    lastSignedInAt: new Date().toISOString(),
  };
  await write(profile);
  return profile;
}

/** Signing in with no network: the learner's cached account when the secret matches its verifier. */
export async function signInOffline(
  slug: string,
  username: string,
  kind: SecretKind,
  secret: string,
): Promise<Me | null> {
  const profile = (await listProfiles(slug)).find((p) => p.username === username);
  const verifier = profile?.verifiers[kind];
  if (!profile || !verifier || !(await verifierMatches(secret, verifier))) return null;
  await write({ ...profile, lastSignedInAt: new Date().toISOString() });
  return profile.me;
}

/** Keeps the profile's cached account up to date (name, language) after the server answered. */
export async function refreshProfile(slug: string, me: Me): Promise<void> {
  const existing = await getProfile(slug, me.id);
  if (existing) await write({ ...existing, me, username: me.username });
}

/**
 * The server said this learner may no longer use this device: no more offline sign-in and no device
 * token. The profile stays in the picker (their queued records still wait) until they sign in again.
 */
export async function revokeProfile(slug: string, userId: string): Promise<void> {
  const existing = await getProfile(slug, userId);
  if (existing) await write({ ...existing, verifiers: {}, deviceToken: null });
}

export async function forgetProfile(slug: string, userId: string): Promise<void> {
  await transact(PROFILES, 'readwrite', async (store) => {
    await done(store.delete(profileId(slug, userId)));
  });
}
