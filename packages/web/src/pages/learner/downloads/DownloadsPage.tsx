import type { CoursePage } from '@satchel/core';
import { useEffect, useState } from 'preact/hooks';
import { useApi, useTenant, useUser } from '../../../app/context.js';
import { Loaded } from '../../../app/Loaded.js';
import { paths } from '../../../app/paths.js';
import type { Resource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { downloadStore } from '../../../offline/downloads/idb-store.js';
import {
  rememberLearner,
  removeDownload,
  startDownload,
  stopDownload,
  subscribe,
} from '../../../offline/downloads/jobs.js';
import { bytesNeeded, heldBytes } from '../../../offline/downloads/manager.js';
import { planCourse } from '../../../offline/downloads/plan.js';
import type { CourseDownload } from '../../../offline/downloads/store.js';
import { Link } from '../../../router/Link.js';
import {
  Alert,
  Button,
  ConfirmDialog,
  EmptyState,
  PageHeading,
  showToast,
  useAsyncAction,
} from '../../../ui/index.js';
import { JobView } from './DownloadParts.js';
import { readEstimate, useJob, useOnline, type StorageEstimateView } from './download-hooks.js';
import './downloads.css';

interface Update {
  readonly versionId: string;
  readonly needed: number;
}

function DownloadRow({
  record,
  onDelete,
}: {
  readonly record: CourseDownload;
  readonly onDelete: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const user = useUser();
  const online = useOnline();
  const job = useJob(record.key);
  const [update, setUpdate] = useState<Update | null>(null);
  const [pendingLeft, setPendingLeft] = useState<number | null>(null);
  const running = job?.kind === 'running' || job?.kind === 'queued';
  const held = record.complete ?? record.pending;
  const saver = held?.saver ?? 'full';

  useEffect(() => {
    const pending = record.pending;
    if (!pending) return;
    let live = true;
    void heldBytes(downloadStore(), pending.blobs)
      .then((held) => live && setPendingLeft(Math.max(0, pending.bytes - held)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [record, job?.kind]);

  useEffect(() => {
    // Online, the catalog's latest version tells whether a newer one is published.
    if (!online || !record.complete) return;
    const controller = new AbortController();
    api
      .get<CoursePage>(`/courses/${encodeURIComponent(record.courseId)}`, { signal: controller.signal })
      .then(async (page) => {
        if (page.course.versionId === record.complete?.versionId) return setUpdate(null);
        const needed = await bytesNeeded(downloadStore(), planCourse(page.course, saver));
        if (!controller.signal.aborted) setUpdate({ versionId: page.course.versionId, needed });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [online, api, record, saver]);

  const download = () =>
    void startDownload({
      slug: record.slug,
      userId: user.id,
      saver,
      target: { kind: 'course', courseId: record.courseId },
    });

  return (
    <li class="downloads-list__item">
      <h2 class="downloads-list__title" lang={record.language} dir="auto">
        {record.complete ? <Link to={paths.course(record.courseId)}>{record.title}</Link> : record.title}
      </h2>
      <p class="download-panel__facts">
        {held && <span>{i18n.formatBytes(held.bytes)}</span>}
        {held && <span>{t('downloads.version', { version: held.version })}</span>}
        {record.complete && <span class="badge badge--completed">{t('downloads.onDevice')}</span>}
      </p>
      {record.pending && !running && pendingLeft !== null && (
        <p>
          {t('downloads.paused', {
            done: i18n.formatBytes(record.pending.bytes - pendingLeft),
            total: i18n.formatBytes(record.pending.bytes),
          })}
        </p>
      )}
      {update && !running && (
        <Alert tone="info">{t('downloads.updateAvailable', { size: i18n.formatBytes(update.needed) })}</Alert>
      )}
      <JobView status={job} title={record.title} onStop={() => stopDownload(record.key)} />
      {!running && (
        <div class="downloads-list__actions">
          {online && record.pending && (
            <Button variant="primary" onClick={download}>
              {t('downloads.resume')}
            </Button>
          )}
          {online && update && !record.pending && (
            <Button variant="primary" onClick={download}>
              {t('downloads.update')}
            </Button>
          )}
          <Button variant="danger" onClick={onDelete}>
            {t('downloads.delete')}
            <span class="sr-only"> {record.title}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

/** The courses on this device for this platform: sizes, versions, updates, delete. */
export default function DownloadsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const tenant = useTenant();
  const user = useUser();
  const [records, setRecords] = useState<Resource<CourseDownload[]>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [estimate, setEstimate] = useState<StorageEstimateView>({ usage: null, free: null });
  const [deleting, setDeleting] = useState<CourseDownload | null>(null);

  useEffect(() => {
    void rememberLearner(tenant.slug, user.id);
    const load = () => {
      downloadStore()
        .listCourses()
        .then(
          (all) =>
            setRecords({
              status: 'ready',
              data: all
                .filter((record) => record.slug === tenant.slug)
                .sort((a, b) => a.title.localeCompare(b.title, i18n.locale)),
            }),
          (error: unknown) => setRecords({ status: 'error', error }),
        );
      void readEstimate().then(setEstimate);
    };
    load();
    return subscribe(load);
  }, [tenant.slug, user.id, i18n.locale, attempt]);
  const list = {
    ...records,
    reload: () => {
      setRecords({ status: 'loading' });
      setAttempt((count) => count + 1);
    },
  };

  const remove = useAsyncAction(async () => {
    if (!deleting) return;
    await removeDownload(deleting.key);
    showToast(t('downloads.deleted', { title: deleting.title }), 'success');
    setDeleting(null);
  });

  return (
    <div class="page downloads-page">
      <PageHeading>{t('downloads.title')}</PageHeading>
      <p>{t('downloads.intro')}</p>
      <p class="download-panel__facts">
        {estimate.usage !== null && (
          <span>{t('downloads.used', { size: i18n.formatBytes(estimate.usage) })}</span>
        )}
        <span>
          {estimate.free === null
            ? t('downloads.freeUnknown')
            : t('downloads.free', { free: i18n.formatBytes(estimate.free) })}
        </span>
      </p>
      <Loaded
        resource={list}
        block
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('downloads.title')} description={t('downloads.empty')} />}
      >
        {(data) => (
          <ul class="downloads-list">
            {data.map((record) => (
              <DownloadRow key={record.key} record={record} onDelete={() => setDeleting(record)} />
            ))}
          </ul>
        )}
      </Loaded>
      <ConfirmDialog
        open={deleting !== null}
        title={t('downloads.deleteTitle', { title: deleting?.title ?? '' })}
        confirmLabel={t('downloads.delete')}
        danger
        action={remove}
        onCancel={() => {
          setDeleting(null);
        }}
      >
        <p>{t('downloads.deleteHelp')}</p>
      </ConfirmDialog>
    </div>
  );
}
