import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../functions/api/app.js';
import type { Actor } from '../../../shared/domain/actor.js';
import type { Deps } from '../../../shared/domain/ports.js';
import type { PaymentMethod } from '../../../shared/domain/payment.js';
import { runDueWork } from '../../../shared/domain/use-cases/scheduler.js';
import { requestHelpers } from '../../support/test-stack.js';
import {
  createSyncedStack,
  listProduct,
  namedBuyer,
  paymentStatus,
  salesOf,
  stockOf,
  villageWithCoop,
  type ListedProduct,
  type SyncedStack,
} from './support.js';

// 2026-11-21 10:00 in Shanghai: every sale below falls in the month 2026-11.
const START = '2026-11-21T02:00:00.000Z';
const MONTH = '2026-11';

describe('direct orders through the API', () => {
  let stack: SyncedStack;
  let village: { villageId: string; coop: Actor };

  beforeAll(async () => {
    stack = await createSyncedStack(START);
    village = await villageWithCoop(stack);
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  const pickup = { type: 'pickup' } as const;
  const delivery = { type: 'delivery', address: { recipient: '王芳', phone: '13800138000', region: '四川省成都市武侯区', detail: '玉林北路 12 号 3 单元 501' } } as const;

  async function place(as: Actor, lines: { productId: string; quantity: number }[], fulfilment: object = pickup) {
    return stack.call('POST', '/api/orders', { as, body: { lines, fulfilment } });
  }

  /** Places and pays an order through the simulator; answers the order as the API then shows it. */
  async function placePaid(as: Actor, lines: { productId: string; quantity: number }[], fulfilment: object = pickup, method: PaymentMethod = 'alipay') {
    const placed = await place(as, lines, fulfilment);
    expect(placed.status, JSON.stringify(placed.json)).toBe(201);
    await stack.simulator.complete(placed.json.payment.paymentId, { method });
    await stack.simulator.drain();
    const order = (await stack.call('GET', `/api/orders/${placed.json.order.orderId}`, { as })).json;
    expect(order.status).toBe('paid');
    return order;
  }

  const getOrder = async (as: Actor, orderId: string) => (await stack.call('GET', `/api/orders/${orderId}`, { as })).json;
  const fulfil = (as: Actor, orderId: string, action: 'ready' | 'shipped' | 'completed') =>
    stack.call('POST', `/api/orders/${orderId}/fulfilment`, { as, body: { action } });

  it('places an order: reserves each line, answers 201 with the order awaiting payment and its payment', async () => {
    // Prepare
    const chicken = await listProduct(stack, village, { name: '土鸡', priceFen: 16_800, stock: 10 });
    const eggs = await listProduct(stack, village, { name: '土鸡蛋', unit: '盒', category: 'poultry', priceFen: 4_500, stock: 30 });
    const me = namedBuyer('王芳');
    // Act
    const placed = await place(me, [
      { productId: chicken.productId, quantity: 2 },
      { productId: eggs.productId, quantity: 3 },
    ]);
    // Assess
    expect(placed.status).toBe(201);
    expect(placed.json.order).toMatchObject({
      buyerId: me.accountId,
      kind: 'direct',
      status: 'pending_payment',
      totalFen: 2 * 16_800 + 3 * 4_500,
      version: 1,
      payBy: '2026-11-21T02:30:00.000Z',
      villageFulfilment: { [village.villageId]: 'pending' },
      fulfilment: { type: 'pickup', pickupPoint: null },
    });
    expect(placed.json.order.lines).toMatchObject([
      { lineNo: 1, productId: chicken.productId, villageId: village.villageId, unitPriceFen: 16_800, quantity: 2, amountFen: 33_600 },
      { lineNo: 2, productId: eggs.productId, villageId: village.villageId, unitPriceFen: 4_500, quantity: 3, amountFen: 13_500 },
    ]);
    expect(placed.json.payment).toMatchObject({ provider: 'simulator', amountFen: 47_100, currency: 'cny' });
    expect(placed.json.order.paymentId).toBe(placed.json.payment.paymentId);
    expect(await stockOf(stack, chicken.productId)).toBe(8);
    expect(await stockOf(stack, eggs.productId)).toBe(27);
    expect(await paymentStatus(stack, placed.json.payment.paymentId)).toBe('requires_payment_method');
  });

  it('paid with Alipay: the order is paid (one transition) and one sale is written per line', async () => {
    // Prepare
    const chicken = await listProduct(stack, village, { name: '土鸡', priceFen: 16_800, stock: 10 });
    const eggs = await listProduct(stack, village, { name: '土鸡蛋', unit: '盒', category: 'poultry', priceFen: 4_500, stock: 30 });
    const me = namedBuyer('王芳');
    const placed = await place(me, [
      { productId: chicken.productId, quantity: 2 },
      { productId: eggs.productId, quantity: 3 },
    ]);
    const orderId: string = placed.json.order.orderId;
    // Act
    await stack.simulator.complete(placed.json.payment.paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    // Assess
    const order = await getOrder(me, orderId);
    expect(order).toMatchObject({ status: 'paid', version: 2, paidAt: START });
    expect(await paymentStatus(stack, placed.json.payment.paymentId)).toBe('succeeded');
    const sales = (await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(orderId));
    expect(sales.map((s) => ({ source: s.source, productId: s.productId, quantity: s.quantity, amountFen: s.amountFen, channel: s.channel })).sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { source: `order:${orderId}:1`, productId: chicken.productId, quantity: 2, amountFen: 33_600, channel: 'order' },
      { source: `order:${orderId}:2`, productId: eggs.productId, quantity: 3, amountFen: 13_500, channel: 'order' },
    ]);
    expect(sales.every((s) => s.buyerAccountId === me.accountId && s.villageId === village.villageId)).toBe(true);
    // Paying does not touch stock again: it was reserved at placing.
    expect(await stockOf(stack, chicken.productId)).toBe(8);
  });

  it('paid by card: a direct order is charged at once, not held', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const placed = await place(me, [{ productId: product.productId, quantity: 1 }]);
    // Act
    await stack.simulator.complete(placed.json.payment.paymentId, { method: 'card' });
    await stack.simulator.drain();
    // Assess
    expect(await getOrder(me, placed.json.order.orderId)).toMatchObject({ status: 'paid', version: 2 });
    expect(await paymentStatus(stack, placed.json.payment.paymentId)).toBe('succeeded');
    expect(await salesOf(stack, village.villageId, MONTH)).toContainEqual(expect.objectContaining({ source: `order:${placed.json.order.orderId}:1`, amountFen: 16_800 }));
  });

  it('a failed payment cancels the order and puts its stock back on sale', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const placed = await place(me, [{ productId: product.productId, quantity: 4 }]);
    expect(await stockOf(stack, product.productId)).toBe(1);
    // Act
    await stack.simulator.complete(placed.json.payment.paymentId, { fail: true, method: 'card' });
    await stack.simulator.drain();
    // Assess
    expect(await getOrder(me, placed.json.order.orderId)).toMatchObject({ status: 'cancelled', closedReason: 'payment_failed', version: 2 });
    expect(await stockOf(stack, product.productId)).toBe(5);
    expect((await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(placed.json.order.orderId))).toEqual([]);
  });

  it('unpaid past its 30-minute window: runDueWork cancels it, releases the payment and returns the stock', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 6 });
    const me = namedBuyer('王芳');
    const placed = await place(me, [{ productId: product.productId, quantity: 6 }]);
    const orderId: string = placed.json.order.orderId;
    // Act: exactly at the deadline it is still payable; a second later it is not.
    stack.advance(30 * 60 * 1000);
    await runDueWork(stack.deps);
    const atDeadline = await getOrder(me, orderId);
    stack.advance(1_000);
    await runDueWork(stack.deps);
    await stack.simulator.drain();
    // Assess
    expect(atDeadline.status).toBe('pending_payment');
    expect(await getOrder(me, orderId)).toMatchObject({ status: 'cancelled', closedReason: 'payment_window_expired', version: 2 });
    expect(await stockOf(stack, product.productId)).toBe(6);
    expect(await paymentStatus(stack, placed.json.payment.paymentId)).toBe('canceled');
  });

  it('the buyer cancels an unpaid order: cancelled, stock back, payment released', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 6 });
    const me = namedBuyer('王芳');
    const placed = await place(me, [{ productId: product.productId, quantity: 2 }]);
    // Act
    const cancelled = await stack.call('POST', `/api/orders/${placed.json.order.orderId}/cancel`, { as: me });
    const cancelledAgain = await stack.call('POST', `/api/orders/${placed.json.order.orderId}/cancel`, { as: me });
    await stack.simulator.drain();
    // Assess
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', closedReason: 'cancelled_by_buyer', version: 2 });
    // Cancelling twice changes nothing the second time: the stock is not given back twice.
    expect(cancelledAgain.status).toBe(200);
    expect(cancelledAgain.json).toMatchObject({ status: 'cancelled', version: 2 });
    expect(await getOrder(me, placed.json.order.orderId)).toMatchObject({ status: 'cancelled', version: 2 });
    expect(await stockOf(stack, product.productId)).toBe(6);
    expect(await paymentStatus(stack, placed.json.payment.paymentId)).toBe('canceled');
  });

  it('the buyer cancels a paid order nothing of which is fulfilled: refunded, stock back, sales reversed', async () => {
    // Prepare
    const chicken = await listProduct(stack, village, { priceFen: 16_800, stock: 6 });
    const eggs = await listProduct(stack, village, { name: '土鸡蛋', unit: '盒', category: 'poultry', priceFen: 4_500, stock: 9 });
    const me = namedBuyer('王芳');
    const order = await placePaid(me, [
      { productId: chicken.productId, quantity: 2 },
      { productId: eggs.productId, quantity: 1 },
    ]);
    // Act
    const cancelled = await stack.call('POST', `/api/orders/${order.orderId}/cancel`, { as: me });
    await stack.simulator.drain();
    // Assess
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'refunded', closedReason: 'cancelled_by_buyer', version: 3 });
    // The provider's refund event arrives afterwards and changes nothing.
    expect(await getOrder(me, order.orderId)).toMatchObject({ status: 'refunded', version: 3 });
    expect(await paymentStatus(stack, order.paymentId)).toBe('refunded');
    expect(await stockOf(stack, chicken.productId)).toBe(6);
    expect(await stockOf(stack, eggs.productId)).toBe(9);
    const sales = (await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(order.orderId));
    expect(sales.map((s) => [s.source, s.quantity, s.amountFen]).sort()).toEqual(
      [
        [`order:${order.orderId}:1`, 2, 33_600],
        [`order:${order.orderId}:2`, 1, 4_500],
        [`refund:${order.orderId}:1`, -2, -33_600],
        [`refund:${order.orderId}:2`, -1, -4_500],
      ].sort(),
    );
    expect(sales.reduce((sum, s) => sum + s.amountFen, 0)).toBe(0);
  });

  it('a pickup order: the cooperative makes it ready (not shipped), the buyer completes it, then it cannot be cancelled', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const order = await placePaid(me, [{ productId: product.productId, quantity: 1 }]);
    // Act
    const shipped = await fulfil(village.coop, order.orderId, 'shipped');
    const ready = await fulfil(village.coop, order.orderId, 'ready');
    const buyerMarksReady = await fulfil(me, order.orderId, 'ready');
    const completed = await fulfil(me, order.orderId, 'completed');
    const cancelCompleted = await stack.call('POST', `/api/orders/${order.orderId}/cancel`, { as: me });
    // Assess
    expect(shipped.status).toBe(400);
    expect(shipped.json.error).toMatchObject({ code: 'validation_failed', field: 'action' });
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', villageFulfilment: { [village.villageId]: 'ready' }, version: 3 });
    expect(buyerMarksReady.status).toBe(403);
    expect(completed.status).toBe(200);
    expect(completed.json).toMatchObject({ status: 'completed', villageFulfilment: { [village.villageId]: 'completed' }, version: 4 });
    expect(cancelCompleted.status).toBe(409);
    expect(cancelCompleted.json.error.code).toBe('conflict');
    expect(await getOrder(me, order.orderId)).toMatchObject({ status: 'completed', version: 4 });
    expect(await stockOf(stack, product.productId)).toBe(4);
  });

  it('a delivery order: shipped (not made ready), then completed by the buyer', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const order = await placePaid(me, [{ productId: product.productId, quantity: 2 }], delivery);
    // Act
    const ready = await fulfil(village.coop, order.orderId, 'ready');
    const shipped = await fulfil(village.coop, order.orderId, 'shipped');
    const completed = await fulfil(me, order.orderId, 'completed');
    // Assess
    expect(ready.status).toBe(400);
    expect(shipped.json).toMatchObject({ status: 'shipped', version: 3 });
    expect(completed.json).toMatchObject({ status: 'completed', version: 4 });
  });

  it('forbidden transitions answer 409: fulfilling an unpaid order, cancelling one a village has started on', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const unpaid = await place(me, [{ productId: product.productId, quantity: 1 }]);
    const started = await placePaid(me, [{ productId: product.productId, quantity: 1 }]);
    await fulfil(village.coop, started.orderId, 'ready');
    // Act
    const fulfilUnpaid = await fulfil(village.coop, unpaid.json.order.orderId, 'ready');
    const cancelStarted = await stack.call('POST', `/api/orders/${started.orderId}/cancel`, { as: me });
    // Assess
    expect(fulfilUnpaid.status).toBe(409);
    expect(fulfilUnpaid.json.error).toMatchObject({ code: 'conflict', field: 'action' });
    expect(await getOrder(me, unpaid.json.order.orderId)).toMatchObject({ status: 'pending_payment', version: 1 });
    expect(cancelStarted.status).toBe(409);
    expect(await getOrder(me, started.orderId)).toMatchObject({ status: 'ready', version: 3 });
    expect(await paymentStatus(stack, started.paymentId)).toBe('succeeded');
  });

  it('an order from two villages: each cooperative sees only its own lines, and the order is ready once both are', async () => {
    // Prepare
    const other = await villageWithCoop(stack, '宋家村');
    const chicken = await listProduct(stack, village, { name: '土鸡', stock: 5 });
    const walnuts = await listProduct(stack, other, { name: '核桃', category: 'nuts', unit: '斤', priceFen: 2_500, stock: 50 });
    const me = namedBuyer('王芳');
    const order = await placePaid(me, [
      { productId: chicken.productId, quantity: 1 },
      { productId: walnuts.productId, quantity: 4 },
    ]);
    // Act
    const ours = await stack.call('GET', `/api/villages/${village.villageId}/orders`, { as: village.coop });
    const theirs = await stack.call('GET', `/api/villages/${other.villageId}/orders`, { as: other.coop });
    const firstReady = await fulfil(village.coop, order.orderId, 'ready');
    const firstReadyAgain = await fulfil(village.coop, order.orderId, 'ready');
    const bothReady = await fulfil(other.coop, order.orderId, 'ready');
    // Assess
    const oursListed = ours.json.items.find((o: { orderId: string }) => o.orderId === order.orderId);
    expect(oursListed.lines.map((l: { productId: string }) => l.productId)).toEqual([chicken.productId]);
    expect(theirs.json.items.map((o: { orderId: string }) => o.orderId)).toEqual([order.orderId]);
    expect(theirs.json.items[0].lines).toMatchObject([{ productId: walnuts.productId, villageId: other.villageId, quantity: 4, amountFen: 10_000 }]);
    expect(firstReady.json).toMatchObject({ status: 'paid', villageFulfilment: { [village.villageId]: 'ready', [other.villageId]: 'pending' } });
    expect(firstReadyAgain.json.version).toBe(firstReady.json.version);
    expect(bothReady.json).toMatchObject({ status: 'ready', villageFulfilment: { [village.villageId]: 'ready', [other.villageId]: 'ready' } });
    // One sale per line, each in its own village's partition.
    expect((await salesOf(stack, other.villageId, MONTH)).map((s) => [s.source, s.amountFen])).toEqual([[`order:${order.orderId}:2`, 10_000]]);
  });

  it('more than is in stock: 409 sold_out naming the line, and nothing reserved on any line', async () => {
    // Prepare
    const scarce = await listProduct(stack, village, { name: '土鸡', stock: 3 });
    const plenty = await listProduct(stack, village, { name: '土鸡蛋', unit: '盒', category: 'poultry', priceFen: 4_500, stock: 20 });
    const me = namedBuyer('王芳');
    // Act
    const firstLineShort = await place(me, [
      { productId: scarce.productId, quantity: 4 },
      { productId: plenty.productId, quantity: 2 },
    ]);
    const secondLineShort = await place(me, [
      { productId: plenty.productId, quantity: 2 },
      { productId: scarce.productId, quantity: 4 },
    ]);
    // Assess
    expect(firstLineShort.status).toBe(409);
    expect(firstLineShort.json.error).toMatchObject({ code: 'sold_out', field: 'lines.0.quantity' });
    expect(secondLineShort.status).toBe(409);
    expect(secondLineShort.json.error).toMatchObject({ code: 'sold_out', field: 'lines.1.quantity' });
    expect(await stockOf(stack, scarce.productId)).toBe(3);
    expect(await stockOf(stack, plenty.productId)).toBe(20);
    const mine = await stack.call('GET', '/api/me/orders', { as: me });
    expect(mine.json.items).toEqual([]);
  });

  it('the price changes between reading the product and reserving it: refused, nothing reserved, the payment released', async () => {
    // Prepare: the cooperative reprices right after the order read the product.
    const product = await listProduct(stack, village, { priceFen: 16_800, stock: 10 });
    const opened: string[] = [];
    const racing: Deps = {
      ...stack.deps,
      products: {
        ...stack.deps.products,
        async get(productId) {
          const seen = await stack.deps.products.get(productId);
          const repriced = await stack.call('PATCH', `/api/products/${productId}`, { as: village.coop, body: { priceFen: 19_800 } });
          expect(repriced.status).toBe(200);
          return seen;
        },
      },
      payments: {
        ...stack.deps.payments,
        async createPayment(request) {
          const session = await stack.deps.payments.createPayment(request);
          opened.push(session.paymentId);
          return session;
        },
      },
    };
    const app = requestHelpers(createApp(racing), stack.issuer);
    const me = namedBuyer('王芳');
    // Act
    const placed = await app.call('POST', '/api/orders', { as: me, body: { lines: [{ productId: product.productId, quantity: 2 }], fulfilment: pickup } });
    await stack.simulator.drain();
    // Assess
    expect(placed.status).toBe(409);
    expect(placed.json.error.field).toBe('lines.0.quantity');
    expect(await stockOf(stack, product.productId)).toBe(10);
    expect((await stack.call('GET', '/api/me/orders', { as: me })).json.items).toEqual([]);
    expect(opened).toHaveLength(1);
    expect(await paymentStatus(stack, opened[0]!)).toBe('canceled');
  });

  it("the cooperative's pick list: paid, unfulfilled lines per destination; a line leaves it once made ready", async () => {
    // Prepare: a village of its own, so the list holds only this test's orders.
    const own = await villageWithCoop(stack, '太山村');
    const mushrooms = await listProduct(stack, own, { name: '香菇', category: 'fungi', unit: '斤', priceFen: 3_000, stock: 50 });
    const me = namedBuyer('王芳');
    const collect = await placePaid(me, [{ productId: mushrooms.productId, quantity: 2 }]);
    const collectToo = await placePaid(me, [{ productId: mushrooms.productId, quantity: 3 }]);
    const send = await placePaid(me, [{ productId: mushrooms.productId, quantity: 5 }], delivery);
    await place(me, [{ productId: mushrooms.productId, quantity: 7 }]);
    // Act
    const before = await stack.call('GET', `/api/villages/${own.villageId}/pick-list`, { as: own.coop });
    await fulfil(own.coop, collect.orderId, 'ready');
    const after = await stack.call('GET', `/api/villages/${own.villageId}/pick-list`, { as: own.coop });
    // Assess: the unpaid order is not there; collection at the cooperative and delivery are picked apart.
    const summary = (list: { json: { groups: { destination: string; items: { quantity: number }[]; orderIds: string[] }[] } }) =>
      Object.fromEntries(list.json.groups.map((g) => [g.destination, { quantity: g.items[0]!.quantity, orders: [...g.orderIds].sort() }]));
    expect(summary(before)).toEqual({
      cooperative: { quantity: 5, orders: [collect.orderId, collectToo.orderId].sort() },
      delivery: { quantity: 5, orders: [send.orderId] },
    });
    expect(summary(after)).toEqual({
      cooperative: { quantity: 3, orders: [collectToo.orderId] },
      delivery: { quantity: 5, orders: [send.orderId] },
    });
  });

  it('a retried placement with the same Idempotency-Key answers the same order and reserves once', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 10 });
    const me = namedBuyer('王芳');
    const body = { lines: [{ productId: product.productId, quantity: 3 }], fulfilment: pickup };
    const headers = { 'idempotency-key': 'place-order-retry-0001' };
    // Act
    const [first, concurrent] = await Promise.all([
      stack.call('POST', '/api/orders', { as: me, body, headers }),
      stack.call('POST', '/api/orders', { as: me, body, headers }),
    ]);
    const later = await stack.call('POST', '/api/orders', { as: me, body, headers });
    const otherBody = await stack.call('POST', '/api/orders', { as: me, body: { ...body, lines: [{ productId: product.productId, quantity: 4 }] }, headers });
    await stack.simulator.drain();
    // Assess
    expect([first.status, concurrent.status, later.status]).toEqual([201, 201, 201]);
    expect(new Set([first.json.order.orderId, concurrent.json.order.orderId, later.json.order.orderId]).size).toBe(1);
    expect(otherBody.status).toBe(422);
    expect(await stockOf(stack, product.productId)).toBe(7);
    expect((await stack.call('GET', '/api/me/orders', { as: me })).json.items).toHaveLength(1);
  });

  it('a buyer sees the order in their own list, newest first', async () => {
    // Prepare
    const product: ListedProduct = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const first = await place(me, [{ productId: product.productId, quantity: 1 }]);
    stack.advance(1_000);
    const second = await place(me, [{ productId: product.productId, quantity: 1 }]);
    // Act
    const mine = await stack.call('GET', '/api/me/orders', { as: me });
    // Assess
    expect(mine.json.items.map((o: { orderId: string }) => o.orderId)).toEqual([second.json.order.orderId, first.json.order.orderId]);
  });
});

