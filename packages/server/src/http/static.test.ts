import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from './static.js';

// The built web app as the server sends it: gzip for text when the browser accepts it (the learner's
// first visit is mostly JavaScript and CSS), and the service worker at the root scope, revalidated.

let dir: string;
let app: FastifyInstance;
const script = `console.log(${JSON.stringify('satchel '.repeat(500))});`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'satchel-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Satchel</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), script);
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  app = Fastify();
  registerWebApp(app, dir);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app files', () => {
  it('sends hashed scripts gzipped to browsers that accept it, and as they are to others', async () => {
    const zipped = await app.inject({
      url: '/assets/index-abc.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['cache-control']).toContain('immutable');
    expect(zipped.headers['vary']).toBe('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(script);
    expect(zipped.rawPayload.length).toBeLessThan(script.length / 4);

    const plain = await app.inject({
      url: '/assets/index-abc.js',
      headers: { 'accept-encoding': 'gzip;q=0' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    // Each encoding has its own validator, so a cache never mixes them.
    expect(plain.headers['etag']).not.toBe(zipped.headers['etag']);
    const again = await app.inject({
      url: '/assets/index-abc.js',
      headers: { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers['etag']) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('sends the app page gzipped for every app address', async () => {
    const page = await app.inject({ url: '/t/demo/courses/x', headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(page.rawPayload).toString('utf8')).toContain('<title>Satchel</title>');
  });

  it('serves the service worker for the whole origin, always revalidated', async () => {
    const worker = await app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['service-worker-allowed']).toBe('/');
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.headers['content-type']).toContain('text/javascript');
  });
});
