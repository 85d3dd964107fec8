import type { SyncService } from '../sync/sync.service.js';
import type { Upstream } from './mirror.client.js';

/**
 * The upstream of a registered hub (`satchel hub register`), with the credential record
 * sync was issued; null when this server is not registered as a hub of the tenant.
 */
export async function upstreamFromLink(
  sync: Pick<SyncService, 'repo' | 'instanceId'>,
  tenantId: string,
): Promise<Upstream | null> {
  const link = await sync.repo.link(tenantId);
  if (!link) return null;
  return {
    baseUrl: link.upstream_url,
    tenantSlug: link.upstream_slug,
    hub: { credential: `${link.hub_id}.${link.secret}`, instanceId: await sync.instanceId() },
  };
}
