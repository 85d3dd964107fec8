import type { AttemptResult, SubmitAttemptRequest } from '@satchel/core';
import { deviceTokenFor } from '../profiles/profiles.js';
import type { OutboxSender, SendOutcome } from './outbox-engine.js';
import type { OutboxOwner, OutboxRecord } from './outbox-store.js';

// How the two kinds this app queues reach the server. A record goes with its own learner's
// credential: the device token of their profile (which works whoever is signed in on the page, and
// from the service worker), or, lacking one, the page's session cookie when that session is theirs.

export const STATEMENT_KIND = 'statement';
export const QUIZ_ATTEMPT_KIND = 'quiz-attempt';
const TOKEN_HEADER = 'X-Satchel-Device-Token';

export interface QuizAttemptPayload {
  readonly courseId: string;
  readonly lessonId: string;
  readonly request: SubmitAttemptRequest;
}

/** The learner whose session cookie this page holds, as the app last saw it (pages only). */
function sessionUser(slug: string): string | null {
  try {
    const raw = globalThis.localStorage?.getItem(`satchel:${slug}:user`);
    return raw ? ((JSON.parse(raw) as { id?: string }).id ?? null) : null;
  } catch {
    return null;
  }
}

type Reply = { status: number; body: unknown } | null;

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed };
  } catch {
    return null;
  }
}

const codeOf = (reply: Reply): string => {
  const code = (reply?.body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : reply ? `http_${reply.status}` : 'network_error';
};

/** What a failed answer means for the queue; `null` when it was a success. */
function failure(reply: Reply): SendOutcome | null {
  if (!reply) return { kind: 'retry', error: 'network_error' };
  const { status } = reply;
  if (status >= 200 && status < 300)
    return reply.body === undefined ? { kind: 'retry', error: 'garbage' } : null;
  // No credential that works (signed out, unknown device): wait until the learner signs in again.
  if (status === 401) return { kind: 'unauthorised', error: codeOf(reply) };
  if (status === 408 || status === 429 || status >= 500 || status < 400) {
    return { kind: 'retry', error: codeOf(reply) };
  }
  // 400, 403, 404, 409, 413, 422: the record itself is refused, and sending it again cannot help.
  return { kind: 'rejected', error: codeOf(reply) };
}

/** The credential to send this owner's records with, or null when there is none here and now. */
async function credential(owner: OutboxOwner): Promise<{ token: string } | { cookie: true } | null> {
  const token = await deviceTokenFor(owner).catch(() => null);
  if (token) return { token };
  return sessionUser(owner.slug) === owner.userId ? { cookie: true } : null;
}

export const statementSender: OutboxSender = {
  batchSize: 50,
  async send(owner, records: readonly OutboxRecord[]) {
    const statements = records.map((r) => r.payload);
    const how = await credential(owner);
    if (!how) return { kind: 'unauthorised', error: 'signed_out' };
    if ('token' in how) {
      const reply = await post(`/api/t/${owner.slug}/device/statements`, statements, {
        [TOKEN_HEADER]: how.token,
      });
      const failed = failure(reply);
      if (failed) return failed;
      const refused = (reply?.body as { refused?: { id: string; code: string }[] } | null)?.refused ?? [];
      return { kind: 'sent', refused: new Map(refused.map((r) => [r.id, r.code])) };
    }
    const reply = await post('/xapi/statements', statements, {
      'X-Experience-API-Version': '1.0.3',
      'X-Satchel-Tenant': owner.slug,
    });
    return failure(reply) ?? { kind: 'sent' };
  },
};

export const quizAttemptSender: OutboxSender = {
  batchSize: 1,
  async send(owner, records) {
    const [record] = records;
    if (!record) return { kind: 'sent' };
    const payload = record.payload as QuizAttemptPayload;
    const path = `courses/${encodeURIComponent(payload.courseId)}/lessons/${encodeURIComponent(payload.lessonId)}/attempts`;
    const how = await credential(owner);
    if (!how) return { kind: 'unauthorised', error: 'signed_out' };
    const reply =
      'token' in how
        ? await post(`/api/t/${owner.slug}/device/${path}`, payload.request, { [TOKEN_HEADER]: how.token })
        : await post(`/api/t/${owner.slug}/${path}`, payload.request, {});
    const failed = failure(reply);
    if (failed) return failed;
    return { kind: 'sent', results: new Map([[record.key, reply?.body as AttemptResult]]) };
  },
};
