import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { PageProps } from '../../../router/Router.js';
import { LinkButton, PageHeading } from '../../../ui/index.js';
import { courseEditorPath } from '../courses/author-paths.js';
import { cartridgeApi } from './cartridge-api.js';
import { CartridgeReportView } from './CartridgeReportView.js';

/** The report kept with a course imported from a Common Cartridge. */
export default function ImportReportPage({ params }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const courseId = params.courseId ?? '';
  const report = useResource((signal) => cartridgeApi.report(api, courseId, signal), [api, courseId]);
  return (
    <div class="page stack author-page">
      <PageHeading>{t('author.ccReport.pageTitle')}</PageHeading>
      <p>
        <LinkButton to={courseEditorPath(courseId)}>{t('author.ccImport.openEditor')}</LinkButton>
      </p>
      <Loaded resource={report}>{(data) => <CartridgeReportView report={data} />}</Loaded>
    </div>
  );
}
