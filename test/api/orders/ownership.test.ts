import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import { createTestStack, type TestStack } from '../../support/test-stack.js';
import { groupBuyBody, listProduct, namedBuyer, namedLeader, paymentStatus, stockOf, villageWithCoop } from './support.js';

/** Who may see and change which order: everyone else is told it does not exist, or that they may not. */
describe('order and group-buy ownership', () => {
  let stack: TestStack;
  let village: { villageId: string; coop: Actor };
  let other: { villageId: string; coop: Actor };
  let productId: string;
  const owner = namedBuyer('王芳');
  const stranger = namedBuyer('李雷');
  let orderId: string;
  let paymentId: string;

  beforeAll(async () => {
    stack = await createTestStack();
    village = await villageWithCoop(stack);
    other = await villageWithCoop(stack, '宋家村');
    productId = (await listProduct(stack, village, { stock: 10 })).productId;
    const placed = await stack.call('POST', '/api/orders', { as: owner, body: { lines: [{ productId, quantity: 2 }], fulfilment: { type: 'pickup' } } });
    orderId = placed.json.order.orderId;
    paymentId = placed.json.payment.paymentId;
    await stack.simulator.complete(paymentId, { method: 'alipay' });
    await stack.simulator.drain();
  });

  it("another buyer can neither read nor cancel nor complete the order: 404, and the order is untouched", async () => {
    // Act
    const read = await stack.call('GET', `/api/orders/${orderId}`, { as: stranger });
    const cancel = await stack.call('POST', `/api/orders/${orderId}/cancel`, { as: stranger });
    const complete = await stack.call('POST', `/api/orders/${orderId}/fulfilment`, { as: stranger, body: { action: 'completed' } });
    const theirList = await stack.call('GET', '/api/me/orders', { as: stranger });
    // Assess
    expect([read.status, cancel.status, complete.status]).toEqual([404, 404, 404]);
    expect(read.json.error.code).toBe('not_found');
    expect(theirList.json.items).toEqual([]);
    expect((await stack.call('GET', `/api/orders/${orderId}`, { as: owner })).json).toMatchObject({ status: 'paid', version: 2 });
    expect(await paymentStatus(stack, paymentId)).toBe('succeeded');
    expect(await stockOf(stack, productId)).toBe(8);
  });

  it("a cooperative sees its own village's orders and pick list, not another village's (403) nor its orders (404)", async () => {
    // Act
    const own = await stack.call('GET', `/api/villages/${village.villageId}/orders`, { as: village.coop });
    const foreignList = await stack.call('GET', `/api/villages/${village.villageId}/orders`, { as: other.coop });
    const foreignPickList = await stack.call('GET', `/api/villages/${village.villageId}/pick-list`, { as: other.coop });
    const foreignOrder = await stack.call('GET', `/api/orders/${orderId}`, { as: other.coop });
    const foreignFulfil = await stack.call('POST', `/api/orders/${orderId}/fulfilment`, { as: other.coop, body: { action: 'ready' } });
    const buyerList = await stack.call('GET', `/api/villages/${village.villageId}/orders`, { as: owner });
    // Assess
    expect(own.json.items.map((o: { orderId: string }) => o.orderId)).toEqual([orderId]);
    expect(foreignList.status).toBe(403);
    expect(foreignList.json.error).toMatchObject({ code: 'forbidden', field: 'villageId' });
    expect(foreignPickList.status).toBe(403);
    expect(foreignOrder.status).toBe(404);
    expect(foreignFulfil.status).toBe(404);
    expect(buyerList.status).toBe(403);
    expect((await stack.call('GET', `/api/orders/${orderId}`, { as: owner })).json.villageFulfilment).toEqual({ [village.villageId]: 'pending' });
  });

  it('anonymous callers get 401 on every order route, and may only look at group buys', async () => {
    // Act
    const answers = await Promise.all([
      stack.call('GET', `/api/orders/${orderId}`),
      stack.call('GET', '/api/me/orders'),
      stack.call('POST', '/api/orders', { body: { lines: [{ productId, quantity: 1 }], fulfilment: { type: 'pickup' } } }),
      stack.call('POST', `/api/orders/${orderId}/cancel`),
      stack.call('GET', `/api/villages/${village.villageId}/orders`),
      stack.call('GET', `/api/villages/${village.villageId}/pick-list`),
    ]);
    const publicList = await stack.call('GET', '/api/group-buys?status=open');
    // Assess
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(answers[0]!.headers.get('www-authenticate')).toBe('Bearer');
    expect(publicList.status).toBe(200);
    expect(await stockOf(stack, productId)).toBe(8);
  });

  it("a group buy: another buyer cannot leave with someone's join (404), another leader cannot close it or read its hand-out list (403), anonymous cannot join (401)", async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 20 });
    const leader = namedLeader('张敏');
    const deadline = new Date(stack.clock.now().getTime() + 24 * 60 * 60 * 1000).toISOString();
    const gb = (await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, deadline, { minQuantity: 1 }) })).json;
    const joined = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/joins`, { as: owner, body: { quantity: 2 } });
    await stack.simulator.complete(joined.json.payment.paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    const joinOrderId: string = joined.json.order.orderId;
    // Act
    const leaveAsStranger = await stack.call('DELETE', `/api/group-buys/${gb.groupBuyId}/joins/${joinOrderId}`, { as: stranger });
    const cancelAsStranger = await stack.call('POST', `/api/orders/${joinOrderId}/cancel`, { as: stranger });
    const leaveAsLeader = await stack.call('DELETE', `/api/group-buys/${gb.groupBuyId}/joins/${joinOrderId}`, { as: leader });
    const closeAsOtherLeader = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/close`, { as: namedLeader('赵强') });
    const handOutAsOtherLeader = await stack.call('GET', `/api/group-buys/${gb.groupBuyId}/hand-out`, { as: namedLeader('赵强') });
    const handOutAsOtherCoop = await stack.call('GET', `/api/group-buys/${gb.groupBuyId}/hand-out`, { as: other.coop });
    const handOutAsBuyer = await stack.call('GET', `/api/group-buys/${gb.groupBuyId}/hand-out`, { as: owner });
    const anonymousJoin = await stack.call('POST', `/api/group-buys/${gb.groupBuyId}/joins`, { body: { quantity: 1 } });
    const anonymousLeave = await stack.call('DELETE', `/api/group-buys/${gb.groupBuyId}/joins/${joinOrderId}`);
    // Assess
    expect(leaveAsStranger.status).toBe(404);
    expect(cancelAsStranger.status).toBe(404);
    expect(leaveAsLeader.status).toBe(404);
    expect(closeAsOtherLeader.status).toBe(403);
    expect(handOutAsOtherLeader.status).toBe(403);
    expect(handOutAsOtherCoop.status).toBe(403);
    expect(handOutAsBuyer.status).toBe(403);
    expect(anonymousJoin.status).toBe(401);
    expect(anonymousLeave.status).toBe(401);
    expect((await stack.call('GET', `/api/orders/${joinOrderId}`, { as: owner })).json).toMatchObject({ status: 'paid', version: 2 });
    expect(await paymentStatus(stack, joined.json.payment.paymentId)).toBe('succeeded');
    expect((await stack.call('GET', `/api/group-buys/${gb.groupBuyId}`)).json).toMatchObject({ status: 'open', joinedQuantity: 2, paidQuantity: 2 });
  });
});
