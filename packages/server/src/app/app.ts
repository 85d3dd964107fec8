import cookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { AppError, envelope } from '../http/errors.js';
import { openApiDocument } from '../http/openapi.js';
import { Router } from '../http/route.js';
import { registerWebApp } from '../http/static.js';
import { SATCHEL_VERSION } from '../version.js';
import { registerModules } from './modules.js';
import { registerSyncHooks } from '../sync/sync.hooks.js';
import { createServices, type AppContext, type Services } from './services.js';

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
  router: Router;
}

/** Builds the HTTP application around a database and config; does not listen. */
export async function buildApp(ctx: AppContext): Promise<BuiltApp> {
  const app = Fastify({
    logger: ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    return503OnClosing: true,
  });
  await app.register(cookie);

  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      if (err.status === 429 && typeof err.details?.retryAfterSeconds === 'number') {
        void reply.header('retry-after', String(err.details.retryAfterSeconds));
      }
      return reply.code(err.status).send(envelope(err.code, err.message, err.details));
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(envelope('payload_too_large', 'The request body is too large'));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .code(415)
        .send(envelope('unsupported_media_type', 'This content type is not accepted here'));
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      return reply.code(400).send(envelope('invalid_body', fe.message));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = err instanceof SyntaxError ? 'invalid_json' : 'bad_request';
      return reply.code(fe.statusCode).send(envelope(code, fe.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .code(500)
      .send(envelope('internal_error', 'Something went wrong on the server; it has been logged'));
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send(envelope('not_found', `No such endpoint: ${req.method} ${req.url.split('?')[0]}`)),
  );

  const services = createServices({ ...ctx, log: app.log });
  const router = new Router(app, { tenants: services.tenants, actors: services.actors });

  app.get('/healthz', async () => ({
    status: 'ok',
    db: ctx.handle.engine,
    version: SATCHEL_VERSION,
  }));
  app.get('/api/openapi.json', async () => openApiDocument(router.routes, SATCHEL_VERSION));

  registerModules(router, services);
  registerSyncHooks(app, services);
  if (ctx.config.webDir) registerWebApp(app, ctx.config.webDir);
  return { app, services, router };
}
