import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import { buyer } from '../../support/fixtures.js';
import { createTestStack, type TestStack } from '../../support/test-stack.js';
import { groupBuyBody, listProduct, namedLeader, stockOf, villageWithCoop } from '../../api/orders/support.js';

/** Counts answers by status and by error code. */
function tally(answers: { status: number; json: { error?: { code: string } } }[]) {
  const byStatus: Record<number, number> = {};
  const byCode: Record<string, number> = {};
  for (const answer of answers) {
    byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
    if (answer.json?.error) byCode[answer.json.error.code] = (byCode[answer.json.error.code] ?? 0) + 1;
  }
  return { byStatus, byCode };
}

describe('concurrent reservations on DynamoDB Local', () => {
  let stack: TestStack;
  let village: { villageId: string; coop: Actor };

  beforeAll(async () => {
    stack = await createTestStack();
    village = await villageWithCoop(stack);
  });

  it('250 buyers join a group buy of maximum 150 at once: exactly 150 joins, 100 refusals with a reason, never past the maximum', { timeout: 60_000 }, async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 150 });
    const leader = namedLeader('张敏');
    const deadline = new Date(stack.clock.now().getTime() + 24 * 60 * 60 * 1000).toISOString();
    const opened = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, deadline, { minQuantity: 1, maxQuantity: 150 }) });
    expect(opened.status).toBe(201);
    const groupBuyId: string = opened.json.groupBuyId;
    const buyers = Array.from({ length: 250 }, () => buyer());
    const tokens = await Promise.all(buyers.map((b) => stack.tokenFor(b)));
    // Act
    const answers = await Promise.all(
      tokens.map(async (token) => {
        const response = await stack.app.request(`/api/group-buys/${groupBuyId}/joins`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ quantity: 1 }),
        });
        return { status: response.status, json: (await response.json()) as { error?: { code: string }; order?: { orderId: string } } };
      }),
    );
    await stack.simulator.drain();
    // Assess
    const { byStatus, byCode } = tally(answers);
    expect(byStatus).toEqual({ 201: 150, 409: 100 });
    expect((byCode.sold_out ?? 0) + (byCode.over_maximum ?? 0)).toBe(100);
    const groupBuy = (await stack.call('GET', `/api/group-buys/${groupBuyId}`)).json;
    expect(groupBuy).toMatchObject({ joinedQuantity: 150, joinCount: 150, maxQuantity: 150 });
    const joins = await stack.deps.groupBuys.joins(groupBuyId);
    expect(joins).toHaveLength(150);
    expect(new Set(joins.map((j) => j.buyerId)).size).toBe(150);
    expect(new Set(answers.flatMap((a) => (a.json.order ? [a.json.order.orderId] : []))).size).toBe(150);
    expect(await stockOf(stack, product.productId)).toBe(0);
  });

  it('220 direct orders of one unit at once on a product with 120 in stock: exactly 120 placed, stock ends at 0', { timeout: 60_000 }, async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 120 });
    const buyers = Array.from({ length: 220 }, () => buyer());
    const tokens = await Promise.all(buyers.map((b) => stack.tokenFor(b)));
    // Act
    const answers = await Promise.all(
      tokens.map(async (token) => {
        const response = await stack.app.request('/api/orders', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ lines: [{ productId: product.productId, quantity: 1 }], fulfilment: { type: 'pickup' } }),
        });
        return { status: response.status, json: (await response.json()) as { error?: { code: string; field?: string } } };
      }),
    );
    await stack.simulator.drain();
    // Assess
    const { byStatus, byCode } = tally(answers);
    expect(byStatus).toEqual({ 201: 120, 409: 100 });
    expect(byCode).toEqual({ sold_out: 100 });
    expect(await stockOf(stack, product.productId)).toBe(0);
  });
});
