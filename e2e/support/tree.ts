import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ImportResult } from '../../packages/server/src/bundles/bundles.service.js';
import type { Engine } from '../../packages/server/src/db/database.js';
import { DEMO_CONTENT_DIR } from '../../packages/server/src/demo/seed.js';
import { register } from '../../packages/server/src/sync/sync.test-support.js';
import { postgresAvailable } from '../../packages/server/src/test-support/engines.js';
import {
  addMember,
  PASSWORD,
  platform,
  type Platform,
} from '../../packages/server/src/test-support/identity.js';
import type { TestServer } from '../../packages/server/src/test-support/server.js';
import { signInAt } from './app.js';
import { launchBrowser, pageSet, type PageSet } from './browser.js';
import { FILM } from './cinema.js';
import { copyWebBuild, startAppServer } from './server.js';

// A national server and one hub (a facilitator's laptop at a school), both serving the web app,
// for browser tests of what travels up the tree. The names match sync.test-support's `register`,
// which signs the hub in to the platform "nation" as its admin "boss".

export const TREE_SLUG = 'nation';
export const ADMIN = 'boss';
export const FACILITATOR = 'amal';
export const HUB_NAME = 'Hope school laptop';

/** A session log as a server stored it. */
export interface StoredSession {
  id: string;
  plan_title: string;
  place: string | null;
  region: string | null;
  reached: number;
}

export interface CinemaTree {
  /** On PostgreSQL when it answers (always under CI=true), else SQLite. */
  readonly national: TestServer;
  /** SQLite, registered with the national server and synced once: the facilitator is there. */
  readonly hub: TestServer;
  readonly tenant: Platform;
  /** An address of the platform's web app on one of the servers, e.g. url(tree.hub, '/cinema'). */
  url(server: TestServer, path?: string): string;
  /** A fresh browser context signed in to `server`'s web app as `username`. */
  signedInPage(server: TestServer, username: string): Promise<Page>;
  /** Uncaught exceptions the pages threw since the last call. */
  takePageErrors(): string[];
  /** The session logs a server holds for the platform. */
  sessions(server: TestServer): Promise<StoredSession[]>;
  /** What `satchel sync` does on the hub: pull, then push, over HTTP; throws on any failure. */
  syncHub(): Promise<void>;
  /** When the hub last tried to reach the national server by HTTP (null: never). */
  lastSyncAttempt(): Promise<string | null>;
  /**
   * The hub's records carried to the national server on a USB stick, with the calls `satchel bundle`
   * makes: `key` and `export --records --for upstream` on the hub, then `trust` and `import` at national.
   */
  carryRecordsByUsb(): Promise<ImportResult>;
  close(): Promise<void>;
}

/**
 * Starts both servers and a Chromium; puts the platform, its admin and a facilitator on the
 * national server; registers the hub and syncs it once; and puts the demo film in the national
 * library, listed on the hub without its file (library items do not sync; packing copies them).
 */
export async function startCinemaTree(): Promise<CinemaTree> {
  const engine: Engine = (await postgresAvailable()) ? 'postgres' : 'sqlite';
  const webDir = copyWebBuild();
  const usbDir = mkdtempSync(join(tmpdir(), 'satchel-e2e-usb-'));
  const opened: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    for (const thing of opened.reverse()) await thing.close().catch(() => undefined);
    rmSync(webDir, { recursive: true, force: true });
    rmSync(usbDir, { recursive: true, force: true });
  };
  try {
    const national = await startAppServer({ engine, webDir });
    opened.push(national);
    const hub = await startAppServer({ engine: 'sqlite', webDir });
    opened.push(hub);
    const browser: Browser = await launchBrowser();
    opened.push(browser);
    const pages: PageSet = pageSet(browser);
    opened.push(pages);

    // Arabic too: the pages are checked right to left (the hub adopts the platform's languages).
    const tenant = await platform(national, TREE_SLUG, { locales: ['en', 'fr', 'ar'] });
    await addMember(national, tenant, ADMIN, ['admin']);
    const facilitatorId = await addMember(national, tenant, FACILITATOR, ['facilitator']);
    await register(hub, national, HUB_NAME);
    const syncHub = async () => {
      for (const result of await hub.services.sync.client.syncAll()) {
        if (result.error !== null) throw new Error(`the hub's sync failed: ${result.error}`);
      }
    };
    await syncHub();
    await putFilm(national, hub, tenant.id, facilitatorId);

    let bundles = 0;
    return {
      national,
      hub,
      tenant,
      url: (server, path = '/') => `${server.url}/t/${TREE_SLUG}${path}`,
      async signedInPage(server, username) {
        const page = await pages.newPage();
        await signInAt(page, `${server.url}/t/${TREE_SLUG}/signin`, username, PASSWORD);
        return page;
      },
      takePageErrors: () => pages.takePageErrors(),
      sessions: (server) =>
        server.db.db
          .selectFrom('cinema_sessions')
          .select(['id', 'plan_title', 'place', 'region', 'reached'])
          .where('tenant_id', '=', tenant.id)
          .orderBy('id')
          .execute(),
      syncHub,
      async lastSyncAttempt() {
        return (await hub.services.sync.service.repo.link(tenant.id))?.last_attempt_at ?? null;
      },
      async carryRecordsByUsb() {
        bundles += 1;
        const file = join(usbDir, `records-${bundles}.satchel`);
        const hubKey = await hub.services.bundles.publicKey();
        await hub.services.bundles.exportBundle({
          tenant,
          path: file,
          content: false,
          records: true,
          forPeer: 'upstream',
        });
        await national.services.bundles.trustPeer(tenant.id, HUB_NAME, hubKey);
        const result = await national.services.bundles.importBundle({ path: file });
        // As the import command does: what the records feed in the background settles first.
        await national.services.progress.flushed();
        return result;
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * The demo film in the national library, and listed in the hub's library (its row, which is how
 * the plan editor on the laptop offers it) without its file: "Pack for the field" must copy the
 * file from the national server before the session can play it.
 */
async function putFilm(national: TestServer, hub: TestServer, tenantId: string, ownerId: string) {
  const bytes = await readFile(join(DEMO_CONTENT_DIR, 'media', 'handwashing.en.webm'));
  const file = await national.services.blobs.putBuffer(tenantId, bytes, 'video/webm');
  const item = await national.services.library.create(tenantId, ownerId, {
    kind: 'video',
    title: FILM,
    description: 'A short film on washing hands with soap and clean water.',
    file,
    licence: 'CC0-1.0',
    author: 'Satchel project',
    language: 'en',
  });
  const row = await national.db.db
    .selectFrom('library_items')
    .selectAll()
    .where('id', '=', item.id)
    .executeTakeFirstOrThrow();
  await hub.db.db
    .insertInto('library_items')
    .values({ ...row, size: Number(row.size) })
    .execute();
  if (await hub.services.blobs.has(tenantId, file.sha256))
    throw new Error('the film must not be on the hub before it is packed');
}
