import { requireActor, requireRole, type Caller } from '../actor.js';
import type { Page } from '../common.js';
import { ConflictError, DomainError, ForbiddenError, IdempotentReplay, NotFoundError, ValidationError } from '../errors.js';
import { Order, OrderInput, PAYMENT_WINDOW_MS, type FulfilmentInput, type LineFulfilment, type OrderLine, type PickList, type PlacedOrder } from '../order.js';
import type { Deps, IdempotencyClaim } from '../ports.js';
import { releaseOrRefund, type PaymentSession } from '../payment.js';
import { productTermsOf } from '../product.js';
import { idempotencyWrite } from './idempotency.js';
import { leaveGroupBuy } from './group-buys.js';
import { changeOrder, hasSales, paymentRequestFor, salesOf, stockOf, withStatus } from './order-lifecycle.js';

/** Who may read an order: its buyer, the cooperatives of its villages, and organizers. */
function mayRead(caller: Caller, order: Order): boolean {
  if (!caller) return false;
  if (caller.role === 'organizer') return true;
  if (caller.role === 'coop') return order.lines.some((line) => line.villageId === caller.villageId);
  return caller.accountId === order.buyerId;
}

/** A buyer (or leader buying for themselves) orders products from one or more villages and gets a payment to complete. */
export async function placeOrder(
  deps: Pick<Deps, 'products' | 'orders' | 'payments' | 'clock' | 'ids'>,
  caller: Caller,
  input: OrderInput,
  idempotency?: IdempotencyClaim,
): Promise<PlacedOrder> {
  const actor = requireRole(caller, 'buyer', 'leader');
  const fields = OrderInput.parse(input);
  const now = deps.clock.now();
  const lines: OrderLine[] = [];
  const products = await Promise.all(fields.lines.map((requested) => deps.products.get(requested.productId)));
  for (const [index, requested] of fields.lines.entries()) {
    const product = products[index];
    if (!product || product.status !== 'active') throw new NotFoundError('No such product on sale', `lines.${index}.productId`);
    lines.push({
      ...productTermsOf(product),
      lineNo: index + 1,
      unitPriceFen: product.priceFen,
      quantity: requested.quantity,
      amountFen: product.priceFen * requested.quantity,
    });
  }
  const totalFen = lines.reduce((sum, line) => sum + line.amountFen, 0);
  if (!Number.isSafeInteger(totalFen) || totalFen > 1_000_000_000) throw new ValidationError('the order total is too large', 'lines');
  const orderId = deps.ids.next('order');
  const unpaid = Order.parse({
    orderId,
    buyerId: actor.accountId,
    buyerName: actor.displayName,
    ...(actor.role === 'leader' ? { organizationId: actor.organizationId } : {}),
    kind: 'direct',
    lines,
    totalFen,
    fulfilment: fields.fulfilment,
    status: 'pending_payment',
    villageFulfilment: Object.fromEntries(lines.map((l) => [l.villageId, 'pending'])),
    payBy: new Date(now.getTime() + PAYMENT_WINDOW_MS).toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  });
  const payment = await deps.payments.createPayment(paymentRequestFor(unpaid));
  const order: Order = { ...unpaid, paymentId: payment.paymentId };
  const placed: PlacedOrder = { order, payment };
  try {
    await deps.orders.place(order, idempotencyWrite(deps, idempotency, placed));
  } catch (error) {
    await abandonPayment(deps, error, payment.paymentId, orderId);
    throw error;
  }
  return placed;
}

/** One order, for those who may see it. */
export async function getOrder(deps: Pick<Deps, 'orders'>, caller: Caller, input: { orderId: string }): Promise<Order> {
  requireActor(caller);
  const order = await deps.orders.get(input.orderId);
  // Someone else's order is reported as missing, so ids cannot be probed.
  if (!order || !mayRead(caller, order)) throw new NotFoundError('No such order', 'orderId');
  // A cooperative sees its own village's lines of a multi-village order, not its neighbours'.
  if (caller?.role === 'coop') return { ...order, lines: order.lines.filter((line) => line.villageId === caller.villageId) };
  return order;
}

/**
 * The payment of an unpaid order, again: for the buyer who closed the tab or opened the order elsewhere.
 * The gateway is idempotent per order, so this returns the same payment, never a second one.
 */
