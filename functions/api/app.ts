import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from '../../shared/domain/ports.js';
import type { AppEnv } from './env.js';
import { RequestValidationFailed, onError } from './errors.js';
import { authenticate } from './middleware/authenticate.js';
import { healthRoutes } from './routes/health.js';
import { organizationRoutes } from './routes/organizations.js';
import { productRoutes } from './routes/products.js';
import { villageRoutes } from './routes/villages.js';
import { orderRoutes } from './routes/orders.js';
import { groupBuyRoutes } from './routes/group-buys.js';
import { webhookRoutes } from './routes/webhooks.js';
import { buybackGuaranteeRoutes } from './routes/buyback-guarantees.js';
import { marketPriceRoutes } from './routes/market-prices.js';
import { salesRoutes } from './routes/sales.js';
import { reportRoutes } from './routes/reports.js';
import { pairingRoutes } from './routes/pairings.js';
import { weeklyReportRoutes } from './routes/weekly-reports.js';
import { exportRoutes } from './routes/exports.js';

/** Largest request body any route accepts; no legitimate request comes near it. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The Village Link API as one Hono app, built from injected dependencies. The Lambda handler and the local
 * server run this same app; only their `deps` differ.
 */
export function createApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    // Validation failures are thrown so that `onError` stays the one place that shapes error answers.
    defaultHook: (result) => {
      if (!result.success) throw new RequestValidationFailed(result.error);
    },
  });
  app.onError(onError);
  app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: false }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: { code: 'payload_too_large', message: `The body exceeds ${MAX_BODY_BYTES} bytes`, field: 'body' } }, 413),
    }),
  );
  app.use('/api/*', authenticate(deps.tokens));

  app.route('/api', healthRoutes(deps));
  app.route('/api', villageRoutes(deps));
  app.route('/api', organizationRoutes(deps));
  app.route('/api', productRoutes(deps));
  app.route('/api', orderRoutes(deps));
  app.route('/api', groupBuyRoutes(deps));
  app.route('/api', webhookRoutes(deps));
  app.route('/api', buybackGuaranteeRoutes(deps));
  app.route('/api', marketPriceRoutes(deps));
  app.route('/api', salesRoutes(deps));
  app.route('/api', reportRoutes(deps));
  app.route('/api', pairingRoutes(deps));
  app.route('/api', weeklyReportRoutes(deps));
  app.route('/api', exportRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Village Link API',
      version: '1.0.0',
      description: 'Consumption-aid marketplace (消费扶贫平台). Money fields end in `Fen` and are integer fen (CNY/100).',
    },
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
