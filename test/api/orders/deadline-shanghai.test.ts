import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDueWork } from '../../../shared/domain/use-cases/scheduler.js';
import { createSyncedStack, groupBuyBody, listProduct, namedBuyer, namedLeader, salesOf, villageWithCoop, type SyncedStack } from './support.js';

/** 23:59:59 on New Year's Eve in Shanghai is 15:59:59 UTC: a deadline the UTC calendar would put in another hour. */
const DEADLINE = '2026-12-31T23:59:59+08:00';

describe('a deadline at 23:59:59 Asia/Shanghai', () => {
  let stack: SyncedStack;

  beforeAll(async () => {
    stack = await createSyncedStack('2026-12-31T02:00:00.000Z');
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  it('takes joins until the second before, refuses them at the deadline, and closes exactly then', async () => {
    // Prepare
    const village = await villageWithCoop(stack);
    const product = await listProduct(stack, village, { stock: 20 });
    const leader = namedLeader('张敏');
    const opened = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, DEADLINE, { minQuantity: 1, maxQuantity: 10 }) });
    expect(opened.status).toBe(201);
    expect(opened.json.deadline).toBe('2026-12-31T15:59:59.000Z');
    const groupBuyId: string = opened.json.groupBuyId;

    // Act: one second before the deadline
    stack.setTime('2026-12-31T15:59:58.000Z');
    const beforeJoin = await stack.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: namedBuyer('李雷'), body: { quantity: 2 } });
    await stack.simulator.complete(beforeJoin.json.payment.paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    const runBefore = await runDueWork(stack.deps);
    const stillOpen = (await stack.call('GET', `/api/group-buys/${groupBuyId}`)).json;

    // Act: at the deadline itself
    stack.setTime('2026-12-31T15:59:59.000Z');
    const atJoin = await stack.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as: namedBuyer('韩梅梅'), body: { quantity: 1 } });
    const runAt = await runDueWork(stack.deps);
    await stack.simulator.drain();
    const closed = (await stack.call('GET', `/api/group-buys/${groupBuyId}`)).json;

    // Assess
    expect(beforeJoin.status).toBe(201);
    expect(runBefore.closedGroupBuys).toBe(0);
    expect(stillOpen).toMatchObject({ status: 'open', joinedQuantity: 2, paidQuantity: 2 });
    expect(atJoin.status).toBe(409);
    expect(atJoin.json.error.code).toBe('closed');
    expect(runAt.closedGroupBuys).toBe(1);
    expect(closed).toMatchObject({ status: 'confirmed', joinedQuantity: 2, closedAt: '2026-12-31T15:59:59.000Z' });
    // Settled at 23:59:59 Shanghai time: the sale belongs to December, not January.
    expect((await salesOf(stack, village.villageId, '2026-12')).map((s) => [s.channel, s.quantity])).toEqual([['group_buy', 2]]);
    expect(await salesOf(stack, village.villageId, '2027-01')).toEqual([]);
  });

  it('a direct order paid at 23:59 Shanghai time on 31 December is a December sale', async () => {
    // Prepare
    const village = await villageWithCoop(stack);
    const product = await listProduct(stack, village, { priceFen: 16_800, stock: 5 });
    const me = namedBuyer('王芳');
    stack.setTime('2026-12-31T15:59:00.000Z');
    const placed = await stack.call('POST', '/api/orders', { as: me, body: { lines: [{ productId: product.productId, quantity: 1 }], fulfilment: { type: 'pickup' } } });
    // Act
    await stack.simulator.complete(placed.json.payment.paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    // Assess
    expect((await stack.call('GET', `/api/orders/${placed.json.order.orderId}`, { as: me })).json).toMatchObject({ status: 'paid', paidAt: '2026-12-31T15:59:00.000Z' });
    const december = await salesOf(stack, village.villageId, '2026-12');
    expect(december.map((s) => [s.source, s.amountFen, s.occurredAt])).toEqual([[`order:${placed.json.order.orderId}:1`, 16_800, '2026-12-31T15:59:00.000Z']]);
    expect(await salesOf(stack, village.villageId, '2027-01')).toEqual([]);
  });

  it('a direct order paid just after midnight Shanghai time on 1 January is a January sale, though still 31 December in UTC', async () => {
    // Prepare
    const village = await villageWithCoop(stack);
    const product = await listProduct(stack, village, { priceFen: 16_800, stock: 5 });
    const me = namedBuyer('王芳');
    stack.setTime('2026-12-31T16:00:30.000Z');
    const placed = await stack.call('POST', '/api/orders', { as: me, body: { lines: [{ productId: product.productId, quantity: 2 }], fulfilment: { type: 'pickup' } } });
    // Act
    await stack.simulator.complete(placed.json.payment.paymentId, { method: 'wechat_pay' });
    await stack.simulator.drain();
    // Assess
    expect((await salesOf(stack, village.villageId, '2027-01')).map((s) => [s.source, s.amountFen])).toEqual([[`order:${placed.json.order.orderId}:1`, 33_600]]);
    expect(await salesOf(stack, village.villageId, '2026-12')).toEqual([]);
  });
});