export async function getOrderPayment(deps: Pick<Deps, 'orders' | 'payments'>, caller: Caller, input: { orderId: string }): Promise<PaymentSession> {
  const actor = requireActor(caller);
  const order = await deps.orders.get(input.orderId);
  if (!order || order.buyerId !== actor.accountId) throw new NotFoundError('No such order', 'orderId');
  if (order.status !== 'pending_payment') throw new ConflictError(`An order that is ${order.status} has nothing left to pay`, 'orderId');
  return deps.payments.createPayment(paymentRequestFor(order));
}

/** The caller's own orders, newest first. */
export async function listMyOrders(deps: Pick<Deps, 'orders'>, caller: Caller, query: { limit: number; cursor?: string }): Promise<Page<Order>> {
  const actor = requireActor(caller);
  return deps.orders.listByBuyer({ buyerId: actor.accountId, ...query });
}

/** A village's orders, newest first, for its cooperative (and organizers); each shows only that village's lines. */
export async function listVillageOrders(
  deps: Pick<Deps, 'orders'>,
  caller: Caller,
  query: { villageId: string; limit: number; cursor?: string },
): Promise<Page<Order>> {
  const actor = requireRole(caller, 'coop', 'organizer');
  if (actor.role === 'coop' && actor.villageId !== query.villageId) {
    throw new ForbiddenError("A cooperative sees only its own village's orders", 'villageId');
  }
  const page = await deps.orders.listByVillage(query);
  return { ...page, items: page.items.map((order) => ({ ...order, lines: order.lines.filter((l) => l.villageId === query.villageId) })) };
}

/**
 * The buyer cancels: an unpaid order is dropped and its stock released; a paid direct order that no village
 * has started to fulfil is refunded in full. A group-buy order is left through its group buy.
 */
export async function cancelOrder(
  deps: Pick<Deps, 'orders' | 'payments' | 'groupBuys' | 'clock'>,
  caller: Caller,
  input: { orderId: string },
): Promise<Order> {
  const actor = requireActor(caller);
  const existing = await deps.orders.get(input.orderId);
  if (!existing || existing.buyerId !== actor.accountId) throw new NotFoundError('No such order', 'orderId');
  if (existing.kind === 'group_buy') {
    return leaveGroupBuy(deps, caller, { groupBuyId: existing.groupBuyId!, orderId: existing.orderId });
  }
  const result = await changeOrder(deps, input.orderId, async (order) => {
    const now = deps.clock.now();
    if (order.status === 'pending_payment') {
      await releasePayment(deps, order);
      return { next: withStatus(order, 'cancelled', now, { closedReason: 'cancelled_by_buyer' }), releaseStock: stockOf(order) };
    }
    if (order.status === 'paid' && Object.values(order.villageFulfilment).every((f) => f === 'pending')) {
      await deps.payments.refund({ paymentId: order.paymentId!, orderId: order.orderId, amountFen: order.totalFen });
      return {
        next: withStatus(order, 'refunded', now, { closedReason: 'cancelled_by_buyer' }),
        releaseStock: stockOf(order),
        sales: hasSales(order) ? salesOf(order, now, true) : [],
      };
    }
    if (order.status === 'cancelled' || order.status === 'refunded') return undefined;
    throw new ConflictError(`An order that is ${order.status} can no longer be cancelled`, 'orderId');
  });
  return result!;
}

/**
 * Releases the payment opened for an order whose write failed — but only when the order is known not to exist.
 * A timeout may hide a write that did commit; releasing then would cancel a real order under the buyer's feet.
 */
export async function abandonPayment(deps: Pick<Deps, 'payments' | 'orders'>, error: unknown, paymentId: string, orderId: string): Promise<void> {
  const refused = error instanceof DomainError || error instanceof IdempotentReplay;
  if (!refused && (await deps.orders.get(orderId).catch(() => 'unknown' as const)) !== undefined) return;
  await deps.payments.release({ paymentId, orderId }).catch(() => undefined);
}

/** Releases an unpaid payment; if it was completed meanwhile, refunds it instead, so no money is kept. */
export async function releasePayment(deps: Pick<Deps, 'payments'>, order: Order): Promise<void> {
  // A join records its payment's id only once the provider reports on it; the gateway, idempotent per order,
  // names the payment it made for this order (or makes the one it would have made, which is then released).
  const paymentId = order.paymentId ?? (await deps.payments.createPayment(paymentRequestFor(order))).paymentId;
  await releaseOrRefund(deps.payments, { paymentId, orderId: order.orderId, amountFen: order.totalFen });
}

const ORDER_STATUS_AFTER: Record<Exclude<LineFulfilment, 'pending'>, 'ready' | 'shipped' | 'completed'> = {
  ready: 'ready',
  shipped: 'shipped',
  completed: 'completed',
};
const FULFILMENT_RANK: Record<LineFulfilment, number> = { pending: 0, ready: 1, shipped: 1, completed: 2 };

