import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with one sync request:
 * - `pass`: forwards it and relays the answer;
 * - `drop_request`: answers 502 without forwarding (the upstream never saw it);
 * - `reset_request`: closes the socket without forwarding (a connection lost on the way up);
 * - `drop_response`: forwards it, then closes the socket instead of answering (the upstream
 *   applied it, the hub never heard);
 * - `duplicate`: forwards it twice, one after the other, and relays the second answer.
 */
export type Fault = 'pass' | 'drop_request' | 'reset_request' | 'drop_response' | 'duplicate';

export interface FaultProxy {
  url: string;
  /** How many requests got each treatment so far. */
  counts: Record<Fault, number>;
  /** When false every request passes (registration, the final quiet rounds). */
  enabled: boolean;
  close(): Promise<void>;
}

/** Only the sync exchanges are disturbed; sign-in and registration always pass. */
const SYNC_PATH = /^\/api\/t\/[^/]+\/sync\/(pull|push)$/;
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host'];

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Answer> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined && !HOP_BY_HOP.includes(k)) headers[k] = v;
  }
  headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const out = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/**
 * A real HTTP proxy on a loopback port in front of `target` (an upstream Satchel server).
 * `decide` picks the fault for each sync request (a seeded generator makes runs replayable).
 * The request body is read whole before anything is decided, so a fault never leaves a
 * half-sent body on the upstream.
 */
export async function startFaultProxy(
  target: string,
  decide: (what: 'pull' | 'push') => Fault,
): Promise<FaultProxy> {
  const to = new URL(target);
  const counts: Record<Fault, number> = {
    pass: 0,
    drop_request: 0,
    reset_request: 0,
    drop_response: 0,
    duplicate: 0,
  };
  const proxy: FaultProxy = { url: '', counts, enabled: true, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const m = SYNC_PATH.exec((req.url ?? '').split('?')[0] ?? '');
      const fault: Fault = m && proxy.enabled ? decide(m[1] as 'pull' | 'push') : 'pass';
      if (m) counts[fault] += 1;
      void (async () => {
        if (fault === 'drop_request') {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'fault proxy dropped it' } }));
          return;
        }
        if (fault === 'reset_request') {
          req.socket.destroy();
          return;
        }
        let answer = await forward(to, req, body);
        if (fault === 'duplicate') answer = await forward(to, req, body);
        if (fault === 'drop_response') {
          req.socket.destroy();
          return;
        }
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) {
          if (v !== undefined && !HOP_BY_HOP.includes(k)) headers[k] = v;
        }
        headers['content-length'] = String(answer.body.length);
        res.writeHead(answer.status, headers);
        res.end(answer.body);
      })().catch(() => {
        // The upstream itself failed (closed mid-test): the client sees a broken connection.
        req.socket.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
