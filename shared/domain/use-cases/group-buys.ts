import { requireActor, requireRole, type Caller } from '../actor.js';
import type { Page } from '../common.js';
import { ConflictError, ForbiddenError, IdempotentReplay, NotFoundError, ReservationRefused, ValidationError } from '../errors.js';
import { ProductTerms, productTermsOf } from '../product.js';
import { GroupBuy, GroupBuyInput, type GroupBuyQuery, type GroupBuyStatus, type HandOutEntry, type JoinInput } from '../group-buy.js';
import { Order, PAYMENT_WINDOW_MS, type PlacedOrder } from '../order.js';
import type { Deps, IdempotencyClaim } from '../ports.js';
import { idempotencyWrite } from './idempotency.js';
import { changeOrder, leaveCounters, paymentRequestFor, salesOf, withStatus } from './order-lifecycle.js';
import { releasePayment } from './orders.js';

/** A community leader opens a group buy for one product; its maximum is taken out of stock at once. */
export async function openGroupBuy(
  deps: Pick<Deps, 'products' | 'groupBuys' | 'clock' | 'ids'>,
  caller: Caller,
  input: GroupBuyInput,
  idempotency?: IdempotencyClaim,
): Promise<GroupBuy> {
  const leader = requireRole(caller, 'leader');
  const fields = GroupBuyInput.parse(input);
  const now = deps.clock.now();
  const deadline = new Date(fields.deadline);
  if (deadline.getTime() <= now.getTime() + 60_000) throw new ValidationError('must be at least a minute from now', 'deadline');
  if (deadline.getTime() > now.getTime() + 60 * 24 * 60 * 60 * 1000) throw new ValidationError('must be within 60 days', 'deadline');
  const product = await deps.products.get(fields.productId);
  if (!product || product.status !== 'active') throw new NotFoundError('No such product on sale', 'productId');
  if (fields.unitPriceFen > product.priceFen) throw new ValidationError('may not be above the list price', 'unitPriceFen');
  const groupBuy = GroupBuy.parse({
    groupBuyId: deps.ids.next('groupBuy'),
    leaderId: leader.accountId,
    leaderName: leader.displayName,
    organizationId: leader.organizationId,
    ...productTermsOf(product),
    listPriceFen: product.priceFen,
    unitPriceFen: fields.unitPriceFen,
    minQuantity: fields.minQuantity,
    maxQuantity: fields.maxQuantity,
    joinedQuantity: 0,
    paidQuantity: 0,
    joinCount: 0,
    deadline: deadline.toISOString(),
    pickupPoint: fields.pickupPoint,
    ...(fields.title ? { title: fields.title } : {}),
    status: 'open',
    createdAt: now.toISOString(),
    version: 1,
  });
  await deps.groupBuys.create(groupBuy, idempotencyWrite(deps, idempotency, groupBuy));
  return groupBuy;
}

/** Group buys by status; open ones soonest deadline first. Public: anyone may see what is on offer. */
export async function listGroupBuys(deps: Pick<Deps, 'groupBuys'>, _caller: Caller, query: GroupBuyQuery): Promise<Page<GroupBuy>> {
  return deps.groupBuys.list(query);
}

/** The group buys the calling leader opened, newest first. */
export async function listMyGroupBuys(deps: Pick<Deps, 'groupBuys'>, caller: Caller, query: { limit: number; cursor?: string }): Promise<Page<GroupBuy>> {
  const leader = requireRole(caller, 'leader');
  return deps.groupBuys.listByLeader({ leaderId: leader.accountId, ...query });
}

/** One group buy with its progress. Public. */
export async function getGroupBuy(deps: Pick<Deps, 'groupBuys'>, _caller: Caller, input: { groupBuyId: string }): Promise<GroupBuy> {
  const groupBuy = await deps.groupBuys.get(input.groupBuyId);
  if (!groupBuy) throw new NotFoundError('No such group buy', 'groupBuyId');
  return groupBuy;
}

/**
 * A buyer joins with a quantity. The reservation comes first and is one conditional transaction — it takes the
 * quantity from what is left, so the maximum holds whatever the concurrency, and it stores the Idempotency-Key —
 * and only a join that got its units opens a payment (card payments are held until the group buy is confirmed).
 * A retry of a join that was made answers with that join and the same payment.
 */
