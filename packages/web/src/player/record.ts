import type { Statement } from '@satchel/core';

/**
 * Where the player's xAPI statements go. The player only ever calls `recordStatement`; today it posts to
 * the LRS, and the offline app will swap in a recorder that queues in IndexedDB and syncs later.
 */
export interface StatementRecorder {
  /** Resolves once the statement is stored or queued to be sent again; it never rejects. */
  recordStatement(statement: Statement): Promise<void>;
}

export interface HttpRecorderOptions {
  /** Origin to post to; empty means this page's origin. Tests pass a fake fetch instead. */
  readonly origin?: string;
  readonly fetch?: typeof fetch;
  /** Statements kept for a later try while the LRS cannot be reached; the oldest go first. */
  readonly maxQueued?: number;
}

/** Browsers refuse keepalive requests whose bodies together pass 64 KiB. */
const KEEPALIVE_LIMIT = 60_000;

/** Worth sending again later: nothing reached the server, or it was busy or broken. */
const retriable = (status: number): boolean =>
  status === 0 || status === 408 || status === 429 || status >= 500;

export interface HttpRecorder extends StatementRecorder {
  /** Sends whatever is still queued (called again when the browser comes back online). */
  flush(): Promise<void>;
  /** How many statements wait for a retry. */
  queued(): number;
}

/**
 * Posts statements to `POST /xapi/statements` with the learner's session cookie; the tenant header
 * tells the LRS whose cookie it is. Statement ids make re-sending harmless (the LRS stores each once),
 * so anything not acknowledged stays queued and goes with the next statement or when the network
 * returns. Requests use keepalive, so the last progress of a video still leaves when the tab closes.
 */
export function httpRecorder(slug: string, options: HttpRecorderOptions = {}): HttpRecorder {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const maxQueued = options.maxQueued ?? 500;
  const url = `${options.origin ?? ''}/xapi/statements`;
  let queue: Statement[] = [];
  let sending: Promise<void> | null = null;

  async function sendOnce(): Promise<void> {
    const batch = queue.slice();
    if (batch.length === 0) return;
    const body = JSON.stringify(batch);
    let status = 0;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Experience-API-Version': '1.0.3',
          'X-Satchel-Tenant': slug,
        },
        body,
        credentials: 'same-origin',
        keepalive: body.length < KEEPALIVE_LIMIT,
      });
      status = response.status;
    } catch {
      status = 0;
    }
    if (status >= 200 && status < 300) {
      queue = queue.filter((statement) => !batch.includes(statement));
      return;
    }
    if (!retriable(status)) {
      // Refused for good (signed out, malformed, conflicting id): sending it again cannot help.
      console.warn(`The learning record refused ${batch.length} statement(s) (HTTP ${status})`);
      queue = queue.filter((statement) => !batch.includes(statement));
    }
  }

  function flush(): Promise<void> {
    // One request at a time, so a statement is never in two requests at once.
    sending ??= sendOnce().finally(() => {
      sending = null;
    });
    return sending;
  }

  if (typeof window !== 'undefined') window.addEventListener('online', () => void flush());

  return {
    async recordStatement(statement) {
      queue.push(statement);
      if (queue.length > maxQueued) queue = queue.slice(queue.length - maxQueued);
      // A request already under way does not carry this statement: wait for it, then send again.
      if (sending) await sending;
      await flush();
    },
    flush,
    queued: () => queue.length,
  };
}

/**
 * The recorder the app uses: every statement goes to the device's outbox (IndexedDB, sent in order when
 * the server can be reached, see offline/queue), which is loaded on first use so lessons that record
 * nothing never pay for it. Where IndexedDB is refused (some private modes), statements are posted
 * directly as before, with their in-memory retry.
 */
export function outboxRecorder(
  slug: string,
  fallback: StatementRecorder = httpRecorder(slug),
): StatementRecorder {
  // Loaded as soon as a lesson asks for its recorder (online), so it is there when the network is not.
  const queue = import('../offline/queue/statement-queue.js');
  queue.catch(() => undefined);
  return {
    async recordStatement(statement) {
      try {
        const { enqueueStatement } = await queue;
        await enqueueStatement(slug, statement);
      } catch {
        await fallback.recordStatement(statement);
      }
    },
  };
}

type RecorderFactory = (slug: string) => StatementRecorder;

let makeRecorder: RecorderFactory = (slug) => outboxRecorder(slug);
const recorders = new Map<string, StatementRecorder>();

/** The recorder for one tenant (one per tenant, so a retry queue is shared by every lesson). */
export function statementRecorder(slug: string): StatementRecorder {
  let recorder = recorders.get(slug);
  if (!recorder) {
    recorder = makeRecorder(slug);
    recorders.set(slug, recorder);
  }
  return recorder;
}

/** Replaces how recorders are made (the offline app's IndexedDB queue); existing ones are dropped. */
export function setStatementRecorderFactory(factory: RecorderFactory): void {
  makeRecorder = factory;
  recorders.clear();
}
