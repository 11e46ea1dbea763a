import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';
import { activeGuarantee, buybackWorld, deliveryBody, detail, type BuybackWorld } from '../../api/buyback/support.js';

/** The maximum is enforced by the acceptance's own conditional transaction, not by a read before it. */
describe('concurrent buyback acceptances on DynamoDB Local', () => {
  let stack: TestStack;
  let world: BuybackWorld;

  beforeAll(async () => {
    stack = await createTestStack({ clock: manualClock('2026-11-18T04:00:00.000Z') });
    world = await buybackWorld(stack);
  });

  it('100 deliveries of 1 accepted at once against a maximum of 50: exactly 50 accepted, 50 refused over_maximum, never past the maximum', { timeout: 120_000 }, async () => {
    // Prepare
    const guaranteeId = await activeGuarantee(stack, world, { committedQuantity: 40, maximumQuantity: 50 });
    const deliveryIds: string[] = [];
    for (let i = 0; i < 100; i++) {
      const recorded = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries`, { as: world.coop, body: deliveryBody({ quantity: 1, note: `#${i}` }) });
      deliveryIds.push(recorded.json.deliveryId);
    }
    const token = await stack.tokenFor(world.leader);
    // Act
    const answers = await Promise.all(
      deliveryIds.map(async (deliveryId) => {
        const response = await stack.app.request(`/api/buyback-guarantees/${guaranteeId}/deliveries/${deliveryId}/accept`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        return { status: response.status, json: (await response.json()) as { error?: { code: string; field?: string }; status?: string } };
      }),
    );
    // Assess
    const byStatus = answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 200: 50, 409: 50 });
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error?.code === 'over_maximum' && a.json.error.field === 'quantity')).toBe(true);
    const after = await detail(stack, world.leader, guaranteeId);
    expect(after).toMatchObject({ acceptedQuantity: 50, offeredQuantity: 100, acceptedFen: 50 * 16_800 });
    expect(after.deliveries.filter((d: { status: string }) => d.status === 'accepted')).toHaveLength(50);
    expect(after.deliveries.filter((d: { status: string }) => d.status === 'recorded')).toHaveLength(50);
  });
});
