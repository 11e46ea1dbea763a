import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDueWork } from '../../../shared/domain/use-cases/scheduler.js';
import { createSyncedStack, type SyncedStack } from '../orders/support.js';
import { activeGuarantee, buybackWorld, delivered, deliveryBody, detail, offerBody, type BuybackWorld } from './support.js';

/** The window is whole Asia/Shanghai days: its end date counts until 23:59:59.999 Beijing time, whatever UTC says. */
describe('buyback windows at midnight Asia/Shanghai', () => {
  let stack: SyncedStack;
  let world: BuybackWorld;

  beforeAll(async () => {
    stack = await createSyncedStack('2026-11-18T04:00:00.000Z');
    world = await buybackWorld(stack);
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  const record = (guaranteeId: string, overrides: Record<string, unknown>) =>
    stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries`, { as: world.coop, body: deliveryBody(overrides) });

  it('a delivery of the last day recorded at 23:59:59 counts; at 00:00:00 the next day it is refused and the scheduler closes the guarantee', async () => {
    // Prepare: window 1–30 November; 23:59:59 on the 30th in Beijing is 15:59:59 UTC
    stack.setTime('2026-11-18T04:00:00.000Z');
    const guaranteeId = await activeGuarantee(stack, world, { window: { start: '2026-11-01', end: '2026-11-30' }, committedQuantity: 5 });
    const pending = await delivered(stack, world, guaranteeId, { deliveredOn: '2026-11-18', quantity: 2 });
    stack.setTime('2026-11-30T15:59:59.000Z');
    // Act
    const lastSecond = await record(guaranteeId, { deliveredOn: '2026-11-30', quantity: 3 });
    const notYet = await runDueWork(stack.deps);
    const stillActive = await detail(stack, world.coop, guaranteeId);
    stack.setTime('2026-11-30T16:00:00.000Z');
    const midnight = await record(guaranteeId, { deliveredOn: '2026-11-30', quantity: 1 });
    const lateDecision = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries/${pending.deliveryId}/accept`, { as: world.leader });
    const lateAmendment = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/amendments`, {
      as: world.leader,
      body: { ...offerBody(world), villageId: undefined, productId: undefined, window: { start: '2026-11-01', end: '2026-12-31' } },
    });
    const closing = await runDueWork(stack.deps);
    const closed = await detail(stack, world.coop, guaranteeId);
    const again = await runDueWork(stack.deps);
    // Assess
    expect(lastSecond.status).toBe(201);
    expect(stillActive.status).toBe('active');
    expect(notYet.closedGuarantees).toBe(0);
    expect(midnight.status).toBe(409);
    expect(midnight.json.error.field).toBe('deliveredOn');
    expect(lateDecision.status).toBe(409);
    expect(lateAmendment.status).toBe(409);
    expect(closing.closedGuarantees).toBeGreaterThanOrEqual(1);
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-11-30T16:00:00.000Z', offeredQuantity: 5, acceptedQuantity: 0 });
    expect(closed.summary).toMatchObject({ committedQuantity: 5, offeredQuantity: 5, acceptedQuantity: 0, undecidedQuantity: 5 });
    expect(again.closedGuarantees).toBe(0);
    expect((await detail(stack, world.coop, guaranteeId)).updatedAt).toBe(closed.updatedAt);
  });

  it("today is Beijing's date: at 00:30 Beijing time (16:30 UTC the day before) today's delivery counts and tomorrow's is in the future", async () => {
    // Prepare
    stack.setTime('2026-11-18T04:00:00.000Z');
    const guaranteeId = await activeGuarantee(stack, world, { window: { start: '2026-11-01', end: '2026-12-31' } });
    stack.setTime('2026-11-18T16:30:00.000Z');
    // Act
    const today = await record(guaranteeId, { deliveredOn: '2026-11-19' });
    const tomorrow = await record(guaranteeId, { deliveredOn: '2026-11-20' });
    // Assess
    expect(today.status).toBe(201);
    expect(tomorrow.status).toBe(400);
    expect(tomorrow.json.error.field).toBe('deliveredOn');
  });

  it('an offer must cover days to come, and cannot be accepted once its window has ended', async () => {
    // Prepare
    stack.setTime('2026-11-18T04:00:00.000Z');
    const past = await stack.call('POST', '/api/buyback-guarantees', { as: world.leader, body: offerBody(world, { window: { start: '2026-11-01', end: '2026-11-17' } }) });
    const lastDay = await stack.call('POST', '/api/buyback-guarantees', { as: world.leader, body: offerBody(world, { window: { start: '2026-11-01', end: '2026-11-18' } }) });
    // Act
    stack.setTime('2026-11-18T16:00:00.000Z');
    const tooLate = await stack.call('POST', `/api/buyback-guarantees/${lastDay.json.guaranteeId}/accept`, { as: world.coop });
    // Assess
    expect(past.status).toBe(400);
    expect(past.json.error.field).toBe('window.end');
    expect(lastDay.status).toBe(201);
    expect(tooLate.status).toBe(409);
    expect((await detail(stack, world.coop, lastDay.json.guaranteeId)).status).toBe('offered');
  });
});
