import { useEffect, useId, useState } from 'preact/hooks';
import { useTenant, useUser } from '../../../app/context.js';
import { paths } from '../../../app/paths.js';
import { useI18n } from '../../../i18n/i18n.js';
import { downloadStore } from '../../../offline/downloads/idb-store.js';
import { jobKey, managerDeps, startDownload, stopDownload } from '../../../offline/downloads/jobs.js';
import { planPath, type PathPlan } from '../../../offline/downloads/manager.js';
import { courseKey, type DataSaver } from '../../../offline/downloads/store.js';
import { Link } from '../../../router/Link.js';
import { Alert, Button, Spinner } from '../../../ui/index.js';
import { JobView, SaverChoice, SizeFacts } from './DownloadParts.js';
import { readEstimate, useJob, useOnline } from './download-hooks.js';
import './downloads.css';

export interface PathDownloadProps {
  readonly pathId: string;
  readonly title: string;
}

/** "Use offline" on a learning path: every course of it, with one size and one progress bar. */
export default function PathDownload({ pathId, title }: PathDownloadProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const user = useUser();
  const headingId = useId();
  const online = useOnline();
  const key = jobKey(tenant.slug, { kind: 'path', pathId });
  const job = useJob(key);
  const [saver, setSaver] = useState<DataSaver>('full');
  const [plan, setPlan] = useState<PathPlan | null>(null);
  const [allHeld, setAllHeld] = useState(false);
  const [free, setFree] = useState<number | null>(null);
  const running = job?.kind === 'running' || job?.kind === 'queued';

  useEffect(() => {
    if (!online) return;
    const controller = new AbortController();
    void planPath(managerDeps(), tenant.slug, pathId, saver, controller.signal).then(
      async (measured) => {
        const store = downloadStore();
        const records = await Promise.all(
          measured.courses.map((c) => store.getCourse(courseKey(tenant.slug, c.courseId))),
        );
        if (controller.signal.aborted) return;
        setAllHeld(measured.needed === 0 && records.every((r) => r?.complete && !r.pending));
        setPlan(measured);
      },
      () => undefined,
    );
    void readEstimate().then((estimate) => setFree(estimate.free));
    return () => controller.abort();
  }, [online, tenant.slug, pathId, saver, job?.kind]);

  const hasVideo = plan?.courses.some((c) => c.plan.videos > 0) ?? false;
  const hasRenditions = plan?.courses.some((c) => c.plan.hasRenditions) ?? false;
  const start = () =>
    void startDownload({ slug: tenant.slug, userId: user.id, saver, target: { kind: 'path', pathId } });

  return (
    <section class="download-panel" aria-labelledby={headingId} lang={i18n.locale}>
      <h2 id={headingId}>{t('downloads.pathHeading')}</h2>
      {!online && !running ? (
        <Alert tone="info">{t('downloads.offline')}</Alert>
      ) : allHeld && !running ? (
        <p class="download-panel__done">
          <span class="badge badge--completed">{t('downloads.onDevice')}</span> {t('downloads.pathDone')}
        </p>
      ) : running ? null : plan === null ? (
        <Spinner label={t('downloads.measuring')} />
      ) : (
        <>
          {hasVideo && <SaverChoice value={saver} onValue={setSaver} hasRenditions={hasRenditions} />}
          <SizeFacts bytes={plan.bytes} needed={plan.needed} free={free} />
          <Button variant="primary" onClick={start}>
            {t('downloads.start', { size: i18n.formatBytes(plan.needed) })}
          </Button>
        </>
      )}
      <JobView status={job} title={title} onStop={() => stopDownload(key)} />
      <p>
        <Link to={paths.downloads}>{t('downloads.seeAll')}</Link>
      </p>
    </section>
  );
}
