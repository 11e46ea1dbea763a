import { describe, expect, it, vi } from 'vitest';
import { ServiceBusyError } from '../../../../../shared/domain/errors.js';
import { changeOrder, hasSales, leaveCounters, salesOf, stockOf, withStatus } from '../../../../../shared/domain/use-cases/order-lifecycle.js';
import { AT, makeOrder, memoryOrders } from './fakes.js';

describe('order lifecycle helpers', () => {
  it('withStatus stamps the change and moves the version by one', () => {
    // Prepare
    const order = makeOrder({ version: 4 });
    const later = new Date(AT.getTime() + 5_000);
    // Act
    const next = withStatus(order, 'paid', later, { paidAt: later.toISOString() });
    // Assess
    expect(next).toEqual({ ...order, status: 'paid', paidAt: later.toISOString(), updatedAt: later.toISOString(), version: 5 });
    expect(order.status).toBe('pending_payment');
  });

  it('salesOf writes one sale per line, keyed by its source; a reversal negates quantity and amount', () => {
    // Prepare
    const order = makeOrder({ organizationId: 'org_01KAZ5M1X8Q3Z8Y6G5B9R7T2VW' });
    const second = { ...order.lines[0]!, lineNo: 2, quantity: 1, amountFen: 16_800 };
    const twoLines = { ...order, lines: [order.lines[0]!, second] };
    // Act
    const sales = salesOf(twoLines, AT);
    const reversal = salesOf(twoLines, AT, true);
    // Assess
    expect(sales.map((s) => [s.source, s.channel, s.quantity, s.amountFen, s.organizationId])).toEqual([
      [`order:${order.orderId}:1`, 'order', 2, 33_600, 'org_01KAZ5M1X8Q3Z8Y6G5B9R7T2VW'],
      [`order:${order.orderId}:2`, 'order', 1, 16_800, 'org_01KAZ5M1X8Q3Z8Y6G5B9R7T2VW'],
    ]);
    expect(reversal.map((s) => [s.source, s.quantity, s.amountFen])).toEqual([
      [`refund:${order.orderId}:1`, -2, -33_600],
      [`refund:${order.orderId}:2`, -1, -16_800],
    ]);
    expect(sales.every((s) => s.occurredAt === AT.toISOString() && s.villageId === order.lines[0]!.villageId && s.farmerShareBps === 7_000)).toBe(true);
  });

  it('a group-buy order sells on the group_buy channel', () => {
    expect(salesOf(makeOrder({ kind: 'group_buy' }), AT).map((s) => [s.channel, s.source.split(':')[0]])).toEqual([['group_buy', 'group_buy']]);
  });

  it('hasSales: a direct order once paid, a group-buy order once settled', () => {
    expect(hasSales(makeOrder())).toBe(false);
    expect(hasSales(makeOrder({ paidAt: AT.toISOString() }))).toBe(true);
    expect(hasSales(makeOrder({ kind: 'group_buy', paidAt: AT.toISOString() }))).toBe(false);
    expect(hasSales(makeOrder({ kind: 'group_buy', paidAt: AT.toISOString(), settledAt: AT.toISOString() }))).toBe(true);
  });

  it('stockOf lists what each line holds', () => {
    const order = makeOrder();
    expect(stockOf(order)).toEqual([{ productId: order.lines[0]!.productId, quantity: 2 }]);
  });

  it('leaveCounters frees the joined quantity, and the paid quantity only if it was held or paid', () => {
    // Prepare
    const pending = makeOrder({ kind: 'group_buy' });
    const held = makeOrder({ kind: 'group_buy', status: 'authorized' });
    const paid = makeOrder({ kind: 'group_buy', status: 'paid' });
    // Assess
    expect(leaveCounters(pending, 'cancelled')).toEqual({ groupBuyId: pending.groupBuyId, joinedDelta: -2, paidDelta: 0, joinStatus: 'cancelled' });
    expect(leaveCounters(held, 'cancelled')).toMatchObject({ joinedDelta: -2, paidDelta: -2 });
    expect(leaveCounters(paid, 'refunded')).toMatchObject({ joinedDelta: -2, paidDelta: -2, joinStatus: 'refunded' });
    expect(leaveCounters(makeOrder(), 'cancelled')).toBeUndefined();
  });
});

describe('changeOrder', () => {
  it('writes the step decided from the order it read, conditional on that version', async () => {
    // Prepare
    const order = makeOrder({ version: 2 });
    const store = memoryOrders([order]);
    // Act
    const result = await changeOrder({ orders: store.repository }, order.orderId, (o) => ({ next: withStatus(o, 'cancelled', AT) }));
    // Assess
    expect(result).toMatchObject({ status: 'cancelled', version: 3 });
    expect(store.transitions.map((t) => t.expectedVersion)).toEqual([2]);
  });

  it('re-reads and decides again when the order changed meanwhile', async () => {
    // Prepare
    const order = makeOrder();
    const store = memoryOrders([order]);
    store.repository.staleNext(2);
    const decide = vi.fn((o: typeof order) => ({ next: withStatus(o, 'cancelled', AT) }));
    // Act
    const result = await changeOrder({ orders: store.repository }, order.orderId, decide);
    // Assess
    expect(decide).toHaveBeenCalledTimes(3);
    expect(result?.status).toBe('cancelled');
  });

  it('gives up with ServiceBusyError (503) when the order keeps changing', async () => {
    // Prepare
    const order = makeOrder();
    const store = memoryOrders([order]);
    store.repository.staleNext(1_000);
    // Act
    const attempt = changeOrder({ orders: store.repository }, order.orderId, (o) => ({ next: withStatus(o, 'cancelled', AT) }));
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ServiceBusyError);
    expect(store.orders.get(order.orderId)!.status).toBe('pending_payment');
  });

  it('answers the order unchanged when there is nothing to do, and undefined for an unknown order', async () => {
    // Prepare
    const order = makeOrder();
    const store = memoryOrders([order]);
    const decide = vi.fn(() => undefined);
    // Act
    const unchanged = await changeOrder({ orders: store.repository }, order.orderId, decide);
    const missing = await changeOrder({ orders: store.repository }, makeOrder().orderId, decide);
    // Assess
    expect(unchanged).toEqual(order);
    expect(missing).toBeUndefined();
    expect(decide).toHaveBeenCalledTimes(1);
    expect(store.transitions).toEqual([]);
  });
});