/**
 * A cooperative marks its village's lines of a paid order ready (pickup), shipped (delivery) or completed
 * (handed over); the order follows once every village has. The buyer may mark the order completed on receipt.
 */
export async function fulfilOrder(
  deps: Pick<Deps, 'orders' | 'clock'>,
  caller: Caller,
  input: { orderId: string; fulfilment: FulfilmentInput },
): Promise<Order> {
  const actor = requireActor(caller);
  const { action } = input.fulfilment;
  const result = await changeOrder(deps, input.orderId, (order) => {
    const villages = Object.keys(order.villageFulfilment);
    const isBuyer = actor.accountId === order.buyerId;
    const ownVillage = actor.role === 'coop' && villages.includes(actor.villageId) ? actor.villageId : undefined;
    if (!isBuyer && !ownVillage) throw new NotFoundError('No such order', 'orderId');
    if (isBuyer && !ownVillage && action !== 'completed') throw new ForbiddenError('Only the cooperative marks an order ready or shipped');
    if (!['paid', 'ready', 'shipped'].includes(order.status)) throw new ConflictError(`An order that is ${order.status} cannot be fulfilled`, 'action');
    if (order.kind === 'group_buy' && !order.settledAt) throw new ConflictError('A group-buy order is fulfilled once its group buy is confirmed', 'action');
    if (action === 'ready' && order.fulfilment.type !== 'pickup') throw new ValidationError('a delivery order is shipped, not made ready', 'action');
    if (action === 'shipped' && order.fulfilment.type !== 'delivery') throw new ValidationError('a pickup order is made ready, not shipped', 'action');
    const targets = ownVillage ? [ownVillage] : villages;
    const villageFulfilment = { ...order.villageFulfilment };
    for (const village of targets) {
      const current = villageFulfilment[village] ?? 'pending';
      if (FULFILMENT_RANK[current] > FULFILMENT_RANK[action]) continue;
      villageFulfilment[village] = action;
    }
    if (JSON.stringify(villageFulfilment) === JSON.stringify(order.villageFulfilment)) return undefined;
    const least = Math.min(...Object.values(villageFulfilment).map((f) => FULFILMENT_RANK[f]));
    const status = least === 2 ? 'completed' : least === 1 ? ORDER_STATUS_AFTER[action === 'completed' ? (order.fulfilment.type === 'pickup' ? 'ready' : 'shipped') : action] : order.status;
    return { next: withStatus(order, status, deps.clock.now(), { villageFulfilment }) };
  });
  if (!result) throw new NotFoundError('No such order', 'orderId');
  return result;
}


/** How many of a village's recent orders the pick list looks through; older unfulfilled ones are a support case. */
const PICK_LIST_WINDOW = 1_000;

/**
 * The cooperative's pick list: paid lines of its village not yet fulfilled, summed per product for each
 * destination (a group buy's pickup point, collection at the cooperative, or delivery).
 */
export async function villagePickList(deps: Pick<Deps, 'orders'>, caller: Caller, input: { villageId: string }): Promise<PickList> {
  const groups = new Map<string, PickList['groups'][number]>();
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await listVillageOrders(deps, caller, { villageId: input.villageId, limit: 100, cursor });
    for (const order of page.items) {
      const waiting = order.status === 'paid' || order.status === 'ready' || order.status === 'shipped';
      if (!waiting || order.villageFulfilment[input.villageId] !== 'pending') continue;
      if (order.kind === 'group_buy' && !order.settledAt) continue;
      const point = order.fulfilment.type === 'pickup' ? order.fulfilment.pickupPoint : null;
      const destination = order.fulfilment.type === 'delivery' ? 'delivery' : point ? 'pickup' : 'cooperative';
      const key = `${destination}|${point ? `${point.name}|${point.address}|${point.pickupTime}` : ''}`;
      const group = groups.get(key) ?? { destination, pickupPoint: point, items: [], orderIds: [] };
      group.orderIds.push(order.orderId);
      for (const line of order.lines) {
        const item = group.items.find((i) => i.productId === line.productId);
        if (item) item.quantity += line.quantity;
        else group.items.push({ productId: line.productId, productName: line.productName, unit: line.unit, quantity: line.quantity });
      }
      groups.set(key, group);
    }
    seen += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && seen < PICK_LIST_WINDOW);
  return { villageId: input.villageId, groups: [...groups.values()] };
}
