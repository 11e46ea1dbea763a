import type { Deps, OrderTransition } from '../ports.js';
import type { PaymentRequest } from '../payment.js';
import type { Order, OrderStatus } from '../order.js';
import type { Sale } from '../sale.js';
import { ServiceBusyError } from '../errors.js';

/** How often a transition is re-decided when the order changed between read and write. */
const TRANSITION_ATTEMPTS = 6;

/**
 * Reads an order, lets `decide` plan the next step from what it sees, and writes that step conditionally on
 * the order being unchanged; when it changed meanwhile (a webhook raced a cancel), it decides again from the
 * new state. `decide` returns undefined when there is nothing to do.
 */
export async function changeOrder(
  deps: Pick<Deps, 'orders'>,
  orderId: string,
  decide: (order: Order) => Promise<Omit<OrderTransition, 'expectedVersion'> | undefined> | Omit<OrderTransition, 'expectedVersion'> | undefined,
): Promise<Order | undefined> {
  for (let attempt = 0; attempt < TRANSITION_ATTEMPTS; attempt++) {
    const order = await deps.orders.get(orderId);
    if (!order) return undefined;
    const step = await decide(order);
    if (!step) return order;
    if (await deps.orders.transition({ ...step, expectedVersion: order.version })) return step.next;
  }
  throw new ServiceBusyError('This order is changing too fast; try again');
}

/** The order after a status change, stamped and versioned. */
export function withStatus(order: Order, status: OrderStatus, now: Date, extra: Partial<Order> = {}): Order {
  return { ...order, ...extra, status, updatedAt: now.toISOString(), version: order.version + 1 };
}

/** One sale per line (or its reversal), keyed by what caused it so that each is recorded once. */
export function salesOf(order: Order, at: Date, reversal = false): Sale[] {
  const channel = order.kind === 'group_buy' ? 'group_buy' : 'order';
  const sign = reversal ? -1 : 1;
  return order.lines.map((line) => ({
    source: `${reversal ? 'refund' : channel}:${order.orderId}:${line.lineNo}`,
    villageId: line.villageId,
    productId: line.productId,
    productName: line.productName,
    unit: line.unit,
    category: line.category,
    channel,
    buyerAccountId: order.buyerId,
    ...(order.organizationId ? { organizationId: order.organizationId } : {}),
    quantity: sign * line.quantity,
    amountFen: sign * line.amountFen,
    farmerShareBps: line.farmerShareBps,
    occurredAt: at.toISOString(),
  }));
}

/** Whether sales were recorded for this order (so a refund must reverse them). */
export function hasSales(order: Order): boolean {
  return order.kind === 'direct' ? order.paidAt !== undefined : order.settledAt !== undefined;
}

/** Stock an order holds on its products, to give back when it ends unpaid or is refunded before shipping. */
export function stockOf(order: Order): { productId: string; quantity: number }[] {
  return order.lines.map((line) => ({ productId: line.productId, quantity: line.quantity }));
}

/** Group-buy counter moves when an order of a group buy leaves it. */
export function leaveCounters(order: Order, joinStatus: OrderStatus) {
  if (!order.groupBuyId) return undefined;
  const quantity = order.lines[0]?.quantity ?? 0;
  const wasPaid = order.status === 'authorized' || order.status === 'paid';
  return { groupBuyId: order.groupBuyId, joinedDelta: -quantity, paidDelta: wasPaid ? -quantity : 0, joinStatus };
}

/**
 * The payment an order asks for, derived from the order alone: every call for the same order sends the same
 * request, which the gateway's per-order idempotency needs (Stripe refuses a key reused with other parameters).
 */
export function paymentRequestFor(order: Order): PaymentRequest {
  const line = order.lines[0];
  return {
    orderId: order.orderId,
    amountFen: order.totalFen,
    description: order.kind === 'group_buy' && line ? `村链团购 ${line.productName} × ${line.quantity}` : `村链订单 ${order.orderId}`,
    holdCardPayments: order.kind === 'group_buy',
    buyerAccountId: order.buyerId,
  };
}
