// Size budgets of the learner's first visit, read from the production build
// (packages/web/dist, which `npm test` builds first). Sizes do not depend on the
// machine, so unlike speed they are enforced here. Sizes are gzip level 9
// (node:zlib), what a server compressing at its best sends; PNG icons are counted
// as they are, since nobody gzips them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(WEB, 'dist');
const MANIFEST = join(DIST, '.vite', 'manifest.json');

/** JavaScript a learner's phone downloads before the home page shows. */
const FIRST_LOAD_JS_BUDGET = 60 * 1024;
/** Everything the home page's first visit transfers: HTML, CSS, JS, web manifest, icons (course media aside). */
const FIRST_VISIT_BUDGET = 150 * 1024;
const GZIP_LEVEL = 9;
/** Formats that are compressed already and sent as they are. */
const SENT_AS_IS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.avif', '.woff2', '.woff']);
/** zod v4 keeps these through minification: `$constructor('$ZodString', …)` and the `._zod` internals. */
const ZOD_SIGNATURE = /\$Zod[A-Z]\w*|\._zod\b/;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, Chunk>;

let cached: Manifest | undefined;
function manifest(): Manifest {
  if (cached) return cached;
  if (!existsSync(MANIFEST)) {
    throw new Error(
      'packages/web/dist/.vite/manifest.json is missing: the web app is not built. Run `npm run build:web` (npm test builds it first).',
    );
  }
  cached = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  return cached;
}

