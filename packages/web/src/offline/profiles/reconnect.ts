import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import type { Me, MeResponse } from '../../api/types.js';
import type { Session } from '../../app/context.js';
import { getProfile, refreshProfile, revokeProfile } from './profiles.js';

export type ReconnectOutcome = 'current' | 'reopened' | 'offline' | 'no-token' | 'revoked';

/**
 * Back online with a learner signed in on the device: make the server session theirs again. When the
 * cookie lapsed (weeks offline) or belongs to another learner of this device (signed in offline since),
 * the profile's device token opens a new session. When the server says the device may no longer act
 * for them (token revoked, account disabled), they are signed out here too; their queued records
 * stay and are still sent, since the server takes those made before the revocation.
 */
export async function reconnect(
  api: ApiClient,
  session: Session,
  slug: string,
  user: Me,
): Promise<ReconnectOutcome> {
  try {
    const { user: current } = await api.get<MeResponse>('/me');
    if (current.id === user.id) {
      await refreshProfile(slug, current).catch(() => undefined);
      return 'current';
    }
  } catch (error) {
    if (!(error instanceof ApiError) || error.isNetworkFailure) return 'offline';
    if (error.status !== 401) return 'offline';
  }
  const profile = await getProfile(slug, user.id).catch(() => undefined);
  if (!profile?.deviceToken) return 'no-token';
  try {
    const { user: reopened } = await api.post<MeResponse>(
      '/auth/devices/session',
      {},
      {
        headers: { 'X-Satchel-Device-Token': profile.deviceToken },
      },
    );
    session.updated(reopened);
    await refreshProfile(slug, reopened).catch(() => undefined);
    return 'reopened';
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) return 'offline';
    await revokeProfile(slug, user.id);
    await session.signOut().catch(() => undefined);
    return 'revoked';
  }
}
