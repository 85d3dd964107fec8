import type { CourseImportReport, CourseImportReportItem } from '@satchel/core';
import { useT } from '../../../i18n/i18n.js';
import type { MessageKey } from '../../../i18n/messages/en.js';
import { Alert, Table } from '../../../ui/index.js';

const KIND: Record<CourseImportReportItem['kind'], MessageKey> = {
  discussion: 'author.ccReport.kind.discussion',
  lti: 'author.ccReport.kind.lti',
  question: 'author.ccReport.kind.question',
  quiz: 'author.ccReport.kind.quiz',
  file: 'author.ccReport.kind.file',
  page: 'author.ccReport.kind.page',
  link: 'author.ccReport.kind.link',
  resource: 'author.ccReport.kind.resource',
  module: 'author.ccReport.kind.module',
  course: 'author.ccReport.kind.course',
};

/** What a Common Cartridge import brought across, and every item it could not (or changed). */
export function CartridgeReportView({ report }: { readonly report: CourseImportReport }) {
  const t = useT();
  const s = report.summary;
  return (
    <section class="stack" aria-labelledby="cc-report">
      <h2 id="cc-report">{t('author.ccReport.title')}</h2>
      <p>
        {t('author.ccReport.summary', {
          version: report.version,
          modules: s.modules,
          lessons: s.lessons,
          quizzes: s.quizzes,
          questions: s.questions,
        })}
      </p>
      {report.items.length === 0 ? (
        <Alert tone="success">{t('author.ccReport.complete')}</Alert>
      ) : (
        <Table caption={t('author.ccReport.caption', { count: report.items.length })}>
          <thead>
            <tr>
              <th scope="col">{t('author.ccReport.outcome')}</th>
              <th scope="col">{t('author.ccReport.what')}</th>
              <th scope="col">{t('author.ccReport.where')}</th>
              <th scope="col">{t('author.ccReport.why')}</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((item, index) => (
              <tr key={index}>
                <td>
                  {t(item.severity === 'skipped' ? 'author.ccReport.skipped' : 'author.ccReport.changed')}
                </td>
                <th scope="row" dir="auto">
                  {t(KIND[item.kind])}: {item.title}
                </th>
                <td dir="auto">
                  {item.where}
                  {item.file && (
                    <>
                      {' '}
                      <code dir="ltr">{item.file}</code>
                    </>
                  )}
                </td>
                <td dir="auto">{item.reason}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