const distFile = (path: string): Buffer => readFileSync(join(DIST, path.replace(/^\//, '')));
const gzipped = (path: string): number =>
  SENT_AS_IS.has(extname(path))
    ? distFile(path).length
    : gzipSync(distFile(path), { level: GZIP_LEVEL }).length;

/** `src/…` path of the module a relative import in `fromFile` (a `src/…` path) names; `.js` stands for .ts/.tsx. */
function resolveSource(fromFile: string, specifier: string): string {
  const joined = posix.join(posix.dirname(fromFile), specifier);
  const base = joined.replace(/\.js$/, '');
  const found = ['.tsx', '.ts', ''].map((ext) => base + ext).find((p) => existsSync(join(WEB, p)));
  if (!found) throw new Error(`${fromFile} imports ${specifier}, which does not exist`);
  return found;
}

/** The module a lazy `import()` in a source file names, found by a pattern with one capture group. */
function lazyTarget(sourceFile: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(readFileSync(join(WEB, sourceFile), 'utf8'));
  if (!match)
    throw new Error(
      `could not find ${what} in ${sourceFile}: update budget.test.ts to where it is loaded now`,
    );
  return resolveSource(sourceFile, match[1]!);
}

/** The modules the app loads at start besides the entry (main.tsx → start.tsx): the home route and the English messages. */
function startModules(): { home: string; english: string } {
  return {
    home: lazyTarget(
      'src/app/routes.tsx',
      /route\(\s*paths\.home\s*,\s*\(\)\s*=>\s*import\('([^']+)'\)/,
      'the home route',
    ),
    english: lazyTarget(
      'src/i18n/i18n.tsx',
      /\ben:\s*\(\)\s*=>\s*import\('([^']+)'\)/,
      'the English catalogue loader',
    ),
  };
}

function chunkOf(m: Manifest, key: string): Chunk {
  const chunk = m[key];
  if (!chunk) throw new Error(`the build has no chunk for ${key} (is it still loaded lazily?)`);
  return chunk;
}

/** Manifest keys of the chunks a first visit of the learner home loads: each start chunk and its static imports. */
function firstLoadKeys(m: Manifest): Set<string> {
  const entry = Object.entries(m).find(([, c]) => c.isEntry && c.src === 'index.html');
  if (!entry) throw new Error('the build manifest has no index.html entry');
  const { home, english } = startModules();
  const keys = new Set<string>();
  const visit = (key: string): void => {
    if (keys.has(key)) return;
    keys.add(key);
    for (const next of chunkOf(m, key).imports ?? []) visit(next);
  };
  for (const key of [entry[0], home, english]) visit(key);
  return keys;
}

function firstLoadJs(m: Manifest): { file: string; bytes: number }[] {
  return [...firstLoadKeys(m)].map((key) => {
    const file = chunkOf(m, key).file;
    return { file, bytes: gzipped(file) };
  });
}

const listing = (files: readonly { file: string; bytes: number }[]): string =>
  files.map((f) => `${f.file} ${f.bytes} B`).join(', ');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(WEB, dir)).flatMap((name) => {
    const path = posix.join(dir, name);
    if (statSync(join(WEB, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

// A static import or re-export at the start of a line; `import type` and `export type` vanish from the build.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;

describe('learner first-load budgets (from packages/web/dist)', () => {
  it('loads at most 60 KB of gzipped JavaScript before the learner home shows', () => {
    const files = firstLoadJs(manifest());
    const total = files.reduce((sum, f) => sum + f.bytes, 0);
    console.info(
      `first-load JavaScript, gzip -${GZIP_LEVEL}: ${total} B of ${FIRST_LOAD_JS_BUDGET} B (${listing(files)})`,
    );
    expect(total, `first-load JS: ${listing(files)}`).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it('keeps zod out of every first-load chunk', () => {
    // The signature must find zod where zod is, or its absence below proves nothing.
    const zodDir = dirname(createRequire(import.meta.url).resolve('zod/package.json'));
    expect(readFileSync(join(zodDir, 'v4', 'core', 'schemas.js'), 'utf8')).toMatch(ZOD_SIGNATURE);
    const m = manifest();
    const withZod = [...firstLoadKeys(m)].filter((key) =>
      ZOD_SIGNATURE.test(distFile(chunkOf(m, key).file).toString('utf8')),
    );
    expect(
      withZod,
      'these first-load chunks contain zod: import only types from @satchel/core there',
    ).toEqual([]);
  });

  it('loads every lesson viewer lazily, never with the first load', () => {
    const dispatcher = 'src/player/LessonViewer.tsx';
    const viewers = [...readFileSync(join(WEB, dispatcher), 'utf8').matchAll(/import\('([^']+)'\)/g)].map(
      (match) => resolveSource(dispatcher, match[1]!),
    );
    expect(viewers.length, `${dispatcher} loads no viewer with import()`).toBeGreaterThan(0);
    const strip = (path: string): string => path.replace(/\.tsx?$/, '');
    const viewerSet = new Set(viewers.map(strip));
    // A single static import anywhere would pull a viewer into its importer's chunk.
    const staticImports = sourceFiles('src').flatMap((file) =>
      [...readFileSync(join(WEB, file), 'utf8').matchAll(STATIC_IMPORT)]
        .map((match) => strip(posix.join(posix.dirname(file), match[1]!.replace(/\.js$/, ''))))
        .filter((target) => viewerSet.has(target))
        .map((target) => `${file} → ${target}`),
    );
    expect(staticImports, 'viewers must only be loaded with import()').toEqual([]);
    const m = manifest();
    const firstLoad = firstLoadKeys(m);
    for (const viewer of viewers) {
      const chunk = m[viewer];
      const referenced = Object.values(m).some((c) => (c.dynamicImports ?? []).includes(viewer));
      // A viewer that no built page reaches yet is not in the build at all, which is lazy enough.
      if (!chunk && !referenced) continue;
      expect(chunk?.isDynamicEntry, `${viewer} has no lazy chunk of its own`).toBe(true);
      expect(firstLoad.has(viewer), `${viewer} is in the first load`).toBe(false);
    }
  });

  it('transfers at most 150 KB on the first visit of the home page (HTML, CSS, JS, manifest, icons)', () => {
    const m = manifest();
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const linked = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]!);
    const webManifest = linked.find((path) => path.endsWith('.webmanifest'));
    const manifestIcons = webManifest
      ? ((JSON.parse(distFile(webManifest).toString('utf8')) as { icons?: { src: string }[] }).icons?.map(
          (i) => i.src,
        ) ?? [])
      : [];
    const css = linked.filter((path) => path.endsWith('.css'));
    const cssUrls = css.flatMap((path) =>
      [
        ...distFile(path)
          .toString('utf8')
          .matchAll(/url\(\s*['"]?(\/[^'")]+)['"]?\s*\)/g),
      ].map((match) => match[1]!),
    );
    const serviceWorker = existsSync(join(DIST, 'sw.js')) ? ['/sw.js'] : [];
    const jsFiles = [...firstLoadKeys(m)].map((key) => `/${chunkOf(m, key).file}`);
    const paths = [
      ...new Set(['/index.html', ...linked, ...manifestIcons, ...cssUrls, ...serviceWorker, ...jsFiles]),
    ];
    const files = paths.map((path) => ({ file: path, bytes: gzipped(path) }));
    const total = files.reduce((sum, f) => sum + f.bytes, 0);
    console.info(
      `home first visit, gzip -${GZIP_LEVEL} (PNG as is): ${total} B of ${FIRST_VISIT_BUDGET} B (${listing(files)})`,
    );
    expect(total, `first visit: ${listing(files)}`).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
  });
});
