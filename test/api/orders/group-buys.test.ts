import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import type { PaymentMethod } from '../../../shared/domain/payment.js';
import { runDueWork } from '../../../shared/domain/use-cases/scheduler.js';
import { buyer } from '../../support/fixtures.js';
import {
  createSyncedStack,
  groupBuyBody,
  listProduct,
  namedBuyer,
  namedLeader,
  paymentStatus,
  pickupPoint,
  salesOf,
  stockOf,
  villageWithCoop,
  type SyncedStack,
} from './support.js';

// 2026-11-21 10:00 in Shanghai.
const START = '2026-11-21T02:00:00.000Z';
const MONTH = '2026-11';
const HOUR = 60 * 60 * 1000;
const UNIT_PRICE = 15_000;

describe('group buys through the API', () => {
  let stack: SyncedStack;
  const leader = namedLeader('张敏');

  beforeAll(async () => {
    stack = await createSyncedStack(START);
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  const inHours = (hours: number) => new Date(stack.clock.now().getTime() + hours * HOUR).toISOString();

  /** A fresh village with one product, so stock and sales of one test are its own. */
  async function villageProduct(stock: number, name = '土地坳村') {
    const village = await villageWithCoop(stack, name);
    const product = await listProduct(stack, village, { name: '土鸡', priceFen: 16_800, stock });
    return { village, product };
  }

  async function open(productId: string, overrides: Record<string, unknown> = {}, as: Actor = leader) {
    return stack.call('POST', '/api/group-buys', { as, body: groupBuyBody(productId, inHours(5 * 24), overrides) });
  }

  async function openOk(productId: string, overrides: Record<string, unknown> = {}) {
    const opened = await open(productId, overrides);
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    return opened.json;
  }

  const join = (groupBuyId: string, as: Actor, quantity: number) => stack.call('POST', `/api/group-buys/${groupBuyId}/joins`, { as, body: { quantity } });

  /** Joins and completes the payment with `method` (or leaves it unpaid). */
  async function joinAndPay(groupBuyId: string, as: Actor, quantity: number, method?: PaymentMethod) {
    const joined = await join(groupBuyId, as, quantity);
    expect(joined.status, JSON.stringify(joined.json)).toBe(201);
    if (method) await stack.simulator.complete(joined.json.payment.paymentId, { method });
    await stack.simulator.drain();
    return { orderId: joined.json.order.orderId as string, paymentId: joined.json.payment.paymentId as string, as };
  }

  const groupBuy = async (groupBuyId: string) => (await stack.call('GET', `/api/group-buys/${groupBuyId}`)).json;
  const order = async (as: Actor, orderId: string) => (await stack.call('GET', `/api/orders/${orderId}`, { as })).json;

  it('a leader opens a group buy: 201, its maximum taken out of stock, visible to anyone', async () => {
    // Prepare
    const { product, village } = await villageProduct(30);
    const deadline = inHours(48);
    // Act
    const opened = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, deadline, { minQuantity: 5, maxQuantity: 20 }) });
    // Assess
    expect(opened.status).toBe(201);
    expect(opened.json).toMatchObject({
      leaderId: leader.accountId,
      productId: product.productId,
      villageId: village.villageId,
      listPriceFen: 16_800,
      unitPriceFen: UNIT_PRICE,
      minQuantity: 5,
      maxQuantity: 20,
      joinedQuantity: 0,
      paidQuantity: 0,
      joinCount: 0,
      deadline,
      pickupPoint,
      status: 'open',
      version: 1,
    });
    expect(await stockOf(stack, product.productId)).toBe(10);
    expect((await stack.call('GET', `/api/group-buys/${opened.json.groupBuyId}`)).json).toEqual(opened.json);
    const listed = await stack.call('GET', '/api/group-buys?status=open');
    expect(listed.json.items.map((g: { groupBuyId: string }) => g.groupBuyId)).toContain(opened.json.groupBuyId);
  });

  it('opening is refused: a maximum above stock (409 over_maximum), a buyer or cooperative (403), a deadline in the past (400)', async () => {
    // Prepare
    const { product, village } = await villageProduct(10);
    // Act
    const tooMany = await open(product.productId, { maxQuantity: 11 });
    const byBuyer = await open(product.productId, {}, buyer());
    const byCoop = await open(product.productId, {}, village.coop);
    const past = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, inHours(-1)) });
    // Assess
    expect(tooMany.status).toBe(409);
    expect(tooMany.json.error).toMatchObject({ code: 'over_maximum', field: 'maxQuantity' });
    expect(byBuyer.status).toBe(403);
    expect(byCoop.status).toBe(403);
    expect(past.status).toBe(400);
    expect(past.json.error).toMatchObject({ code: 'validation_failed', field: 'deadline' });
    expect(await stockOf(stack, product.productId)).toBe(10);
    expect((await stack.call('GET', '/api/group-buys?status=open')).json.items.filter((g: { productId: string }) => g.productId === product.productId)).toEqual([]);
  });

  it('joins are refused with a reason: over what is left (over_maximum), once full (sold_out)', async () => {
    // Prepare
    const { product } = await villageProduct(20);
    const gb = await openOk(product.productId, { maxQuantity: 10 });
    await joinAndPay(gb.groupBuyId, namedBuyer('李雷'), 7);
    // Act
    const overMaximum = await join(gb.groupBuyId, namedBuyer('韩梅梅'), 4);
    const fills = await join(gb.groupBuyId, namedBuyer('韩梅梅'), 3);
    const soldOut = await join(gb.groupBuyId, namedBuyer('刘洋'), 1);
    // Assess
    expect(overMaximum.status).toBe(409);
    expect(overMaximum.json.error).toMatchObject({ code: 'over_maximum', field: 'quantity' });
    expect(fills.status).toBe(201);
    expect(soldOut.status).toBe(409);
    expect(soldOut.json.error).toMatchObject({ code: 'sold_out', field: 'quantity' });
    expect(await groupBuy(gb.groupBuyId)).toMatchObject({ joinedQuantity: 10, joinCount: 2, paidQuantity: 0 });
    // Joins take from the group buy's reservation, never from the product's remaining stock.
    expect(await stockOf(stack, product.productId)).toBe(10);
  });

  it('a join after the deadline is refused as closed', async () => {
    // Prepare
    const { product } = await villageProduct(20);
    const gb = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, inHours(2)) });
    expect(gb.status).toBe(201);
    stack.advance(2 * HOUR);
    // Act
    const late = await join(gb.json.groupBuyId, namedBuyer('李雷'), 1);
    // Assess
    expect(late.status).toBe(409);
    expect(late.json.error).toMatchObject({ code: 'closed', field: 'groupBuyId' });
    expect(await groupBuy(gb.json.groupBuyId)).toMatchObject({ joinedQuantity: 0, joinCount: 0 });
  });

  it('a card join is held (authorized), a wallet join is charged (paid); neither writes a sale before confirmation', async () => {
    // Prepare
    const { product, village } = await villageProduct(20);
    const gb = await openOk(product.productId);
    // Act
    const card = await joinAndPay(gb.groupBuyId, namedBuyer('李雷'), 2, 'card');
    const wallet = await joinAndPay(gb.groupBuyId, namedBuyer('韩梅梅'), 3, 'wechat_pay');
    // Assess
    expect(await order(card.as, card.orderId)).toMatchObject({ kind: 'group_buy', status: 'authorized', totalFen: 2 * UNIT_PRICE, version: 2 });
    expect(await paymentStatus(stack, card.paymentId)).toBe('requires_capture');
    expect(await order(wallet.as, wallet.orderId)).toMatchObject({ kind: 'group_buy', status: 'paid', totalFen: 3 * UNIT_PRICE, version: 2 });
    expect(await paymentStatus(stack, wallet.paymentId)).toBe('succeeded');
    expect(await groupBuy(gb.groupBuyId)).toMatchObject({ joinedQuantity: 5, paidQuantity: 5, joinCount: 2, status: 'open' });
    expect(await salesOf(stack, village.villageId, MONTH)).toEqual([]);
  });

  it('leaving before the deadline: a hold is released, a charge refunded, the quantity freed; another buyer cannot leave with it', async () => {
    // Prepare
    const { product } = await villageProduct(20);
    const gb = await openOk(product.productId);
    const card = await joinAndPay(gb.groupBuyId, namedBuyer('李雷'), 2, 'card');
    const wallet = await joinAndPay(gb.groupBuyId, namedBuyer('韩梅梅'), 3, 'alipay');
    // Act
    const someoneElse = await stack.call('DELETE', `/api/group-buys/${gb.groupBuyId}/joins/${card.orderId}`, { as: wallet.as });
    const leftCard = await stack.call('DELETE', `/api/group-buys/${gb.groupBuyId}/joins/${card.orderId}`, { as: card.as });
    const leftWallet = await stack.call('DELETE', `/api/group-buys/${gb.groupBuyId}/joins/${wallet.orderId}`, { as: wallet.as });
    const leftAgain = await stack.call('DELETE', `/api/group-buys/${gb.groupBuyId}/joins/${wallet.orderId}`, { as: wallet.as });
    await stack.simulator.drain();
    // Assess
    expect(someoneElse.status).toBe(404);
    expect(leftCard.status).toBe(200);
    expect(leftCard.json).toMatchObject({ status: 'cancelled', closedReason: 'left_group_buy', version: 3 });
    expect(await paymentStatus(stack, card.paymentId)).toBe('canceled');
    expect(leftWallet.status).toBe(200);
    expect(leftWallet.json).toMatchObject({ status: 'refunded', closedReason: 'left_group_buy', version: 3 });
    expect(await paymentStatus(stack, wallet.paymentId)).toBe('refunded');
    expect(leftAgain.status).toBe(200);
    expect(leftAgain.json.version).toBe(3);
    // The provider's cancel and refund events came back afterwards and changed nothing.
    expect(await order(card.as, card.orderId)).toMatchObject({ status: 'cancelled', version: 3 });
    expect(await order(wallet.as, wallet.orderId)).toMatchObject({ status: 'refunded', version: 3 });
    expect(await groupBuy(gb.groupBuyId)).toMatchObject({ joinedQuantity: 0, paidQuantity: 0, status: 'open' });
    expect(await stockOf(stack, product.productId)).toBe(10);
  });

  it('a retried join with the same Idempotency-Key answers the same order and takes the quantity once', async () => {
    // Prepare
    const { product } = await villageProduct(20);
    const gb = await openOk(product.productId);
    const me = namedBuyer('李雷');
    const headers = { 'idempotency-key': 'join-retry-000000001' };
    // Act
    const [first, concurrent] = await Promise.all([
      stack.call('POST', `/api/group-buys/${gb.groupBuyId}/joins`, { as: me, body: { quantity: 2 }, headers }),
      stack.call('POST', `/api/group-buys/${gb.groupBuyId}/joins`, { as: me, body: { quantity: 2 }, headers }),
    ]);
    const later = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/joins`, { as: me, body: { quantity: 2 }, headers });
    await stack.simulator.drain();
    // Assess
    expect([first.status, concurrent.status, later.status]).toEqual([201, 201, 201]);
    expect(new Set([first.json.order.orderId, concurrent.json.order.orderId, later.json.order.orderId]).size).toBe(1);
    expect(await paymentStatus(stack, later.json.payment.paymentId)).toBe('requires_payment_method');
    expect(await groupBuy(gb.groupBuyId)).toMatchObject({ joinedQuantity: 2, joinCount: 1 });
  });

  it('a paid join refunded at the provider (a Dashboard refund) while the group buy is open no longer counts towards it', async () => {
    // Prepare
    const { product } = await villageProduct(20);
    const gb = await openOk(product.productId, { minQuantity: 2 });
    const paid = await joinAndPay(gb.groupBuyId, namedBuyer('李雷'), 2, 'alipay');
    const paidOrder = await order(paid.as, paid.orderId);
    // Act
    await stack.simulator.refund({ paymentId: paid.paymentId, orderId: paid.orderId, amountFen: paidOrder.totalFen });
    await stack.simulator.drain();
    const close = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/close`, { as: leader });
    const handOut = await stack.call('GET', `/api/group-buys/${gb.groupBuyId}/hand-out`, { as: leader });
    // Assess
    expect(await order(paid.as, paid.orderId)).toMatchObject({ status: 'refunded' });
    expect(await groupBuy(gb.groupBuyId)).toMatchObject({ joinedQuantity: 0, paidQuantity: 0 });
    // The minimum may not be met with money that went back.
    expect(close.status).toBe(409);
    expect(handOut.json.entries).toEqual([]);
  });

  it('closing early: only by the leader who opened it, and only once the minimum is paid for', async () => {
    // Prepare
    const { product } = await villageProduct(20);
    const gb = await openOk(product.productId, { minQuantity: 3 });
    await joinAndPay(gb.groupBuyId, namedBuyer('李雷'), 2, 'alipay');
    await joinAndPay(gb.groupBuyId, namedBuyer('韩梅梅'), 4);
    // Act
    const byOtherLeader = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/close`, { as: namedLeader('赵强') });
    const byBuyer = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/close`, { as: buyer() });
    const belowMinimum = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/close`, { as: leader });
    // Assess
    expect(byOtherLeader.status).toBe(403);
    expect(byBuyer.status).toBe(403);
    expect(belowMinimum.status).toBe(409);
    expect(belowMinimum.json.error.code).toBe('conflict');
    // Joined (6) is above the minimum, but paid (2) is not: the minimum is judged on what is paid.
    expect(await groupBuy(gb.groupBuyId)).toMatchObject({ status: 'open', joinedQuantity: 6, paidQuantity: 2, version: 1 });
  });

  it('closing early at the minimum confirms: holds captured, orders settled with one sale each, unpaid joins dropped, unsold stock back', async () => {
    // Prepare
    const { product, village } = await villageProduct(20);
    const gb = await openOk(product.productId, { minQuantity: 3, maxQuantity: 10 });
    const held = await joinAndPay(gb.groupBuyId, namedBuyer('李雷'), 2, 'card');
    const charged = await joinAndPay(gb.groupBuyId, namedBuyer('韩梅梅'), 1, 'alipay');
    const unpaid = await joinAndPay(gb.groupBuyId, namedBuyer('刘洋'), 4);
    // Act
    const closed = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/close`, { as: leader });
    await stack.simulator.drain();
    // Assess
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ status: 'confirmed', outcome: 'confirmed', joinedQuantity: 3, paidQuantity: 3, closedAt: stack.clock.now().toISOString() });
    const heldOrder = await order(held.as, held.orderId);
    expect(heldOrder).toMatchObject({ status: 'paid', settledAt: stack.clock.now().toISOString() });
    expect(await paymentStatus(stack, held.paymentId)).toBe('succeeded');
    expect(await order(charged.as, charged.orderId)).toMatchObject({ status: 'paid', settledAt: stack.clock.now().toISOString() });
    expect(await order(unpaid.as, unpaid.orderId)).toMatchObject({ status: 'cancelled', closedReason: 'unpaid_at_deadline' });
    expect(await paymentStatus(stack, unpaid.paymentId)).toBe('canceled');
    const sales = await salesOf(stack, village.villageId, MONTH);
    expect(sales.map((s) => [s.source, s.channel, s.quantity, s.amountFen]).sort()).toEqual(
      [
        [`group_buy:${held.orderId}:1`, 'group_buy', 2, 2 * UNIT_PRICE],
        [`group_buy:${charged.orderId}:1`, 'group_buy', 1, UNIT_PRICE],
      ].sort(),
    );
    // 20 in stock, 10 reserved at opening, 3 sold: 7 come back.
    expect(await stockOf(stack, product.productId)).toBe(17);

    const handOut = await stack.call('GET', `/api/group-buys/${gb.groupBuyId}/hand-out`, { as: leader });
    expect(handOut.status).toBe(200);
    expect(handOut.json.totalQuantity).toBe(3);
    expect(handOut.json.entries.map((e: { buyerName: string; quantity: number; orderId: string }) => [e.buyerName, e.quantity, e.orderId]).sort()).toEqual(
      [
        ['李雷', 2, held.orderId],
        ['韩梅梅', 1, charged.orderId],
      ].sort(),
    );
    const pickList = await stack.call('GET', `/api/villages/${village.villageId}/pick-list`, { as: village.coop });
    expect(pickList.status).toBe(200);
    expect(pickList.json.groups).toEqual([
      {
        destination: 'pickup',
        pickupPoint,
        items: [{ productId: product.productId, productName: '土鸡', unit: '只', quantity: 3 }],
        orderIds: expect.arrayContaining([held.orderId, charged.orderId]),
      },
    ]);
    expect(pickList.json.groups[0].orderIds).toHaveLength(2);

    // Afterwards: no more joins, no leaving, and the settled orders can be fulfilled.
    expect((await join(gb.groupBuyId, namedBuyer('孙丽'), 1)).json.error?.code).toBe('closed');
    expect((await stack.call('DELETE', `/api/group-buys/${gb.groupBuyId}/joins/${charged.orderId}`, { as: charged.as })).status).toBe(409);
    const ready = await stack.call('POST', `/api/orders/${held.orderId}/fulfilment`, { as: village.coop, body: { action: 'ready' } });
    expect(ready.json).toMatchObject({ status: 'ready' });
  });

  it('a group buy whose deadline passes short of its minimum fails by itself: holds released, charges refunded, all stock back, no sales', async () => {
    // Prepare
    const { product, village } = await villageProduct(12);
    const gb = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, inHours(2), { minQuantity: 5, maxQuantity: 10 }) });
    const held = await joinAndPay(gb.json.groupBuyId, namedBuyer('李雷'), 2, 'card');
    const charged = await joinAndPay(gb.json.groupBuyId, namedBuyer('韩梅梅'), 1, 'alipay');
    stack.advance(HOUR);
    const unpaid = await joinAndPay(gb.json.groupBuyId, namedBuyer('刘洋'), 1);
    expect(await stockOf(stack, product.productId)).toBe(2);
    // Act
    stack.advance(HOUR);
    await runDueWork(stack.deps);
    await stack.simulator.drain();
    // Assess
    expect(await groupBuy(gb.json.groupBuyId)).toMatchObject({ status: 'failed', outcome: 'failed', joinedQuantity: 0, paidQuantity: 0 });
    expect(await order(held.as, held.orderId)).toMatchObject({ status: 'cancelled', closedReason: 'group_buy_failed' });
    expect(await paymentStatus(stack, held.paymentId)).toBe('canceled');
    expect(await order(charged.as, charged.orderId)).toMatchObject({ status: 'refunded', closedReason: 'group_buy_failed' });
    expect(await paymentStatus(stack, charged.paymentId)).toBe('refunded');
    expect(await order(unpaid.as, unpaid.orderId)).toMatchObject({ status: 'cancelled' });
    expect(await paymentStatus(stack, unpaid.paymentId)).toBe('canceled');
    expect(await stockOf(stack, product.productId)).toBe(12);
    expect(await salesOf(stack, village.villageId, MONTH)).toEqual([]);
    // A second run finds nothing left to do and gives no stock back twice.
    await runDueWork(stack.deps);
    expect(await stockOf(stack, product.productId)).toBe(12);
  });

  it('a group buy whose deadline passes at its minimum is confirmed by runDueWork; a join still unpaid is dropped and not counted', async () => {
    // Prepare
    const { product, village } = await villageProduct(15);
    const gb = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, inHours(2), { minQuantity: 3, maxQuantity: 10 }) });
    const paid = await joinAndPay(gb.json.groupBuyId, namedBuyer('李雷'), 3, 'wechat_pay');
    stack.advance(HOUR + 45 * 60 * 1000);
    const unpaid = await joinAndPay(gb.json.groupBuyId, namedBuyer('刘洋'), 5);
    // Act
    stack.advance(15 * 60 * 1000);
    const work = await runDueWork(stack.deps);
    await stack.simulator.drain();
    // Assess
    expect(work.closedGroupBuys).toBeGreaterThanOrEqual(1);
    expect(await groupBuy(gb.json.groupBuyId)).toMatchObject({ status: 'confirmed', joinedQuantity: 3, paidQuantity: 3 });
    expect(await order(paid.as, paid.orderId)).toMatchObject({ status: 'paid', settledAt: stack.clock.now().toISOString() });
    expect(await order(unpaid.as, unpaid.orderId)).toMatchObject({ status: 'cancelled' });
    expect(await paymentStatus(stack, unpaid.paymentId)).toBe('canceled');
    expect(await stockOf(stack, product.productId)).toBe(12);
    expect((await salesOf(stack, village.villageId, MONTH)).map((s) => [s.source, s.quantity])).toEqual([[`group_buy:${paid.orderId}:1`, 3]]);
    const handOut = await stack.call('GET', `/api/group-buys/${gb.json.groupBuyId}/hand-out`, { as: village.coop });
    expect(handOut.json.entries).toMatchObject([{ buyerName: '李雷', quantity: 3, orderId: paid.orderId }]);
  });
});
