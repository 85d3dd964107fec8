import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';
import type { CommandIo } from './command.js';
import { afterServeStarted, beforeServe } from './serve-hooks.js';

describe('what satchel serve does before it listens', () => {
  let server: TestServer;
  let out: string;
  const io = (): CommandIo => ({ out: (t) => void (out += t), err: () => undefined, env: {}, isTty: false });

  beforeEach(async () => {
    server = await startTestServer();
    out = '';
  });
  afterEach(async () => {
    await server.close();
  });

  it('seeds the demo into an empty database and prints where to sign in', async () => {
    const summary = await beforeServe(server.services, io(), { seedDemo: true });
    expect(summary.seeded).toBe(true);
    expect(await server.services.tenants.bySlug('learners')).not.toBeNull();
    afterServeStarted(io(), 'http://localhost:9999', summary);
    expect(out).toContain('seeding the demo programme');
    expect(out).toContain('http://localhost:9999/t/learners/');
    expect(out).toMatch(/admin\s+admin123\s+admin/);

    // The next start finds the demo: nothing is seeded, the logins are printed again.
    const next = await beforeServe(server.services, io(), { seedDemo: true });
    expect(next).toMatchObject({ seeded: false, lines: summary.lines });
  });

  it('leaves a database that has a platform alone, and seeds nothing with --no-demo', async () => {
    expect(await beforeServe(server.services, io(), { seedDemo: false })).toEqual({
      seeded: false,
      lines: [],
    });
    expect(await server.services.tenants.list()).toEqual([]);
    await server.services.tenants.create({ slug: 'country', name: 'Country platform' });
    expect(await beforeServe(server.services, io(), { seedDemo: true })).toEqual({
      seeded: false,
      lines: [],
    });
    expect((await server.services.tenants.list()).map((t) => t.slug)).toEqual(['country']);
  });
});
