// Budgets of offline use, read from the production build (packages/web/dist, built by `npm run build:web`):
// the service worker stays small, and the download code never rides along with the learner's first
// load (only the few lines that register the worker do). Sizes are gzip -9, as in budget.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(WEB, 'dist');

/** The service worker script, which every visit checks for updates. */
const SERVICE_WORKER_BUDGET = 12 * 1024;
/** Strings only the download code carries: the store's database name and the resume request. */
const DOWNLOAD_CODE = /satchel-downloads|if-range/;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

function manifest(): Record<string, Chunk> {
  const path = join(DIST, '.vite', 'manifest.json');
  if (!existsSync(path)) throw new Error('packages/web/dist is not built: run `npm run build:web`.');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Chunk>;
}

/** The source module a route or loader names with import('…') in a file, as a manifest key. */
function lazyKey(sourceFile: string, pattern: RegExp): string {
  const match = pattern.exec(readFileSync(join(WEB, sourceFile), 'utf8'));
  if (!match) throw new Error(`${sourceFile} no longer matches ${pattern}: update budget-offline.test.ts`);
  const base = posix.join(posix.dirname(sourceFile), match[1]!).replace(/\.js$/, '');
  const found = ['.tsx', '.ts'].map((ext) => base + ext).find((path) => existsSync(join(WEB, path)));
  if (!found) throw new Error(`${match[1]} from ${sourceFile} does not exist`);
  return found;
}

function firstLoadFiles(): string[] {
  const m = manifest();
  const entry = Object.entries(m).find(([, chunk]) => chunk.isEntry && chunk.src === 'index.html');
  if (!entry) throw new Error('the build has no index.html entry');
  const starts = [
    entry[0],
    lazyKey('src/app/routes.tsx', /route\(\s*paths\.home\s*,\s*\(\)\s*=>\s*import\('([^']+)'\)/),
    lazyKey('src/i18n/i18n.tsx', /\ben:\s*\(\)\s*=>\s*import\('([^']+)'\)/),
  ];
  const keys = new Set<string>();
  const visit = (key: string): void => {
    const chunk = m[key];
    if (!chunk || keys.has(key)) return;
    keys.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  starts.forEach(visit);
  return [...keys].map((key) => m[key]!.file);
}

describe('offline budgets (from packages/web/dist)', () => {
  it('builds a service worker of at most 12 KB gzipped, one classic script', () => {
    const path = join(DIST, 'sw.js');
    expect(existsSync(path), 'dist/sw.js is missing: the service worker plugin did not run').toBe(true);
    const code = readFileSync(path, 'utf8');
    const bytes = gzipSync(code, { level: 9 }).length;
    console.info(`service worker, gzip -9: ${bytes} B of ${SERVICE_WORKER_BUDGET} B`);
    expect(bytes).toBeLessThanOrEqual(SERVICE_WORKER_BUDGET);
    // A module worker would shut out older phones; the build must inline everything.
    expect(code).not.toMatch(/^\s*import\s|\bexport\s*\{/m);
    expect(code).toMatch(/satchel-app-[0-9a-f]{16}|version:`[0-9a-f]{16}`|version:"[0-9a-f]{16}"/);
  });

  it('keeps the download code out of the first load', () => {
    // The pattern must find the download code where it is, or its absence below proves nothing.
    expect(readFileSync(join(DIST, 'sw.js'), 'utf8')).toMatch(DOWNLOAD_CODE);
    const files = firstLoadFiles();
    expect(files.length).toBeGreaterThan(1);
    const carrying = files.filter((file) => DOWNLOAD_CODE.test(readFileSync(join(DIST, file), 'utf8')));
    expect(carrying, 'first-load chunks with download code: load it with import()').toEqual([]);
  });
});
