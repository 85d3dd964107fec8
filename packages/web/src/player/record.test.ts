import { describe, expect, it, vi } from 'vitest';
import { httpRecorder } from './record.js';
import { lessonStatement } from './statements.js';

const lesson = {
  userId: 'u',
  courseId: 'c',
  versionId: 'v',
  lessonId: 'l',
  lessonTitle: 'L',
  language: 'en',
};
const statement = (n: number) =>
  lessonStatement(lesson, 'launched', { id: `id-${n}`, timestamp: '2026-01-01T00:00:00Z' });

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

/** A fetch that answers with the given statuses in turn (0 = the network failed). */
function fakeFetch(statuses: number[]) {
  const calls: Call[] = [];
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      init,
    });
    const status = statuses.shift() ?? 200;
    if (status === 0) return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(new Response(status === 204 ? null : '[]', { status }));
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const sentIds = (call: Call | undefined): string[] =>
  (JSON.parse(typeof call?.init.body === 'string' ? call.init.body : '[]') as Array<{ id: string }>).map(
    (s) => s.id,
  );

describe('sending statements to the learning record', () => {
  it('posts xAPI 1.0.3 JSON for the tenant with the session cookie, kept alive past page close', async () => {
    const { calls, fetch } = fakeFetch([200]);
    await httpRecorder('demo', { fetch }).recordStatement(statement(1));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/xapi/statements');
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: {
        'Content-Type': 'application/json',
        'X-Experience-API-Version': '1.0.3',
        'X-Satchel-Tenant': 'demo',
      },
    });
    expect(sentIds(calls[0])).toEqual(['id-1']);
  });

  it('keeps statements the network lost and sends them with the next one', async () => {
    const { calls, fetch } = fakeFetch([0, 503, 200]);
    const recorder = httpRecorder('demo', { fetch });
    await recorder.recordStatement(statement(1));
    await recorder.recordStatement(statement(2));
    expect(recorder.queued()).toBe(2);
    await recorder.recordStatement(statement(3));
    expect(sentIds(calls[2])).toEqual(['id-1', 'id-2', 'id-3']);
    expect(recorder.queued()).toBe(0);
  });

  it('drops what the server refuses for good instead of resending it forever', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { calls, fetch } = fakeFetch([400, 200]);
    const recorder = httpRecorder('demo', { fetch });
    await recorder.recordStatement(statement(1));
    expect(recorder.queued()).toBe(0);
    await recorder.recordStatement(statement(2));
    expect(sentIds(calls[1])).toEqual(['id-2']);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('never has one statement in two requests at once', async () => {
    const { calls, fetch } = fakeFetch([200, 200, 200]);
    const recorder = httpRecorder('demo', { fetch });
    await Promise.all([1, 2, 3].map((n) => recorder.recordStatement(statement(n))));
    const all = calls.flatMap((call) => sentIds(call));
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(['id-1', 'id-2', 'id-3']);
  });

  it('holds a bounded number of statements while offline', async () => {
    const { fetch } = fakeFetch([0, 0, 0, 0]);
    const recorder = httpRecorder('demo', { fetch, maxQueued: 2 });
    for (const n of [1, 2, 3]) await recorder.recordStatement(statement(n));
    expect(recorder.queued()).toBe(2);
  });
});
