import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uuidv7, VERBS, type ForwardingDestination } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { engines } from '../test-support/engines.js';
import { addMember, platform, signedIn, type Client, type Platform } from '../test-support/identity.js';
import { addLrsCredential } from '../test-support/learning-fixtures.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { ForwardingRepo } from './forwarding.repo.js';
import { DEFAULT_FORWARDER_OPTIONS, Forwarder, type ForwarderOptions } from './forwarding.worker.js';

// Forwarding to a real second Satchel server, through a loopback proxy that answers
// 500 to the first two batches and records what the destination accepted.

interface Proxy {
  url: string;
  failNext: number;
  /** Statement ids in every batch the destination accepted (2xx), in order. */
  accepted: string[];
  requests: number;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function startProxy(target: string): Promise<Proxy> {
  const proxy: Proxy = { url: '', failNext: 2, accepted: [], requests: 0, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const data = await body(req);
      proxy.requests++;
      if (proxy.failNext > 0) {
        proxy.failNext--;
        res.writeHead(500, { 'content-type': 'text/plain' }).end('the LRS is having a bad day');
        return;
      }
      const headers: Record<string, string> = {};
      for (const h of ['content-type', 'authorization', 'x-experience-api-version']) {
        const v = req.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      const upstream = await fetch(`${target}${req.url ?? '/'}`, {
        method: req.method ?? 'POST',
        headers,
        body: data,
      });
      const text = await upstream.text();
      if (upstream.ok) {
        const parsed = JSON.parse(data.toString('utf8')) as { id: string } | { id: string }[];
        proxy.accepted.push(...(Array.isArray(parsed) ? parsed : [parsed]).map((s) => s.id));
      }
      res
        .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' })
        .end(text);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise((resolve) => server.close(() => resolve()));
  return proxy;
}

function statement(n: number, verb: string = VERBS.experienced): Record<string, unknown> {
  return {
    id: uuidv7(),
    actor: { objectType: 'Agent', mbox: `mailto:learner${n % 7}@example.org` },
    verb: { id: verb, display: { en: 'did' } },
    object: { objectType: 'Activity', id: `https://example.org/activities/a${n}` },
    timestamp: '2026-01-01T00:00:00.000Z',
  };
}

describe.each(await engines())('statement forwarding on %s', (engine) => {
  const clock = new ManualClock(new Date('2026-01-01T00:00:00.000Z'));
  let source: TestServer;
  let destination: TestServer;
  let proxy: Proxy;
  let src: Platform;
  let other: Platform;
  let admin: Client;
  let otherAdmin: Client;
  let destTenantId: string;
  let destAuth: { key: string; secret: string };
  let srcLrs: string;
  let otherLrs: string;

  const options = (extra: Partial<ForwarderOptions> = {}): ForwarderOptions => ({
    ...DEFAULT_FORWARDER_OPTIONS,
    baseBackoffMs: 1_000,
    leaseMs: 60_000,
    ...extra,
  });
  const worker = (extra: Partial<ForwarderOptions> = {}): Forwarder =>
    new Forwarder(new ForwardingRepo(source.db.db), clock, (url, init) => fetch(url, init), options(extra));

  async function store(authorization: string, statements: Record<string, unknown>[]): Promise<void> {
    const res = await fetch(`${source.url}/xapi/statements`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' },
      body: JSON.stringify(statements),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    // The queue is filled after the commit; let the listener finish.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async function held(): Promise<string[]> {
    const rows = await destination.db.db
      .selectFrom('statements')
      .select('id')
      .where('tenant_id', '=', destTenantId)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    source = await startTestServer({ engine, clock });
    destination = await startTestServer({ engine: 'sqlite' });
    proxy = await startProxy(destination.url);
    src = await platform(source, 'fw-src');
    other = await platform(source, 'fw-other');
    await addMember(source, src, 'admin', ['admin']);
    await addMember(source, other, 'admin', ['admin']);
    admin = await signedIn(source, src.slug, 'admin');
    otherAdmin = await signedIn(source, other.slug, 'admin');
    const dest = await platform(destination, 'fw-dest');
    destTenantId = dest.id;
    destAuth = await addLrsCredential(destination.services, dest.id, 'Forwarded from the national server');
    srcLrs = (await addLrsCredential(source.services, src.id)).authorization;
    otherLrs = (await addLrsCredential(source.services, other.id)).authorization;
  });
  afterAll(async () => {
    await proxy.close();
    await source.close();
    await destination.close();
  });

  it('delivers every statement exactly once through failures, backoff, a dead worker’s lease and a restart', async () => {
    const created = await admin.post(`/api/t/${src.slug}/forwarding/destinations`, {
      name: 'Ministry LRS',
      endpoint: `${proxy.url}/xapi/`,
      auth: { kind: 'basic', key: destAuth.key, secret: destAuth.secret },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dest = (created.body as { destination: ForwardingDestination }).destination;
    expect(dest.auth).toEqual({
      kind: 'basic',
      key: destAuth.key,
      secretHint: `…${destAuth.secret.slice(-4)}`,
    });
    expect(JSON.stringify(created.body)).not.toContain(destAuth.secret);

    const batch = Array.from({ length: 150 }, (_, i) => statement(i));
    await store(srcLrs, batch.slice(0, 80));
    await store(srcLrs, batch.slice(80));
    await store(otherLrs, [statement(999)]); // another platform's: never forwarded
    // One statement the destination already holds (a different version of it): 409, still delivered.
    // The last in queue order (all share one stored time, so by id): it travels in the second batch.
    const clashId = batch
      .map((b) => b.id as string)
      .sort()
      .at(-1)!;
    const clash = { ...batch.find((b) => b.id === clashId)!, result: { completion: true } };
    const pre = await fetch(`${destination.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${destAuth.key}:${destAuth.secret}`).toString('base64')}`,
        'content-type': 'application/json',
        'x-experience-api-version': '1.0.3',
      },
      body: JSON.stringify(clash),
    });
    expect(pre.status).toBe(200);

    const first = worker({ maxBatchesPerPass: 1 });
    await first.pass(); // 500
    let status = (await admin.get(`/api/t/${src.slug}/forwarding/destinations/${dest.id}`)).body as {
      destination: ForwardingDestination;
    };
    expect(status.destination.status).toMatchObject({ pending: 150, delivered: 0, failures: 1 });
    expect(status.destination.status.lastError).toContain('HTTP 500');
    expect(status.destination.status.nextAttemptAt).toBe('2026-01-01T00:00:01.000Z');

    await first.pass(); // backing off: nothing is sent
    expect(proxy.requests).toBe(1);
    clock.advance(1_000);
    await first.pass(); // 500 again, then 2 s of backoff
    expect(proxy.requests).toBe(2);
    clock.advance(1_000);
    await first.pass();
    expect(proxy.requests).toBe(2);
    clock.advance(1_000);
    await first.pass(); // the first 100
    expect(proxy.accepted).toHaveLength(100);

    // The first worker is gone (a restart); a ghost from a crashed process still holds the lease.
    const repo = new ForwardingRepo(source.db.db);
    const now = clock.now().getTime();
    expect(
      await repo.lease(
        src.id,
        dest.id,
        'crashed-process',
        new Date(now).toISOString(),
        new Date(now + 60_000).toISOString(),
      ),
    ).toBe(true);
    const restarted = worker();
    await restarted.pass();
    expect(proxy.accepted).toHaveLength(100);
    clock.advance(60_001);
    await restarted.pass(); // the lease ran out: the rest, the clash through one-by-one sending
    const sent = new Set(batch.map((s) => s.id as string));
    expect(await held()).toEqual([...sent].sort());
    const accepted = proxy.accepted.filter((id) => id !== clashId);
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(accepted).toHaveLength(149);

    status = (await admin.get(`/api/t/${src.slug}/forwarding/destinations/${dest.id}`)).body as {
      destination: ForwardingDestination;
    };
    expect(status.destination.status).toMatchObject({ pending: 0, delivered: 150, failures: 0 });
    expect(status.destination.status.lastDeliveredAt).not.toBeNull();

    // Nothing more to send: a further pass sends nothing.
    const before = proxy.requests;
    await restarted.pass();
    expect(proxy.requests).toBe(before);

    // Paused, statements queue but wait; resumed, they go.
    await admin.post(`/api/t/${src.slug}/forwarding/destinations/${dest.id}/pause`);
    const late = statement(500);
    await store(srcLrs, [late]);
    await restarted.pass();
    expect(await held()).not.toContain(late.id);
    // The after-commit notice queues it (asynchronously, after the response).
    const queued = () =>
      source.db.db
        .selectFrom('forwarding_queue')
        .select('statement_id')
        .where('statement_id', '=', late.id as string)
        .executeTakeFirst();
    for (let i = 0; i < 400 && !(await queued()); i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    const paused = (await admin.get(`/api/t/${src.slug}/forwarding/destinations/${dest.id}`)).body as {
      destination: ForwardingDestination;
    };
    expect(paused.destination).toMatchObject({ paused: true, status: { pending: 1 } });
    await admin.post(`/api/t/${src.slug}/forwarding/destinations/${dest.id}/resume`);
    await restarted.pass();
    expect(await held()).toContain(late.id);
    expect((await held()).length).toBe(151);
  });

  it('queues by the sweep what the after-commit notice missed, and honours the verb filter', async () => {
    for (const d of (
      (await admin.get(`/api/t/${src.slug}/forwarding/destinations`)).body as {
        items: ForwardingDestination[];
      }
    ).items) {
      expect((await admin.del(`/api/t/${src.slug}/forwarding/destinations/${d.id}`)).status).toBe(204);
    }
    const created = await admin.post(`/api/t/${src.slug}/forwarding/destinations`, {
      name: 'Completions only',
      endpoint: `${proxy.url}/xapi`,
      auth: { kind: 'basic', key: destAuth.key, secret: destAuth.secret },
      filter: { verbs: [VERBS.completed] },
    });
    const dest = (created.body as { destination: ForwardingDestination }).destination;
    const completed = statement(1, VERBS.completed);
    const other = statement(2);
    await store(srcLrs, [completed, other]);
    // Lose the queue rows the notice wrote: the sweep must find the statements again.
    await source.db.db.deleteFrom('forwarding_queue').where('destination_id', '=', dest.id).execute();
    await worker().pass();
    const ids = await held();
    expect(ids).toContain(completed.id);
    expect(ids).not.toContain(other.id);
  });

  it('runs in the server: the stored-statement notice wakes the forwarder, which stops cleanly', async () => {
    await admin.post(`/api/t/${src.slug}/forwarding/destinations`, {
      name: 'Live',
      endpoint: `${proxy.url}/xapi`,
      auth: { kind: 'basic', key: destAuth.key, secret: destAuth.secret },
    });
    source.services.forwarding.start();
    try {
      const live = statement(77);
      await store(srcLrs, [live]);
      // Woken by the notice, not by its 2 s poll; wait for it without a time threshold.
      for (let i = 0; i < 400 && !(await held()).includes(live.id as string); i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await held()).toContain(live.id);
    } finally {
      await source.services.forwarding.stop();
    }
  });

  it('keeps destinations to their platform and to admins', async () => {
    const list = await admin.get(`/api/t/${src.slug}/forwarding/destinations`);
    const [first] = (list.body as { items: ForwardingDestination[] }).items;
    expect(first).toBeDefined();
    expect((await otherAdmin.get(`/api/t/${other.slug}/forwarding/destinations`)).body).toEqual({
      items: [],
    });
    expect((await otherAdmin.get(`/api/t/${other.slug}/forwarding/destinations/${first!.id}`)).code).toBe(
      'forwarding_destination_not_found',
    );
    expect(
      (await otherAdmin.post(`/api/t/${other.slug}/forwarding/destinations/${first!.id}/pause`)).status,
    ).toBe(404);
    expect((await otherAdmin.del(`/api/t/${other.slug}/forwarding/destinations/${first!.id}`)).status).toBe(
      404,
    );
    // Settings change without the credentials; an unreachable LRS is an error with backoff, history included.
    const patched = await admin.patch(`/api/t/${src.slug}/forwarding/destinations/${first!.id}`, {
      name: 'Renamed',
    });
    expect((patched.body as { destination: ForwardingDestination }).destination).toMatchObject({
      name: 'Renamed',
      auth: first!.auth,
    });
    const closed = await admin.post(`/api/t/${src.slug}/forwarding/destinations`, {
      name: 'Unreachable',
      endpoint: 'http://127.0.0.1:9/xapi',
      auth: { kind: 'bearer', token: 'token-abcdefgh-1234' },
      includeExisting: true,
    });
    const unreachable = (closed.body as { destination: ForwardingDestination }).destination;
    expect(unreachable.auth).toEqual({ kind: 'bearer', key: null, secretHint: '…1234' });
    await worker().pass();
    const after = (
      (await admin.get(`/api/t/${src.slug}/forwarding/destinations/${unreachable.id}`)).body as {
        destination: ForwardingDestination;
      }
    ).destination;
    const stored = await source.db.db
      .selectFrom('statements')
      .select('id')
      .where('tenant_id', '=', src.id)
      .execute();
    expect(after.status).toMatchObject({ pending: stored.length, delivered: 0, failures: 1 });
    expect(after.status.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    expect((await admin.del(`/api/t/${src.slug}/forwarding/destinations/${unreachable.id}`)).status).toBe(
      204,
    );

    await addMember(source, src, 'author', ['author']);
    const author = await signedIn(source, src.slug, 'author');
    expect((await author.get(`/api/t/${src.slug}/forwarding/destinations`)).status).toBe(403);
    // The other platform's statement never reached the destination.
    expect((await held()).length).toBeGreaterThan(0);
    const otherIds = await source.db.db
      .selectFrom('statements')
      .select('id')
      .where('tenant_id', '=', other.id)
      .execute();
    const heldIds = new Set(await held());
    expect(otherIds.some((r) => heldIds.has(r.id))).toBe(false);
  });
});
