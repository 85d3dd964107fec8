import type { CourseManifest } from '@satchel/core';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { useTenant, useUser } from '../../../app/context.js';
import { paths } from '../../../app/paths.js';
import { useI18n } from '../../../i18n/i18n.js';
import { downloadStore } from '../../../offline/downloads/idb-store.js';
import { rememberLearner, startDownload, stopDownload } from '../../../offline/downloads/jobs.js';
import { bytesNeeded } from '../../../offline/downloads/manager.js';
import { planCourse } from '../../../offline/downloads/plan.js';
import { courseKey, type DataSaver } from '../../../offline/downloads/store.js';
import { Link } from '../../../router/Link.js';
import { Alert, Button } from '../../../ui/index.js';
import { JobView, SaverChoice, SizeFacts } from './DownloadParts.js';
import { readEstimate, useCourseRecord, useJob, useOnline } from './download-hooks.js';
import './downloads.css';

export interface CourseDownloadProps {
  readonly course: CourseManifest;
}

/** "Use offline" on a course page: the size before anything is fetched, then the download and its state. */
export default function CourseDownload({ course }: CourseDownloadProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const user = useUser();
  const headingId = useId();
  const online = useOnline();
  const key = courseKey(tenant.slug, course.courseId);
  const { record } = useCourseRecord(key);
  const job = useJob(key);
  const [saver, setSaver] = useState<DataSaver>('full');
  const plan = useMemo(() => planCourse(course, saver), [course, saver]);
  const [needed, setNeeded] = useState<number | null>(null);
  const [free, setFree] = useState<number | null>(null);
  const running = job?.kind === 'running' || job?.kind === 'queued';

  useEffect(() => {
    if (record?.pending ?? record?.complete) setSaver((record.pending ?? record.complete)!.saver);
  }, [record]);
  useEffect(() => {
    void rememberLearner(tenant.slug, user.id);
  }, [tenant.slug, user.id]);
  useEffect(() => {
    let live = true;
    void bytesNeeded(downloadStore(), plan)
      .catch(() => plan.bytes)
      .then((bytes) => live && setNeeded(bytes));
    void readEstimate().then((estimate) => live && setFree(estimate.free));
    return () => {
      live = false;
    };
  }, [plan, job?.kind]);

  const current = record?.complete?.versionId === course.versionId && !record.pending;
  const start = () =>
    void startDownload({
      slug: tenant.slug,
      userId: user.id,
      saver,
      target: { kind: 'course', courseId: course.courseId },
    });

  return (
    <section class="download-panel" aria-labelledby={headingId} lang={i18n.locale}>
      <h2 id={headingId}>{t('downloads.courseHeading')}</h2>
      {current && !running ? (
        <>
          <p class="download-panel__done">
            <span class="badge badge--completed">{t('downloads.onDevice')}</span> {t('downloads.done')}
          </p>
          <p class="download-panel__facts">
            <span>{t('downloads.courseSize', { size: i18n.formatBytes(record.complete!.bytes) })}</span>
          </p>
        </>
      ) : (
        <>
          {record?.complete && record.complete.versionId !== course.versionId && needed !== null && (
            <Alert tone="info">{t('downloads.updateAvailable', { size: i18n.formatBytes(needed) })}</Alert>
          )}
          {record?.pending && !running && needed !== null && (
            <p>
              {t('downloads.paused', {
                done: i18n.formatBytes(Math.max(0, record.pending.bytes - needed)),
                total: i18n.formatBytes(record.pending.bytes),
              })}
            </p>
          )}
          {plan.videos > 0 && !running && (
            <SaverChoice value={saver} onValue={setSaver} hasRenditions={plan.hasRenditions} />
          )}
          {plan.skippedVideos > 0 && <p>{t('downloads.videoSkipped', { count: plan.skippedVideos })}</p>}
          {needed !== null && !running && <SizeFacts bytes={plan.bytes} needed={needed} free={free} />}
          {!running &&
            (online ? (
              <Button variant="primary" onClick={start}>
                {record?.pending
                  ? t('downloads.resume')
                  : record?.complete
                    ? t('downloads.update')
                    : t('downloads.start', { size: i18n.formatBytes(needed ?? plan.bytes) })}
              </Button>
            ) : (
              <Alert tone="info">{t('downloads.offline')}</Alert>
            ))}
        </>
      )}
      <JobView status={job} title={course.title} onStop={() => stopDownload(key)} />
      <p>
        <Link to={paths.downloads}>{t('downloads.seeAll')}</Link>
      </p>
    </section>
  );
}
