import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../../i18n/i18n.js';
import type { DownloadErrorCode } from '../../../offline/downloads/fetch-blob.js';
import { downloadStore } from '../../../offline/downloads/idb-store.js';
import { jobStatus, subscribe, type JobStatus } from '../../../offline/downloads/jobs.js';
import type { CourseDownload } from '../../../offline/downloads/store.js';

/** navigator.onLine, kept current. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export interface StorageEstimateView {
  readonly usage: number | null;
  readonly free: number | null;
}

/** What the browser says about this site's storage; null fields where it does not say. */
export async function readEstimate(): Promise<StorageEstimateView> {
  try {
    const estimate = await navigator.storage?.estimate?.();
    if (!estimate) return { usage: null, free: null };
    const usage = estimate.usage ?? null;
    const free = estimate.quota !== undefined ? Math.max(0, estimate.quota - (usage ?? 0)) : null;
    return { usage, free };
  } catch {
    return { usage: null, free: null };
  }
}

/** A download job's status in this tab, re-rendering as it progresses. */
export function useJob(key: string): JobStatus | null {
  const [status, setStatus] = useState(() => jobStatus(key));
  useEffect(() => {
    setStatus(jobStatus(key));
    return subscribe(() => setStatus(jobStatus(key)));
  }, [key]);
  return status;
}

/** The course's record on the device (null: not downloaded), re-read whenever a job changes. */
export function useCourseRecord(key: string): {
  readonly record: CourseDownload | null | undefined;
  readonly reload: () => void;
} {
  const [record, setRecord] = useState<CourseDownload | null | undefined>(undefined);
  const reload = useCallback(() => {
    downloadStore()
      .getCourse(key)
      .then(setRecord, () => setRecord(null));
  }, [key]);
  useEffect(() => {
    reload();
    return subscribe(reload);
  }, [reload]);
  return { record, reload };
}

export const ERROR_MESSAGES: Readonly<Record<DownloadErrorCode, MessageKey | null>> = {
  quota: 'downloads.errorQuota',
  network: 'downloads.errorNetwork',
  server: 'downloads.errorServer',
  integrity: 'downloads.errorIntegrity',
  'signed-out': 'downloads.errorSignedOut',
  'not-found': 'downloads.errorNotFound',
  aborted: null,
};
