import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { serviceWorkerPlugin } from './scripts/service-worker-plugin.js';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// The dev server forwards API calls to a running `satchel serve`; the built app is served by it directly.
const devApi = process.env['SATCHEL_DEV_API'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: here('public'),
  plugins: [
    preact(),
    // dist/sw.js, built after the app so it can list the app's files (src/sw/).
    serviceWorkerPlugin({
      entry: here('src/sw/sw.ts'),
      alias: { '@satchel/core': here('../core/src/index.ts') },
    }),
  ],
  resolve: { alias: { '@satchel/core': here('../core/src/index.ts') } },
  server: { proxy: { '/api': devApi, '/xapi': devApi, '/healthz': devApi } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // A test walks the entry's static imports in this manifest to hold the learner first-load budget.
    manifest: true,
    // One stylesheet for the whole app: it is small, and lazy routes then never flash unstyled.
    cssCodeSplit: false,
    // Learners use old, rarely updated Android phones: keep syntax those browsers run.
    target: ['es2020', 'chrome87', 'edge88', 'firefox78', 'safari14'],
    reportCompressedSize: true,
    rolldownOptions: { input: here('index.html') },
  },
});
