import { describe, expect, it } from 'vitest';
import { buyer, coopOf, organizer, productInput, villageInput } from '../support/fixtures.js';
import { createTestStack } from '../support/test-stack.js';

describe('smoke: a direct order through payment', () => {
  it('places, pays through the simulator and records sales', async () => {
    const stack = await createTestStack();
    const villageId = (await stack.call('POST', '/api/villages', { as: organizer(), body: villageInput() })).json.villageId;
    const coop = coopOf(villageId);
    const product = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput({ stock: 10 }) })).json;
    const me = buyer();
    const placed = await stack.call('POST', '/api/orders', { as: me, body: { lines: [{ productId: product.productId, quantity: 3 }], fulfilment: { type: 'pickup' } } });
    expect(placed.status, JSON.stringify(placed.json)).toBe(201);
    expect((await stack.call('GET', `/api/products/${product.productId}`)).json.stock).toBe(7);
    await stack.simulator.complete(placed.json.payment.paymentId, { method: 'alipay' });
    await stack.simulator.drain();
    const order = await stack.call('GET', `/api/orders/${placed.json.order.orderId}`, { as: me });
    expect(order.json.status).toBe('paid');
    const list = await stack.call('GET', `/api/villages/${villageId}/orders`, { as: coop });
    expect(list.json.items).toHaveLength(1);
    const pick = await stack.call('GET', `/api/villages/${villageId}/pick-list`, { as: coop });
    expect(pick.json.groups[0].items[0].quantity).toBe(3);
  });
});