export async function joinGroupBuy(
  deps: Pick<Deps, 'groupBuys' | 'payments' | 'clock' | 'ids'>,
  caller: Caller,
  input: { groupBuyId: string; join: JoinInput },
  idempotency?: IdempotencyClaim,
): Promise<PlacedOrder> {
  const actor = requireRole(caller, 'buyer', 'leader');
  const now = deps.clock.now();
  const groupBuy = await deps.groupBuys.getForJoin(input.groupBuyId);
  if (!groupBuy) throw new NotFoundError('No such group buy', 'groupBuyId');
  // A closed group buy never reopens, so even a cached copy may refuse early; room is judged by the transaction.
  if (groupBuy.status !== 'open' || groupBuy.deadline <= now.toISOString()) throw new ReservationRefused('closed', 'This group buy is closed', 'groupBuyId');
  if (input.join.quantity > groupBuy.maxQuantity) {
    throw new ReservationRefused('over_maximum', `The most one join can take is ${groupBuy.maxQuantity}`, 'quantity');
  }
  const amountFen = groupBuy.unitPriceFen * input.join.quantity;
  const order = Order.parse({
    orderId: deps.ids.next('order'),
    buyerId: actor.accountId,
    buyerName: actor.displayName,
    organizationId: actor.role === 'leader' ? actor.organizationId : groupBuy.organizationId,
    kind: 'group_buy',
    groupBuyId: groupBuy.groupBuyId,
    lines: [
      {
        ...ProductTerms.parse(groupBuy),
        lineNo: 1,
        unitPriceFen: groupBuy.unitPriceFen,
        quantity: input.join.quantity,
        amountFen,
      },
    ],
    totalFen: amountFen,
    fulfilment: { type: 'pickup', pickupPoint: groupBuy.pickupPoint },
    status: 'pending_payment',
    villageFulfilment: { [groupBuy.villageId]: 'pending' },
    payBy: new Date(Math.min(now.getTime() + PAYMENT_WINDOW_MS, new Date(groupBuy.deadline).getTime())).toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  });
  let joined: Order = order;
  try {
    // The stored answer is the join itself; its payment is the gateway's to remember (idempotent per order).
    await deps.groupBuys.join({ groupBuy, order, now, idempotency: idempotencyWrite(deps, idempotency, { order, payment: null }) });
  } catch (error) {
    if (!(error instanceof IdempotentReplay)) throw error;
    joined = Order.parse((error.body as { order: unknown }).order);
  }
  return { order: joined, payment: await deps.payments.createPayment(paymentRequestFor(joined)) };
}

/** A buyer leaves an open group buy before its deadline: the hold is released or the payment refunded. */
export async function leaveGroupBuy(
  deps: Pick<Deps, 'orders' | 'groupBuys' | 'payments' | 'clock'>,
  caller: Caller,
  input: { groupBuyId: string; orderId: string },
): Promise<Order> {
  const actor = requireActor(caller);
  const groupBuy = await deps.groupBuys.get(input.groupBuyId);
  if (!groupBuy) throw new NotFoundError('No such group buy', 'groupBuyId');
  const result = await changeOrder(deps, input.orderId, async (order) => {
    if (order.buyerId !== actor.accountId || order.groupBuyId !== input.groupBuyId) throw new NotFoundError('No such order in this group buy', 'orderId');
    if (order.status === 'cancelled' || order.status === 'refunded') return undefined;
    const current = await deps.groupBuys.get(input.groupBuyId);
    const now = deps.clock.now();
    if (!current || current.status !== 'open' || current.deadline <= now.toISOString()) {
      throw new ConflictError('The group buy has closed; its orders can no longer be left', 'orderId');
    }
    if (order.status === 'paid') {
      await deps.payments.refund({ paymentId: order.paymentId!, orderId: order.orderId, amountFen: order.totalFen });
      return { next: withStatus(order, 'refunded', now, { closedReason: 'left_group_buy' }), groupBuy: leaveCounters(order, 'refunded') };
    }
    if (order.status === 'pending_payment' || order.status === 'authorized') {
      await releasePayment(deps, order);
      return { next: withStatus(order, 'cancelled', now, { closedReason: 'left_group_buy' }), groupBuy: leaveCounters(order, 'cancelled') };
    }
    throw new ConflictError(`An order that is ${order.status} can no longer be left`, 'orderId');
  });
  if (!result) throw new NotFoundError('No such order', 'orderId');
  return result;
}

/** The leader closes early once the minimum is paid for; the rest of the closing is the deadline's. */
export async function closeGroupBuyEarly(
  deps: Pick<Deps, 'orders' | 'groupBuys' | 'payments' | 'clock'>,
  caller: Caller,
  input: { groupBuyId: string },
): Promise<GroupBuy> {
  const leader = requireRole(caller, 'leader', 'organizer');
  const groupBuy = await deps.groupBuys.get(input.groupBuyId);
  if (!groupBuy) throw new NotFoundError('No such group buy', 'groupBuyId');
  if (leader.role === 'leader' && groupBuy.leaderId !== leader.accountId) {
    throw new ForbiddenError('Only the leader who opened this group buy may close it');
  }
  if (groupBuy.status === 'open') {
    const begun = await deps.groupBuys.beginClosing({ groupBuyId: groupBuy.groupBuyId, outcome: 'confirmed', now: deps.clock.now(), early: true });
    if (!begun) {
      throw new ConflictError(`Only ${groupBuy.paidQuantity} of the minimum ${groupBuy.minQuantity} are paid; it cannot close early`, 'groupBuyId');
    }
  }
  return settleGroupBuy(deps, groupBuy.groupBuyId);
}

/**
 * Closes a group buy that is due: decides its outcome from what is paid, then settles every order (capture
 * or release holds, refund payments) and gives back unsold stock. Every step is conditional and idempotent,
 * so a crash midway is finished by the next run.
 */
