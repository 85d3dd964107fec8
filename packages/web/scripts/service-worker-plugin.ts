import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { build, type Plugin } from 'vite';

// Builds src/sw/sw.ts into dist/sw.js after the app itself: one classic script (a module service worker
// would shut out older phones), with the build's version and file lists written into it. The version is
// a hash of everything the worker would serve, so any change to the app makes the browser see a new
// worker, which installs beside the old one and waits for the learner (src/sw/register.ts).

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const PLACEHOLDER = '__SATCHEL_SW_VERSION__';

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return filesUnder(root, path);
    return [path];
  });
}

/** The first visit's files, from Vite's manifest: the entry's chunk, its static imports and its CSS. */
export function shellFiles(manifest: Record<string, Chunk>): string[] {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry && chunk.src === 'index.html');
  if (!entry) throw new Error('the build manifest has no index.html entry');
  const files = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || files.has(`/${chunk.file}`)) return;
    files.add(`/${chunk.file}`);
    for (const css of chunk.css ?? []) files.add(`/${css}`);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit(entry[0]);
  // One stylesheet for the whole app (cssCodeSplit: false) has a manifest entry of its own.
  for (const chunk of Object.values(manifest)) if (chunk.file.endsWith('.css')) files.add(`/${chunk.file}`);
  return ['/index.html', '/manifest.webmanifest', '/icons/icon.svg', ...files];
}

export function serviceWorkerPlugin(options: { entry: string; alias: Record<string, string> }): Plugin {
  let outDir = '';
  return {
    name: 'satchel-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
        string,
        Chunk
      >;
      const shell = shellFiles(manifest);
      const assets = filesUnder(outDir, 'assets')
        .map((file) => `/${relative(outDir, join(outDir, file)).split(sep).join(posix.sep)}`)
        .filter((file) => !file.endsWith('.map'))
        .sort();
      const output = await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        resolve: { alias: options.alias },
        define: {
          __SATCHEL_SW__: JSON.stringify({ version: PLACEHOLDER, shell, assets }),
        },
        build: {
          write: false,
          emptyOutDir: false,
          copyPublicDir: false,
          minify: true,
          target: ['es2020', 'chrome87', 'edge88', 'firefox78', 'safari14'],
          lib: {
            entry: options.entry,
            formats: ['iife'],
            name: 'satchelServiceWorker',
            fileName: () => 'sw.js',
          },
        },
      });
      const outputs = Array.isArray(output) ? output : [output];
      const chunk = outputs
        .flatMap((o) => ('output' in o ? o.output : []))
        .find((item) => item.type === 'chunk');
      if (!chunk || chunk.type !== 'chunk') throw new Error('the service worker build produced no script');
      const hash = createHash('sha256');
      hash.update(chunk.code);
      hash.update(readFileSync(join(outDir, 'index.html')));
      for (const file of [...shell, ...assets]) hash.update(file);
      const version = hash.digest('hex').slice(0, 16);
      writeFileSync(join(outDir, 'sw.js'), chunk.code.split(PLACEHOLDER).join(version));
    },
  };
}
