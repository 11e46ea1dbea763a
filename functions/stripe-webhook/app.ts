import { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../../shared/domain/ports.js';
import type { AppEnv } from '../api/env.js';
import { onError } from '../api/errors.js';
import { webhookRoutes } from '../api/routes/webhooks.js';

/**
 * The Stripe webhook as its own function: public (no authorizer; the signature is checked in code), with its
 * own concurrency and alarms, so a burst of events never competes with buyers for the API's capacity.
 * The API app serves the same route too, for the local stack.
 */
export function createWebhookApp(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.route('/api', webhookRoutes(deps));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
