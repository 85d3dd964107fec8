import { instanceApi } from '../../api/client.js';
import type { TenantListResponse } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { TENANT_SLUG, tenantBase } from '../../router/paths.js';
import { Spinner } from '../../ui/feedback.js';
import { PageHeading } from '../../ui/layout-parts.js';
import { useResource } from '../use-resource.js';

const api = instanceApi();

/**
 * Lists the tenants from `GET /api/tenants`. A server may not offer that list (a single national
 * platform, or one that keeps its list private); then we explain how to find the address instead.
 */
export function TenantList() {
  const i18n = useI18n();
  const tenants = useResource(
    (signal) =>
      api
        .get<TenantListResponse>('/tenants', { signal })
        .then((body) =>
          Array.isArray(body?.items) ? body.items.filter((item) => TENANT_SLUG.test(item.slug)) : [],
        ),
    [],
  );
  return (
    <div class="page page--narrow">
      <PageHeading>{i18n.t('tenants.title')}</PageHeading>
      {tenants.status === 'loading' && <Spinner block />}
      {tenants.status === 'ready' && tenants.data.length > 0 && (
        <>
          <p>{i18n.t('tenants.intro')}</p>
          <ul class="tenant-list">
            {tenants.data.map((tenant) => (
              <li key={tenant.slug}>
                <a class="tenant-list__link" href={`${tenantBase(tenant.slug)}/`}>
                  {tenant.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {(tenants.status === 'error' || (tenants.status === 'ready' && tenants.data.length === 0)) && (
        <p>{i18n.t('tenants.none')}</p>
      )}
    </div>
  );
}
