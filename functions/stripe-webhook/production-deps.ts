import { buybackRepository } from '../../shared/db/repositories/buyback.js';
import { orderRepository } from '../../shared/db/repositories/orders.js';
import { systemClock } from '../../shared/runtime/ids.js';
import { TableAndStripeEnv, stripeConfigured, stripeOf, tableOf } from '../production-common.js';
import type { WebhookDeps } from './app.js';

/** What the webhook is told by its environment (set by the ApiStack; AWS_REGION by Lambda). */
const WebhookEnv = TableAndStripeEnv.refine(...stripeConfigured);

/** Wires the webhook's clients once per container: the Stripe verifier and gateway, and the repositories events move. */
export function webhookDeps(env: NodeJS.ProcessEnv = process.env): WebhookDeps {
  const config = WebhookEnv.parse(env);
  const db = tableOf(config);
  return { clock: systemClock, orders: orderRepository(db), buyback: buybackRepository(db), ...stripeOf(config) };
}
