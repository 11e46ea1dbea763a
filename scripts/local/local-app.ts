import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from '../../functions/api/app.js';
import type { Deps } from '../../shared/domain/ports.js';
import type { DevIssuer } from './dev-issuer.js';
import { devRoutes } from './dev-routes.js';

/**
 * The local server's app: the very API the Lambda runs, plus what exists only on a developer's machine —
 * the development sign-in routes — and the web build that CloudFront serves in AWS.
 */
export function createLocalApp(deps: Deps, issuer: DevIssuer, webRoot?: string) {
  const app = createApp(deps);
  app.route('/api', devRoutes({ accounts: deps.accounts, issuer }));
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    const root = relative(process.cwd(), webRoot) || '.';
    const indexHtml = readFileSync(join(webRoot, 'index.html'), 'utf8');
    app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : serveStatic({ root })(c, next)));
    // Client-side routes (/villages/…) get the app shell; the router in the page takes over.
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(indexHtml)));
  }
  return app;
}
