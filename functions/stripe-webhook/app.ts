import { Hono } from 'hono';
import type { Deps } from '../../shared/domain/ports.js';
import { handlePaymentEvent } from '../../shared/domain/use-cases/payment-events.js';
import { onError } from '../api/errors.js';

/** What the webhook uses: the Stripe verifier, the gateway (money that arrives too late is given back) and what events move. */
export type WebhookDeps = Pick<Deps, 'paymentEvents' | 'payments' | 'orders' | 'buyback' | 'clock'>;

/**
 * The Stripe webhook as its own function: public (no authorizer; the signature is checked in code), with its
 * own concurrency and alarms, so a burst of events never competes with buyers for the API's capacity.
 *
 * It answers exactly as the API's route of the same path (functions/api/routes/webhooks.ts, which the local
 * stack serves) and through the same `onError`, but as a plain Hono app: the OpenAPI document is the API's
 * to publish, and @hono/zod-openapi with zod-to-openapi would be ~40 KB of this bundle for one route.
 */
export function createWebhookApp(deps: WebhookDeps) {
  const app = new Hono();
  app.onError(onError);
  app.post('/api/webhooks/stripe', async (c) => {
    // The signature covers the exact bytes sent: verify the raw text, never a re-serialised parse.
    const event = await deps.paymentEvents.verify(await c.req.text(), c.req.header('stripe-signature'));
    const { outcome } = event ? await handlePaymentEvent(deps, event) : { outcome: 'ignored' };
    return c.json({ received: true as const, outcome }, 200);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
