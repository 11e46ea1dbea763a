import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Deps } from '../../../shared/domain/ports.js';
import { handlePaymentEvent } from '../../../shared/domain/use-cases/payment-events.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json } from '../schemas.js';

/** Stripe's webhook (and the local simulator's, which signs the same way). Public: the signature is the proof. */
export function webhookRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/stripe',
      summary: 'Payment events; verified on the raw body, each event id applied once',
      responses: {
        200: { description: 'Handled (or recognised as a redelivery)', content: json(z.object({ received: z.literal(true), outcome: z.string() })) },
        ...errorResponses,
      },
    }),
    async (c) => {
      // The signature covers the exact bytes sent: verify the raw text, never a re-serialised parse.
      const event = await deps.paymentEvents.verify(await c.req.text(), c.req.header('stripe-signature'));
      const { outcome } = event ? await handlePaymentEvent(deps, event) : { outcome: 'ignored' };
      return c.json({ received: true as const, outcome }, 200);
    },
  );

  return app;
}
