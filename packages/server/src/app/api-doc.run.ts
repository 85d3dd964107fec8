// Writes docs/api.md from the routes (run with `npm run docs:api`).
import { writeFileSync } from 'node:fs';
import { startTestServer } from '../test-support/server.js';
import { apiMarkdown } from './api-doc.js';

const server = await startTestServer({ engine: 'sqlite' });
try {
  writeFileSync(
    new URL('../../../../docs/api.md', import.meta.url),
    `${apiMarkdown(server.router.routes)}\n`,
  );
} finally {
  await server.close();
}
