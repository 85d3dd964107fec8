import { paths } from '../../app/paths.js';
import { useT } from '../../i18n/i18n.js';
import type { PageProps } from '../../router/Router.js';
import { LinkButton, PageHeading } from '../../ui/index.js';

export default function NotFoundPage(_props: PageProps) {
  const t = useT();
  return (
    <div class="page page--narrow">
      <PageHeading>{t('system.notFoundTitle')}</PageHeading>
      <p>{t('system.notFoundBody')}</p>
      <p>
        <LinkButton to={paths.home} variant="primary">
          {t('system.goHome')}
        </LinkButton>
      </p>
    </div>
  );
}
