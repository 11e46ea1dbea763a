import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the web app from web/ into web/dist. Run from the repo root: `npm run build:web`. */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  // Vite 8 transforms with oxc: compile JSX against Preact's automatic runtime (preact/jsx-runtime).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
  },
  // `vite --config web/vite.config.ts` serves the app and forwards API calls to the local Node server.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
