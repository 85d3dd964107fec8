import type { ScormCommitRequest } from '@satchel/core';
import {
  enqueue,
  registerOutboxKind,
  type OutboxSender,
  type SendOutcome,
} from '../../offline/queue/outbox.js';

// SCORM commits go through the device's record outbox (offline/queue): stored in IndexedDB first,
// sent in order per learner when the server can be reached. The server's commit route is idempotent by
// session and sequence, so a commit sent twice changes nothing.

export const SCORM_COMMIT_KIND = 'scorm-commit';

export interface ScormCommitPayload {
  readonly courseId: string;
  readonly lessonId: string;
  readonly request: ScormCommitRequest;
}

export const commitKey = (r: ScormCommitRequest): string =>
  `${r.attemptId}/${r.itemId}/${r.sessionId}/${r.seq}`;

function commitUrl(slug: string, payload: ScormCommitPayload): string {
  const course = encodeURIComponent(payload.courseId);
  const lesson = encodeURIComponent(payload.lessonId);
  return `/api/t/${encodeURIComponent(slug)}/courses/${course}/lessons/${lesson}/scorm/commits`;
}

/** Posts with the page's session cookie (the learner who played the SCO is the one signed in). */
async function post(slug: string, payload: ScormCommitPayload): Promise<SendOutcome> {
  let status = 0;
  try {
    const response = await fetch(commitUrl(slug, payload), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload.request),
      credentials: 'same-origin',
      keepalive: true,
    });
    status = response.status;
  } catch {
    return { kind: 'retry', error: 'network_error' };
  }
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 401) return { kind: 'unauthorised', error: 'signed_out' };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', error: `http_${status}` };
  return { kind: 'rejected', error: `http_${status}` };
}

export const scormCommitSender: OutboxSender = {
  batchSize: 1,
  async send(owner, records) {
    const [record] = records;
    if (!record) return { kind: 'sent' };
    return post(owner.slug, record.payload as ScormCommitPayload);
  },
};

let registered = false;

/** Adds the kind to the outbox (the app's service worker should register it too, for Background Sync). */
export function registerScormCommits(): void {
  if (registered) return;
  registered = true;
  registerOutboxKind(SCORM_COMMIT_KIND, scormCommitSender);
}

/** Queues a commit; without an outbox here (nobody signed in, no IndexedDB) it is posted at once. */
export async function sendScormCommit(slug: string, payload: ScormCommitPayload): Promise<void> {
  registerScormCommits();
  try {
    await enqueue(SCORM_COMMIT_KIND, commitKey(payload.request), payload);
  } catch {
    await post(slug, payload);
  }
}
