import { createBrotliDecompress, createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../app/services.js';
import { SYNC_BODY_LIMIT } from './sync.routes.js';

const SYNC_URL = /^\/api\/t\/[^/]+\/sync\//;
const SIGNIN_URL = /^\/api\/t\/([^/]+)\/auth\/signin(?:\?|$)/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A learner waits this long at most for their records to come from the upstream. */
const SIGNIN_FETCH_MS = 5_000;
/** A known learner's records are refreshed at sign-in when the hub has not synced for this long. */
const STALE_MS = 10 * 60_000;

/**
 * Sync's hooks into the HTTP app: gzip and brotli request bodies on sync routes; stamping local writes
 * right after each mutating request (so their HLC is the time of the edit); and, on a hub,
 * fetching a learner's records from the upstream when they sign in unknown or stale.
 */
export function registerSyncHooks(app: FastifyInstance, services: Services): void {
  const { service, client } = services.sync;

  app.addHook('onClose', async () => client.stop());

  app.addHook('preParsing', async (req, _reply, payload) => {
    const encoding = req.headers['content-encoding'];
    if ((encoding !== 'gzip' && encoding !== 'br') || !SYNC_URL.test(req.url)) return payload;
    // Brotli from hubs of protocol 2 on (sync.statements.ts), gzip from older ones.
    const gunzip =
      encoding === 'br'
        ? createBrotliDecompress({ maxOutputLength: SYNC_BODY_LIMIT })
        : createGunzip({ maxOutputLength: SYNC_BODY_LIMIT });
    const out = payload.pipe(gunzip) as typeof payload & { receivedEncodedLength?: number };
    payload.on('error', (err) => gunzip.destroy(err));
    delete req.headers['content-encoding'];
    delete req.headers['content-length'];
    return out;
  });

  app.addHook('onResponse', async (req, reply) => {
    if (!MUTATING.has(req.method) || reply.statusCode >= 400 || SYNC_URL.test(req.url)) return;
    // After the reply: the learner never waits for it; failures are retried by the next scan.
    service.tracker.stampPending().catch((err: unknown) => req.log.error({ err }, 'sync stamping failed'));
  });

  app.addHook('preHandler', async (req) => {
    if (req.method !== 'POST') return;
    const m = SIGNIN_URL.exec(req.url);
    if (!m) return;
    const username = (req.body as { username?: unknown } | null)?.username;
    if (typeof username !== 'string') return;
    const tenant = await services.tenants.bySlug(decodeURIComponent(m[1]!));
    if (!tenant) return;
    const link = await service.repo.link(tenant.id);
    if (!link) return;
    const known = await service.repo.userIdByUsername(tenant.id, username);
    const lastSync = link.last_success_at ? Date.parse(link.last_success_at) : 0;
    if (known && services.ctx.clock.now().getTime() - lastSync < STALE_MS) return;
    try {
      await client.fetchLearner(tenant.id, known ? { userId: known } : { username }, SIGNIN_FETCH_MS);
    } catch (err) {
      // The upstream is out of reach: sign-in goes on with what the hub has.
      req.log.warn({ err }, 'fetching the learner from the upstream failed');
    }
  });
}
