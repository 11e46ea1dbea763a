import Stripe from 'stripe';
import { z } from 'zod';
import type { PaymentEventVerifier, PaymentGateway } from '../domain/payment.js';
import { stripeEventVerifier } from './stripe-events.js';
import { stripeGateway } from './stripe-gateway.js';

/** The Stripe keys as stored in the stage's secret (JSON fields). */
export const StripeKeys = z.object({
  secretKey: z.string().startsWith('sk_'),
  webhookSecret: z.string().startsWith('whsec_'),
});
export type StripeKeys = z.infer<typeof StripeKeys>;

/**
 * The payment port on Stripe, with keys loaded the first time a payment or a webhook needs them and then kept
 * for the container's life — so a cold start that only lists products never waits for Secrets Manager, and a
 * rotated key reaches new containers without a deploy. A failed load is retried on the next call.
 */
export function lazyStripe(loadKeys: () => Promise<StripeKeys>): { payments: PaymentGateway; paymentEvents: PaymentEventVerifier } {
  let ready: Promise<{ payments: PaymentGateway; paymentEvents: PaymentEventVerifier }> | undefined;
  const load = () => {
    ready ??= loadKeys().then((keys) => {
      const stripe = new Stripe(keys.secretKey, { maxNetworkRetries: 2, timeout: 10_000 });
      return { payments: stripeGateway(stripe), paymentEvents: stripeEventVerifier(stripe, keys.webhookSecret) };
    });
    ready.catch(() => (ready = undefined));
    return ready;
  };
  return {
    payments: {
      createPayment: async (request) => (await load()).payments.createPayment(request),
      capture: async (input) => (await load()).payments.capture(input),
      release: async (input) => (await load()).payments.release(input),
      refund: async (input) => (await load()).payments.refund(input),
    },
    paymentEvents: {
      verify: async (rawBody, signature) => (await load()).paymentEvents.verify(rawBody, signature),
    },
  };
}
