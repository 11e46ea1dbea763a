import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDueWork } from '../../../shared/domain/use-cases/scheduler.js';
import { createSyncedStack, type SyncedStack } from '../orders/support.js';
import { acceptedDelivery, activeGuarantee, buybackWorld, delivered, detail } from './support.js';

const DURING = '2026-11-18T04:00:00.000Z';
/** 00:00 on 1 December in Beijing: the close of a window ending 30 November. */
const CLOSE = '2026-11-30T16:00:00.000Z';

/**
 * At the close, a village that offered at least its commitment but had less accepted is owed the shortfall's
 * compensation: unmet × max(0, floor − market reference of the end date's ISO week).
 */
describe('buyback breaches at the close', () => {
  let stack: SyncedStack;

  beforeAll(async () => {
    stack = await createSyncedStack(DURING);
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  /** A guarantee of 10 at ¥150.00 (window 1–30 November) in a world of its own, with deliveries made and decided. */
  async function closedWith(deliveries: { quantity: number; decision: 'accept' | 'reject' | 'none' }[], endWeekPriceFen?: number) {
    stack.setTime(DURING);
    const world = await buybackWorld(stack);
    const guaranteeId = await activeGuarantee(stack, world, { committedQuantity: 10, maximumQuantity: 20, floorPriceFen: 15_000 });
    for (const d of deliveries) {
      if (d.decision === 'accept') await acceptedDelivery(stack, world, guaranteeId, { quantity: d.quantity });
      else {
        const recorded = await delivered(stack, world, guaranteeId, { quantity: d.quantity });
        if (d.decision === 'reject') {
          await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries/${recorded.deliveryId}/reject`, { as: world.leader, body: { reason: '收购点已满' } });
        }
      }
    }
    // 2026-11-30, the window's last day, is the Monday of ISO week 49.
    if (endWeekPriceFen) await stack.call('PUT', `/api/products/${world.product.productId}/market-prices/2026-W49`, { as: world.organizer, body: { priceFen: endWeekPriceFen } });
    stack.setTime(CLOSE);
    await runDueWork(stack.deps);
    return { world, guaranteeId, closed: await detail(stack, world.organizer, guaranteeId) };
  }

  it('offered exactly the commitment (rejected and undecided included), accepted less: the shortfall is a breach at floor − market', async () => {
    // Act: 6 accepted, 3 rejected, 1 never decided = 10 offered; the end week's market ¥120.00
    const { world, guaranteeId, closed } = await closedWith(
      [
        { quantity: 6, decision: 'accept' },
        { quantity: 3, decision: 'reject' },
        { quantity: 1, decision: 'none' },
      ],
      12_000,
    );
    const list = await stack.call('GET', `/api/buyback-guarantees?villageId=${world.villageId}`, { as: world.organizer });
    // Assess
    expect(closed.status).toBe('closed');
    expect(closed.summary).toMatchObject({ committedQuantity: 10, offeredQuantity: 10, acceptedQuantity: 6, rejectedQuantity: 3, undecidedQuantity: 1 });
    expect(closed.breach).toMatchObject({
      unmetQuantity: 4,
      floorPriceFen: 15_000,
      reference: { isoWeek: '2026-W49', priceFen: 12_000, source: 'entered' },
      compensationPerUnitFen: 3_000,
      compensationFen: 12_000,
      status: 'open',
      computedAt: CLOSE,
    });
    expect(closed.breach.rule).toContain('unmet 4');
    expect(list.json.totals).toMatchObject({ guarantees: 1, committedQuantity: 10, acceptedQuantity: 6, utilisationBps: 6_000, openBreaches: 1, breachCompensationFen: 12_000 });
    expect((await detail(stack, world.coop, guaranteeId)).breach.compensationFen).toBe(12_000);
  });

  it('offered one less than the commitment: no breach, however little was accepted', async () => {
    // Act
    const { closed } = await closedWith(
      [
        { quantity: 2, decision: 'accept' },
        { quantity: 7, decision: 'reject' },
      ],
      12_000,
    );
    // Assess
    expect(closed).toMatchObject({ status: 'closed', offeredQuantity: 9, acceptedQuantity: 2, breach: null });
  });

  it('accepted exactly the commitment: no breach', async () => {
    // Act
    const { closed } = await closedWith(
      [
        { quantity: 10, decision: 'accept' },
        { quantity: 5, decision: 'reject' },
      ],
      12_000,
    );
    // Assess
    expect(closed).toMatchObject({ status: 'closed', offeredQuantity: 15, acceptedQuantity: 10, breach: null });
  });

  it('accepted one less than the commitment with no market price entered: one unit unmet, referenced to the list price, compensation floored at 0', async () => {
    // Act: the list price ¥168.00 is above the floor ¥150.00
    const { closed } = await closedWith([
      { quantity: 9, decision: 'accept' },
      { quantity: 1, decision: 'reject' },
    ]);
    // Assess
    expect(closed.breach).toMatchObject({
      unmetQuantity: 1,
      reference: { isoWeek: '2026-W49', priceFen: 16_800, source: 'list_price' },
      compensationPerUnitFen: 0,
      compensationFen: 0,
      status: 'open',
    });
  });

  it('organizers mark a breach settled, once; the parties cannot', async () => {
    // Prepare
    const { world, guaranteeId } = await closedWith(
      [
        { quantity: 4, decision: 'accept' },
        { quantity: 6, decision: 'reject' },
      ],
      14_000,
    );
    // Act
    const byLeader = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/breach/settle`, { as: world.leader });
    const byCoop = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/breach/settle`, { as: world.coop });
    const settled = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/breach/settle`, { as: world.organizer });
    const again = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/breach/settle`, { as: world.organizer });
    const list = await stack.call('GET', `/api/buyback-guarantees?villageId=${world.villageId}&status=closed`, { as: world.organizer });
    // Assess
    expect([byLeader.status, byCoop.status]).toEqual([403, 403]);
    expect(settled.status).toBe(200);
    expect(settled.json.breach).toMatchObject({ unmetQuantity: 6, compensationFen: 6_000, status: 'settled', settledAt: CLOSE, settledBy: { role: 'organizer' } });
    expect(again.json.breach).toEqual(settled.json.breach);
    expect(list.json.totals).toMatchObject({ openBreaches: 0, breachCompensationFen: 0 });
  });
});
