import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus } from '../../../../../shared/domain/order.js';
import type { PaymentEvent } from '../../../../../shared/domain/payment.js';
import { handlePaymentEvent } from '../../../../../shared/domain/use-cases/payment-events.js';
import { AT, fixedClock, makeOrder, memoryOrders, recordingGateway } from './fakes.js';

const PAID_AT = '2026-11-21T01:59:00.000Z';

function eventFor(order: Order, kind: PaymentEvent['kind'], eventId = `evt_${kind}_${order.orderId}`): PaymentEvent {
  return { eventId, kind, paymentId: order.paymentId!, orderId: order.orderId, amountFen: order.totalFen, method: 'alipay', occurredAt: new Date(PAID_AT) };
}

/** An order in `status`, with what an order in that status carries (paid orders have paidAt, settled ones settledAt). */
function orderIn(kind: Order['kind'], status: OrderStatus, extra: Partial<Order> = {}): Order {
  const wasPaid = ['paid', 'ready', 'shipped', 'completed', 'refunded'].includes(status);
  return makeOrder({ kind, status, version: 3, ...(wasPaid ? { paidAt: PAID_AT } : {}), ...extra });
}

async function apply(order: Order, kind: PaymentEvent['kind'], options: { taken?: boolean } = {}) {
  const store = memoryOrders([order]);
  const { gateway, calls } = recordingGateway(options.taken ? new Set([order.paymentId!]) : new Set());
  const result = await handlePaymentEvent({ orders: store.repository, payments: gateway, clock: fixedClock }, eventFor(order, kind));
  return { result, after: store.orders.get(order.orderId)!, transition: store.transitions[0], transitions: store.transitions, calls, store };
}