describe('the payment of an unpaid order, again', () => {
  it('gives its buyer the same payment, and nobody else any', async () => {
    // Prepare
    const { createTestStack } = await import('../../support/test-stack.js');
    const { buyer: newBuyer, coopOf: newCoop, organizer: newOrganizer, productInput: newProduct, villageInput: newVillage } = await import('../../support/fixtures.js');
    const stack = await createTestStack();
    const villageId = (await stack.call('POST', '/api/villages', { as: newOrganizer(), body: newVillage() })).json.villageId;
    const product = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: newCoop(villageId), body: newProduct({ stock: 5 }) })).json;
    const me = newBuyer();
    const placed = (await stack.call('POST', '/api/orders', { as: me, body: { lines: [{ productId: product.productId, quantity: 1 }], fulfilment: { type: 'pickup' } } })).json;
    // Act
    const again = await stack.call('GET', `/api/orders/${placed.order.orderId}/payment`, { as: me });
    const stranger = await stack.call('GET', `/api/orders/${placed.order.orderId}/payment`, { as: newBuyer() });
    await stack.simulator.complete(placed.payment.paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    const afterPaying = await stack.call('GET', `/api/orders/${placed.order.orderId}/payment`, { as: me });
    // Assess
    expect(again.status).toBe(200);
    expect(again.json).toEqual(placed.payment);
    expect(stranger.status).toBe(404);
    expect(afterPaying.status).toBe(409);
  });
});
