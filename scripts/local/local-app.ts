import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from '../../functions/api/app.js';
import type { Deps } from '../../shared/domain/ports.js';
import type { DevIssuer } from './dev-issuer.js';
import { devRoutes } from './dev-routes.js';
import { payPageRoutes } from './pay-page.js';
import type { PaymentSimulator } from '../../shared/payments/simulator.js';

/**
 * The local server's app: the very API the Lambda runs, plus what exists only on a developer's machine —
 * the development sign-in routes and the payment simulator's pay page — and the web build that CloudFront
 * serves in AWS.
 */
export function createLocalApp(deps: Deps, issuer: DevIssuer, webRoot?: string, simulator?: PaymentSimulator) {
  const app = createApp(deps);
  app.route('/api', devRoutes({ accounts: deps.accounts, issuer }));
  if (simulator) app.route('/', payPageRoutes(simulator));
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    const root = relative(process.cwd(), webRoot) || '.';
    const files = serveStatic({ root });
    app.use('*', async (c, next) => {
      if (c.req.path.startsWith('/api/')) return next();
      const served = await files(c, next);
      // Hashed assets never change under one name; the rest (the shell) must be fresh to point at the newest.
      if (served instanceof Response) served.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return served;
    });
    // Client-side routes (/villages/…) get the app shell; a missing asset or API path stays a 404.
    app.get('*', (c, next) => {
      if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(c.req.path)) return next();
      c.header('Cache-Control', 'no-cache');
      // Read per request: a rebuild while the server runs must not leave the shell pointing at deleted assets.
      return c.html(readFileSync(join(webRoot, 'index.html'), 'utf8'));
    });
  }
  return app;
}
