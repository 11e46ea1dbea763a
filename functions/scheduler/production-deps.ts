import { buybackRepository, marketPriceRepository } from '../../shared/db/repositories/buyback.js';
import { groupBuyRepository } from '../../shared/db/repositories/group-buys.js';
import { orderRepository } from '../../shared/db/repositories/orders.js';
import { productRepository } from '../../shared/db/repositories/products.js';
import { systemClock } from '../../shared/runtime/ids.js';
import { TableAndStripeEnv, stripeConfigured, stripeOf, tableOf } from '../production-common.js';
import type { SchedulerDeps } from './app.js';

/** What the scheduler is told by its environment (set by the ApiStack; AWS_REGION by Lambda). */
const SchedulerEnv = TableAndStripeEnv.refine(...stripeConfigured);

/** Wires the scheduler's clients once per container: the repositories it uses and Stripe, nothing else. */
export function schedulerDeps(env: NodeJS.ProcessEnv = process.env): SchedulerDeps {
  const config = SchedulerEnv.parse(env);
  const db = tableOf(config);
  return {
    clock: systemClock,
    orders: orderRepository(db),
    groupBuys: groupBuyRepository(db),
    products: productRepository(db),
    buyback: buybackRepository(db),
    marketPrices: marketPriceRepository(db),
    payments: stripeOf(config).payments,
  };
}
