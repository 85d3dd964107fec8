import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { apiMarkdown } from './api-doc.js';

describe('docs/api.md', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
  });
  afterAll(async () => server.close());

  it('lists every route the server declares (regenerate with npm run docs:api)', () => {
    const onDisk = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(`${apiMarkdown(server.router.routes)}\n`);
  });
});
