import { paths } from '../../app/paths.js';
import { useTenant } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import type { PageProps } from '../../router/Router.js';
import { LinkButton, PageHeading } from '../../ui/index.js';

/** Shown in place of a page the signed-in user's roles do not open; the address stays as it was. */
export default function NotAllowedPage(_props: PageProps) {
  const t = useT();
  const tenant = useTenant();
  return (
    <div class="page page--narrow">
      <PageHeading>{t('system.notAllowedTitle')}</PageHeading>
      <p>{t('system.notAllowedBody', { name: tenant.name })}</p>
      <p>
        <LinkButton to={paths.home} variant="primary">
          {t('system.goHome')}
        </LinkButton>
      </p>
    </div>
  );
}