export async function closeDueGroupBuy(deps: Pick<Deps, 'orders' | 'groupBuys' | 'payments' | 'clock'>, groupBuy: GroupBuy): Promise<GroupBuy> {
  if (groupBuy.status === 'open') {
    const outcome = groupBuy.paidQuantity >= groupBuy.minQuantity ? 'confirmed' : 'failed';
    const begun = await deps.groupBuys.beginClosing({ groupBuyId: groupBuy.groupBuyId, outcome, now: deps.clock.now(), early: false });
    // A payment landed between read and write and flipped the outcome: decide again from fresh numbers.
    if (!begun) {
      const fresh = await deps.groupBuys.get(groupBuy.groupBuyId);
      if (fresh?.status === 'open') {
        const flipped = fresh.paidQuantity >= fresh.minQuantity ? 'confirmed' : 'failed';
        await deps.groupBuys.beginClosing({ groupBuyId: fresh.groupBuyId, outcome: flipped, now: deps.clock.now(), early: false });
      }
    }
  }
  return settleGroupBuy(deps, groupBuy.groupBuyId);
}

async function settleGroupBuy(deps: Pick<Deps, 'orders' | 'groupBuys' | 'payments' | 'clock'>, groupBuyId: string): Promise<GroupBuy> {
  const groupBuy = await deps.groupBuys.get(groupBuyId);
  if (!groupBuy) throw new NotFoundError('No such group buy', 'groupBuyId');
  if (groupBuy.status !== 'closing') return groupBuy;
  const confirmed = groupBuy.outcome === 'confirmed';
  let sold = 0;
  for (const join of await deps.groupBuys.joins(groupBuyId)) {
    const settled = await changeOrder(deps, join.orderId, async (order) => {
      const now = deps.clock.now();
      if (confirmed) {
        if (order.status === 'authorized') {
          await deps.payments.capture({ paymentId: order.paymentId!, orderId: order.orderId });
          return { next: withStatus(order, 'paid', now, { paidAt: now.toISOString(), settledAt: now.toISOString() }), sales: salesOf(order, now), groupBuy: counters(order, 'paid') };
        }
        if (order.status === 'paid' && !order.settledAt) {
          return { next: withStatus(order, 'paid', now, { settledAt: now.toISOString() }), sales: salesOf(order, now), groupBuy: counters(order, 'paid') };
        }
        if (order.status === 'pending_payment') {
          await releasePayment(deps, order);
          return { next: withStatus(order, 'cancelled', now, { closedReason: 'unpaid_at_deadline' }), groupBuy: leaveCounters(order, 'cancelled') };
        }
        return undefined;
      }
      if (order.status === 'paid') {
        await deps.payments.refund({ paymentId: order.paymentId!, orderId: order.orderId, amountFen: order.totalFen });
        return { next: withStatus(order, 'refunded', now, { closedReason: 'group_buy_failed' }), groupBuy: leaveCounters(order, 'refunded') };
      }
      if (order.status === 'authorized' || order.status === 'pending_payment') {
        await releasePayment(deps, order);
        return { next: withStatus(order, 'cancelled', now, { closedReason: 'group_buy_failed' }), groupBuy: leaveCounters(order, 'cancelled') };
      }
      return undefined;
    });
    if (confirmed && settled?.status === 'paid') sold += join.quantity;
  }
  await deps.groupBuys.finishClosing({ groupBuy, returnStock: groupBuy.maxQuantity - sold, now: deps.clock.now() });
  return (await deps.groupBuys.get(groupBuyId))!;
}

const counters = (order: Order, joinStatus: 'paid') => ({ groupBuyId: order.groupBuyId!, joinedDelta: 0, paidDelta: 0, joinStatus });

/** Who collects how much: the leader's list for handing out (and the cooperative's and organizers'). */
export async function handOutList(
  deps: Pick<Deps, 'groupBuys'>,
  caller: Caller,
  input: { groupBuyId: string },
): Promise<{ groupBuy: GroupBuy; entries: HandOutEntry[]; totalQuantity: number }> {
  const actor = requireActor(caller);
  const groupBuy = await deps.groupBuys.get(input.groupBuyId);
  if (!groupBuy) throw new NotFoundError('No such group buy', 'groupBuyId');
  const allowed =
    actor.role === 'organizer' ||
    (actor.role === 'leader' && actor.accountId === groupBuy.leaderId) ||
    (actor.role === 'coop' && actor.villageId === groupBuy.villageId);
  if (!allowed) throw new ForbiddenError("Only the group buy's leader, its village's cooperative and organizers see who collects what");
  const collecting: GroupBuyStatus[] = ['confirmed'];
  const paidStatuses = collecting.includes(groupBuy.status) ? ['paid'] : ['paid', 'authorized', 'pending_payment'];
  const entries = (await deps.groupBuys.joins(input.groupBuyId))
    .filter((j) => paidStatuses.includes(j.status))
    .map((j) => ({ orderId: j.orderId, buyerName: j.buyerName, quantity: j.quantity, status: j.status }))
    .sort((a, b) => a.buyerName.localeCompare(b.buyerName, 'zh-CN'));
  return { groupBuy, entries, totalQuantity: entries.reduce((sum, e) => sum + e.quantity, 0) };
}
