import type { Order } from '../order.js';
import type { PaymentEvent } from '../payment.js';
import type { Deps, OrderTransition } from '../ports.js';
import { isSettlementReference } from '../buyback.js';
import { handleSettlementPaymentEvent } from './buyback/settlements.js';
import { changeOrder, hasSales, leaveCounters, salesOf, stockOf, withStatus } from './order-lifecycle.js';

type Step = Omit<OrderTransition, 'expectedVersion'>;

/**
 * Applies one verified payment event to its order (or, for a `bbs_` reference, to its buyback settlement),
 * exactly once. Events may come twice, late or out of order:
 * each moves the order only forward from the states where it means something, and the event id is stored in
 * the same transaction, so a redelivery changes nothing. Money that arrives for an order that is no longer
 * payable (expired, left, failed group buy) is given back.
 */
export async function handlePaymentEvent(
  deps: Pick<Deps, 'orders' | 'payments' | 'clock'> & Partial<Pick<Deps, 'buyback'>>,
  event: PaymentEvent,
): Promise<{ outcome: 'applied' | 'duplicate' | 'ignored' }> {
  // A payment's reference is the payable's id; its prefix says whether it pays an order or a buyback settlement.
  if (isSettlementReference(event.orderId)) {
    if (!deps.buyback) throw new Error('A settlement payment event needs the buyback repository');
    return handleSettlementPaymentEvent({ ...deps, buyback: deps.buyback }, event);
  }
  if (await deps.orders.hasEvent(event.eventId)) return { outcome: 'duplicate' };
  let giveBack: Order | undefined;
  let applied = false;
  await changeOrder(deps, event.orderId, (order) => {
    giveBack = undefined;
    applied = false;
    const step = stepFor(order, event, deps.clock.now());
    if (step === 'give_back') {
      giveBack = order;
      return undefined;
    }
    if (step) applied = true;
    return step ? { ...step, eventId: event.eventId } : undefined;
  });
  if (!applied) {
    const first = await deps.orders.recordEvent(event.eventId, deps.clock.now());
    if (!first) return { outcome: 'duplicate' };
    if (giveBack) await giveMoneyBack(deps, giveBack, event);
    return { outcome: 'ignored' };
  }
  return { outcome: 'applied' };
}

function stepFor(order: Order, event: PaymentEvent, now: Date): Step | 'give_back' | undefined {
  const paid = { paymentId: event.paymentId, ...(event.method ? { paymentMethod: event.method } : {}) };
  const quantity = order.lines[0]?.quantity ?? 0;
  const dead = order.status === 'cancelled' || order.status === 'refunded';
  switch (event.kind) {
    case 'authorized':
      if (order.status === 'pending_payment') {
        return {
          next: withStatus(order, 'authorized', now, paid),
          ...(order.groupBuyId ? { groupBuy: { groupBuyId: order.groupBuyId, joinedDelta: 0, paidDelta: quantity, joinStatus: 'authorized' } } : {}),
        };
      }
      return dead ? 'give_back' : undefined;
    case 'succeeded':
      if (order.status === 'pending_payment' || order.status === 'authorized') {
        const next = withStatus(order, 'paid', now, { ...paid, paidAt: order.paidAt ?? event.occurredAt.toISOString() });
        if (order.kind === 'direct') return { next, sales: salesOf(next, event.occurredAt) };
        return {
          next,
          groupBuy: { groupBuyId: order.groupBuyId!, joinedDelta: 0, paidDelta: order.status === 'pending_payment' ? quantity : 0, joinStatus: 'paid' },
        };
      }
      return dead ? 'give_back' : undefined;
    case 'failed':
    case 'canceled':
      if (order.status === 'pending_payment' || (event.kind === 'canceled' && order.status === 'authorized')) {
        const next = withStatus(order, 'cancelled', now, { closedReason: event.kind === 'failed' ? 'payment_failed' : 'payment_canceled' });
        return order.kind === 'direct' ? { next, releaseStock: stockOf(order) } : { next, groupBuy: leaveCounters(order, 'cancelled') };
      }
      return undefined;
    case 'refunded':
      if (['paid', 'ready', 'shipped', 'completed'].includes(order.status)) {
        const next = withStatus(order, 'refunded', now, { closedReason: order.closedReason ?? 'refunded_by_provider' });
        // A refunded join no longer counts towards its group buy (nor for its hand-out list).
        return { next, sales: hasSales(order) ? salesOf(order, now, true) : [], groupBuy: leaveCounters(order, 'refunded') };
      }
      return undefined;
  }
}

/** Money came in for an order that can no longer be fulfilled: release the hold or refund the charge. */
async function giveMoneyBack(deps: Pick<Deps, 'payments'>, order: Order, event: PaymentEvent): Promise<void> {
  if (event.kind === 'authorized') await deps.payments.release({ paymentId: event.paymentId, orderId: order.orderId });
  else await deps.payments.refund({ paymentId: event.paymentId, orderId: order.orderId, amountFen: event.amountFen });
}
