// Helpers for sync tests: a national server and hubs, statements, user edits, CLI processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStatement, learnerAgent, uuidv7 } from '@satchel/core';
import { addMember, PASSWORD, platform, signedIn, type Platform } from '../test-support/identity.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import type { Engine } from '../db/database.js';

export interface Tree {
  national: TestServer;
  hubs: TestServer[];
  tenant: Platform;
  adminId: string;
  learnerId: string;
  close(): Promise<void>;
}

export async function startTree(nationalEngine: Engine, hubCount: number): Promise<Tree> {
  const national = await startTestServer({ engine: nationalEngine });
  const hubs: TestServer[] = [];
  for (let i = 0; i < hubCount; i += 1) hubs.push(await startTestServer({ engine: 'sqlite' }));
  const tenant = await platform(national, 'nation');
  const adminId = await addMember(national, tenant, 'boss', ['admin']);
  const learnerId = await addMember(national, tenant, 'amina', ['learner']);
  return {
    national,
    hubs,
    tenant,
    adminId,
    learnerId,
    close: async () => {
      for (const h of hubs) await h.close();
      await national.close();
    },
  };
}

export async function register(
  hub: TestServer,
  upstream: TestServer,
  name: string,
  classIds?: string[],
): Promise<void> {
  await hub.services.sync.client.register({
    upstream: upstream.url,
    tenantSlug: 'nation',
    username: 'boss',
    password: PASSWORD,
    name,
    ...(classIds ? { classIds } : {}),
  });
}

/** A learner's statement stored on a server as their own device would (session authority). */
export async function learnerStatement(
  server: TestServer,
  tenantId: string,
  userId: string,
  id = uuidv7(),
): Promise<string> {
  const statement = buildStatement({
    id,
    actor: learnerAgent(userId),
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { en: 'experienced' } },
    object: { id: `https://satchel.example/activity/${id}` },
    timestamp: new Date().toISOString(),
  });
  await server.services.lrs.store(tenantId, statement, { kind: 'learner', userId });
  return id;
}

export async function renameUser(server: TestServer, userId: string, displayName: string): Promise<void> {
  const admin = await signedIn(server, 'nation', 'boss');
  const res = await admin.patch(`/api/t/nation/users/${userId}`, { displayName });
  if (res.status !== 200) throw new Error(`rename failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function displayName(
  server: TestServer,
  tenantId: string,
  userId: string,
): Promise<string | undefined> {
  const row = await server.db.db
    .selectFrom('users')
    .select('display_name')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.display_name;
}

export async function statementCount(server: TestServer, tenantId: string, id?: string): Promise<number> {
  let q = server.db.db
    .selectFrom('statements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId);
  if (id) q = q.where('id', '=', id);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

const RUN = fileURLToPath(new URL('../cli/run.ts', import.meta.url));
const CORE_SRC = fileURLToPath(new URL('../../../core/src/index.ts', import.meta.url));
const BASE_TSCONFIG = fileURLToPath(new URL('../../../../tsconfig.base.json', import.meta.url));
let tsconfig: string | null = null;

/**
 * A tsconfig mapping @satchel/core to its sources, as vitest does: the CLI under test runs
 * the code being tested, never a stale build of core in packages/core/dist.
 */
function sourceTsconfig(): string {
  if (tsconfig) return tsconfig;
  const file = join(mkdtempSync(join(tmpdir(), 'satchel-tsx-')), 'tsconfig.json');
  writeFileSync(
    file,
    JSON.stringify({ extends: BASE_TSCONFIG, compilerOptions: { paths: { '@satchel/core': [CORE_SRC] } } }),
  );
  tsconfig = file;
  return file;
}

/** A real `satchel` CLI process (killable with SIGKILL); `done` gives its exit code and output. */
export function satchel(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', RUN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', TSX_TSCONFIG_PATH: sourceTsconfig(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  );
  return { child, done };
}

/** A seeded pseudo-random generator in [0, 1) (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