describe('handlePaymentEvent: the order state machine under payment events', () => {
  describe('a direct order', () => {
    it.each<[OrderStatus, PaymentEvent['kind'], OrderStatus]>([
      ['pending_payment', 'succeeded', 'paid'],
      ['pending_payment', 'failed', 'cancelled'],
      ['pending_payment', 'canceled', 'cancelled'],
      ['paid', 'refunded', 'refunded'],
      ['ready', 'refunded', 'refunded'],
      ['shipped', 'refunded', 'refunded'],
      ['completed', 'refunded', 'refunded'],
    ])('%s + %s → %s, one transition carrying the event', async (from, kind, to) => {
      // Prepare
      const order = orderIn('direct', from);
      // Act
      const { result, after, transitions } = await apply(order, kind);
      // Assess
      expect(result.outcome).toBe('applied');
      expect(after.status).toBe(to);
      expect(after.version).toBe(order.version + 1);
      expect(transitions).toHaveLength(1);
      expect(transitions[0]!.eventId).toBe(`evt_${kind}_${order.orderId}`);
    });

    it.each<[OrderStatus, PaymentEvent['kind']]>([
      ['pending_payment', 'refunded'],
      ['paid', 'succeeded'],
      ['paid', 'failed'],
      ['paid', 'canceled'],
      ['ready', 'failed'],
      ['completed', 'succeeded'],
      ['cancelled', 'failed'],
      ['cancelled', 'canceled'],
      ['cancelled', 'refunded'],
      ['refunded', 'refunded'],
    ])('%s + %s changes nothing and moves no money', async (from, kind) => {
      // Prepare
      const order = orderIn('direct', from);
      // Act
      const { result, after, transitions, calls, store } = await apply(order, kind);
      // Assess
      expect(result.outcome).toBe('ignored');
      expect(after).toEqual(order);
      expect(transitions).toEqual([]);
      expect(calls).toEqual([]);
      // Recorded, so that its redelivery is recognised.
      expect(store.events.has(`evt_${kind}_${order.orderId}`)).toBe(true);
    });

    it('paid: one sale per line at the time the provider took the money, nothing released', async () => {
      // Prepare
      const order = orderIn('direct', 'pending_payment');
      // Act
      const { transition, after } = await apply(order, 'succeeded');
      // Assess
      expect(after.paidAt).toBe(PAID_AT);
      expect(transition!.sales).toEqual([
        expect.objectContaining({ source: `order:${order.orderId}:1`, channel: 'order', quantity: 2, amountFen: 33_600, occurredAt: PAID_AT, buyerAccountId: order.buyerId }),
      ]);
      expect(transition!.releaseStock ?? []).toEqual([]);
    });

    it('a failed payment gives the reserved stock back with the cancellation', async () => {
      // Prepare
      const order = orderIn('direct', 'pending_payment');
      // Act
      const { transition, after } = await apply(order, 'failed');
      // Assess
      expect(after.closedReason).toBe('payment_failed');
      expect(transition!.releaseStock).toEqual([{ productId: order.lines[0]!.productId, quantity: 2 }]);
      expect(transition!.sales ?? []).toEqual([]);
    });

    it('a refund of a paid order reverses its sales', async () => {
      // Prepare
      const order = orderIn('direct', 'paid');
      // Act
      const { transition } = await apply(order, 'refunded');
      // Assess
      expect(transition!.sales).toEqual([
        expect.objectContaining({ source: `refund:${order.orderId}:1`, quantity: -2, amountFen: -33_600, occurredAt: AT.toISOString() }),
      ]);
    });

    it('money that arrives for a cancelled or refunded order is given back: a charge refunded, a hold released', async () => {
      // Prepare
      const cancelled = orderIn('direct', 'cancelled');
      const refunded = orderIn('direct', 'refunded');
      // Act
      const charged = await apply(cancelled, 'succeeded');
      const chargedAgain = await apply(refunded, 'succeeded');
      const held = await apply(orderIn('group_buy', 'cancelled'), 'authorized');
      // Assess
      expect(charged.result.outcome).toBe('ignored');
      expect(charged.after).toEqual(cancelled);
      expect(charged.calls).toEqual([{ op: 'refund', paymentId: cancelled.paymentId, amountFen: cancelled.totalFen }]);
      expect(chargedAgain.calls.map((c) => c.op)).toEqual(['refund']);
      expect(held.calls.map((c) => c.op)).toEqual(['release']);
    });

    it('the same event twice: applied once, then a duplicate that moves nothing', async () => {
      // Prepare
      const order = orderIn('direct', 'pending_payment');
      const store = memoryOrders([order]);
      const { gateway } = recordingGateway();
      const deps = { orders: store.repository, payments: gateway, clock: fixedClock };
      // Act
      const first = await handlePaymentEvent(deps, eventFor(order, 'succeeded'));
      const second = await handlePaymentEvent(deps, eventFor(order, 'succeeded'));
      // Assess
      expect([first.outcome, second.outcome]).toEqual(['applied', 'duplicate']);
      expect(store.transitions).toHaveLength(1);
      expect(store.orders.get(order.orderId)!.version).toBe(order.version + 1);
    });

    it('a give-back event delivered twice gives the money back once', async () => {
      // Prepare
      const order = orderIn('direct', 'cancelled');
      const store = memoryOrders([order]);
      const { gateway, calls } = recordingGateway();
      const deps = { orders: store.repository, payments: gateway, clock: fixedClock };
      // Act
      const outcomes = [await handlePaymentEvent(deps, eventFor(order, 'succeeded')), await handlePaymentEvent(deps, eventFor(order, 'succeeded'))];
      // Assess
      expect(outcomes.map((o) => o.outcome)).toEqual(['ignored', 'duplicate']);
      expect(calls.filter((c) => c.op === 'refund')).toHaveLength(1);
    });

    it('an event for an unknown order is recorded and ignored', async () => {
      // Prepare
      const store = memoryOrders([]);
      const { gateway, calls } = recordingGateway();
      const ghost = makeOrder();
      // Act
      const result = await handlePaymentEvent({ orders: store.repository, payments: gateway, clock: fixedClock }, eventFor(ghost, 'succeeded'));
      // Assess
      expect(result.outcome).toBe('ignored');
      expect(calls).toEqual([]);
    });

    it('re-decides from the fresh order when it changed between read and write', async () => {
      // Prepare: a concurrent write lands first, once.
      const order = orderIn('direct', 'pending_payment');
      const store = memoryOrders([order]);
      store.repository.staleNext(1);
      const { gateway } = recordingGateway();
      // Act
      const result = await handlePaymentEvent({ orders: store.repository, payments: gateway, clock: fixedClock }, eventFor(order, 'succeeded'));
      // Assess
      expect(result.outcome).toBe('applied');
      expect(store.orders.get(order.orderId)!.status).toBe('paid');
    });
  });

  describe('a group-buy order', () => {
    it('a hold: pending → authorized, counted as paid on the group buy', async () => {
      // Prepare
      const order = orderIn('group_buy', 'pending_payment');
      // Act
      const { result, after, transition } = await apply(order, 'authorized');
      // Assess
      expect(result.outcome).toBe('applied');
      expect(after.status).toBe('authorized');
      expect(transition!.groupBuy).toEqual({ groupBuyId: order.groupBuyId, joinedDelta: 0, paidDelta: 2, joinStatus: 'authorized' });
      expect(transition!.sales ?? []).toEqual([]);
    });

    it('a capture after the hold: authorized → paid, not counted a second time, no sale before confirmation', async () => {
      // Prepare
      const order = orderIn('group_buy', 'authorized');
      // Act
      const { after, transition } = await apply(order, 'succeeded');
      // Assess
      expect(after.status).toBe('paid');
      expect(transition!.groupBuy).toEqual({ groupBuyId: order.groupBuyId, joinedDelta: 0, paidDelta: 0, joinStatus: 'paid' });
      expect(transition!.sales ?? []).toEqual([]);
    });

    it('a wallet charge: pending → paid, counted as paid', async () => {
      // Prepare
      const order = orderIn('group_buy', 'pending_payment');
      // Act
      const { transition } = await apply(order, 'succeeded');
      // Assess
      expect(transition!.groupBuy).toMatchObject({ paidDelta: 2, joinedDelta: 0, joinStatus: 'paid' });
    });

    it('a hold released at the provider: authorized → cancelled, its quantity freed and no longer counted as paid', async () => {
      // Prepare
      const order = orderIn('group_buy', 'authorized');
      // Act
      const { after, transition } = await apply(order, 'canceled');
      // Assess
      expect(after.status).toBe('cancelled');
      expect(transition!.groupBuy).toEqual({ groupBuyId: order.groupBuyId, joinedDelta: -2, paidDelta: -2, joinStatus: 'cancelled' });
      expect(transition!.releaseStock ?? []).toEqual([]);
    });

    it('a failed attempt while a hold stands changes nothing; a repeated hold changes nothing', async () => {
      // Act
      const failed = await apply(orderIn('group_buy', 'authorized'), 'failed');
      const again = await apply(orderIn('group_buy', 'authorized'), 'authorized');
      const late = await apply(orderIn('group_buy', 'paid'), 'authorized');
      // Assess
      expect([failed.result.outcome, again.result.outcome, late.result.outcome]).toEqual(['ignored', 'ignored', 'ignored']);
      expect([...failed.calls, ...again.calls, ...late.calls]).toEqual([]);
    });

    it('a settled order refunded at the provider: refunded with its sale reversed', async () => {
      // Prepare
      const order = orderIn('group_buy', 'paid', { settledAt: AT.toISOString() });
      // Act
      const { after, transition } = await apply(order, 'refunded');
      // Assess
      expect(after.status).toBe('refunded');
      expect(transition!.sales).toEqual([expect.objectContaining({ source: `refund:${order.orderId}:1`, channel: 'group_buy', amountFen: -33_600 })]);
    });

    it('a paid order of an open group buy refunded at the provider (a Dashboard refund) leaves the group buy: no longer joined nor paid', async () => {
      // Prepare
      const order = orderIn('group_buy', 'paid');
      // Act
      const { after, transition } = await apply(order, 'refunded');
      // Assess
      expect(after.status).toBe('refunded');
      expect(transition!.sales ?? []).toEqual([]);
      expect(transition!.groupBuy).toEqual({ groupBuyId: order.groupBuyId, joinedDelta: -2, paidDelta: -2, joinStatus: 'refunded' });
    });
  });
});
