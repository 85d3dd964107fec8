import type { DestinationRow } from './forwarding.repo.js';

// Sending statements to an outside LRS: POST /statements with the xAPI version
// header. A statement the other LRS already holds under the same id counts as
// delivered: 2xx, or 409 for that one statement.

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

const XAPI_VERSION = '1.0.3';

export function statementsUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return /\/statements$/i.test(base) ? base : `${base}/statements`;
}

function authorization(d: Pick<DestinationRow, 'auth_kind' | 'auth_key' | 'auth_secret'>): string {
  return d.auth_kind === 'bearer'
    ? `Bearer ${d.auth_secret}`
    : `Basic ${Buffer.from(`${d.auth_key ?? ''}:${d.auth_secret}`).toString('base64')}`;
}

async function post(fetcher: Fetch, d: DestinationRow, body: string, timeoutMs: number): Promise<Response> {
  return fetcher(statementsUrl(d.endpoint), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-experience-api-version': XAPI_VERSION,
      authorization: authorization(d),
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
}

async function describe(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  return `HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`;
}

/** Sends a batch; on 409 (one of them is already there) sends them one by one. */
export async function deliver(
  fetcher: Fetch,
  destination: DestinationRow,
  statements: readonly string[],
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  try {
    const res = await post(fetcher, destination, `[${statements.join(',')}]`, timeoutMs);
    if (res.ok) {
      await res.body?.cancel();
      return { ok: true };
    }
    if (res.status !== 409) return { ok: false, error: await describe(res) };
    await res.body?.cancel();
    for (const statement of statements) {
      const one = await post(fetcher, destination, statement, timeoutMs);
      if (one.ok || one.status === 409) {
        await one.body?.cancel();
        continue;
      }
      return { ok: false, error: await describe(one) };
    }
    return { ok: true };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return { ok: false, error: `${err instanceof Error ? err.message : String(err)}${cause}` };
  }
}
