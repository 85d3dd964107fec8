import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '../../packages/server/src/test-support/server.js';
import type { Engine } from '../../packages/server/src/db/database.js';

export const WEB_DIST = fileURLToPath(new URL('../../packages/web/dist', import.meta.url));

/**
 * A private copy of the web build in a new temporary directory (the caller removes it), so a rebuild
 * running meanwhile cannot swap the hashed assets under a server that serves it.
 */
export function copyWebBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'satchel-e2e-web-'));
  cpSync(WEB_DIST, dir, { recursive: true });
  return dir;
}

/**
 * A real Satchel server serving the built web app, over a fresh database. `webDir` serves another copy
 * of the build (e.g. a snapshot that a rebuild running meanwhile cannot change under the test).
 */
export async function startAppServer(
  options: { engine?: Engine; webDir?: string } = {},
): Promise<TestServer> {
  const webDir = options.webDir ?? WEB_DIST;
  if (!existsSync(`${webDir}/index.html`)) {
    throw new Error('The web app is not built: run `npm run build:web` (npm test does it first).');
  }
  return startTestServer({ engine: options.engine ?? 'sqlite', webDir });
}
