import type { Deps } from '../ports.js';
import { closeDueGroupBuy } from './group-buys.js';
import { changeOrder, leaveCounters, stockOf, withStatus } from './order-lifecycle.js';
import { releasePayment } from './orders.js';
import { closeDueGuarantees } from './buyback/closing.js';
import { expireSettlement } from './buyback/settlements.js';

/** How much one run takes on; the next run (a minute later in AWS) continues. */
const BATCH = 100;

/**
 * The periodic work no person triggers: unpaid orders past their payment window give their stock back,
 * group buys past their deadline are confirmed or failed and settled, buyback guarantees close at 00:00
 * Asia/Shanghai after their window (their breach computed), offers still undecided then lapse, and unpaid buyback
 * settlements lapse. Run by
 * EventBridge Scheduler in AWS and by a timer in the local server, through this same function.
 */
export async function runDueWork(
  deps: Pick<Deps, 'orders' | 'groupBuys' | 'payments' | 'clock' | 'buyback' | 'products' | 'marketPrices'>,
): Promise<{ expiredOrders: number; closedGroupBuys: number; closedGuarantees: number; lapsedOffers: number; expiredSettlements: number }> {
  const now = deps.clock.now();
  let expiredOrders = 0;
  for (const overdue of await deps.orders.listPaymentOverdue(now, BATCH)) {
    await changeOrder(deps, overdue.orderId, async (order) => {
      if (order.status !== 'pending_payment' || order.payBy > now.toISOString()) return undefined;
      await releasePayment(deps, order);
      expiredOrders++;
      const next = withStatus(order, 'cancelled', deps.clock.now(), { closedReason: 'payment_window_expired' });
      return order.kind === 'direct' ? { next, releaseStock: stockOf(order) } : { next, groupBuy: leaveCounters(order, 'cancelled') };
    });
  }
  let closedGroupBuys = 0;
  for (const groupBuy of await deps.groupBuys.listDue(now, BATCH)) {
    const closed = await closeDueGroupBuy(deps, groupBuy);
    if (closed.status === 'confirmed' || closed.status === 'failed') closedGroupBuys++;
  }
  const { closed: closedGuarantees, lapsed: lapsedOffers } = await closeDueGuarantees(deps, BATCH);
  let expiredSettlements = 0;
  for (const settlement of await deps.buyback.listSettlementsOverdue(now, BATCH)) {
    if (await expireSettlement(deps, settlement)) expiredSettlements++;
  }
  return { expiredOrders, closedGroupBuys, closedGuarantees, lapsedOffers, expiredSettlements };
}
