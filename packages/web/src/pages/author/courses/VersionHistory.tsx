import { useApi } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Table } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';

/** The published versions of a course, newest first. `revision` changes after each publish. */
export function VersionHistory({
  courseId,
  revision,
}: {
  readonly courseId: string;
  readonly revision: number;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const versions = useResource(
    (signal) => authorApi.versions(api, courseId, signal),
    [api, courseId, revision],
  );
  return (
    <section class="stack" aria-labelledby="course-versions-heading">
      <h2 id="course-versions-heading">{t('author.versions.heading')}</h2>
      <Loaded
        resource={versions}
        errorMessage={(error) => authorErrorMessage(i18n, error)}
        isEmpty={(data) => data.items.length === 0}
        empty={<p>{t('author.versions.none')}</p>}
      >
        {(data) => (
          <Table caption={t('author.versions.caption')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('author.versions.version')}</th>
                <th scope="col">{t('author.versions.publishedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((version) => (
                <tr key={version.versionId}>
                  <th scope="row">{t('author.versions.number', { version: version.version })}</th>
                  <td>{i18n.formatDate(version.publishedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Loaded>
    </section>
  );
}
