import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { payPageRoutes } from '../../../scripts/local/pay-page.js';
import { runDueWork } from '../../../shared/domain/use-cases/scheduler.js';
import type { PaymentSimulator } from '../../../shared/payments/simulator.js';
import { createSyncedStack, paymentStatus, postWebhook, salesOf, shuffled, type SyncedStack, capturingPayments, type CapturedEvent} from '../orders/support.js';
import { acceptedDelivery, activeGuarantee, buybackWorld, delivered, detail, type BuybackWorld } from './support.js';

const START = '2026-11-18T04:00:00.000Z';


/**
 * Paying accepted deliveries: a settlement, a payment through the same port as orders, and the payment events
 * (captured here instead of sent, so each test decides when and how often they arrive).
 */
describe('buyback settlements', () => {
  let stack: SyncedStack;
  let world: BuybackWorld;
  let payments: PaymentSimulator;
  let newEvents: () => Promise<CapturedEvent[]>;

  beforeAll(async () => {
    stack = await createSyncedStack(START);
    ({ payments, newEvents } = capturingPayments(stack));
    world = await buybackWorld(stack);
  });

  afterAll(() => {
    vi.useRealTimers();
  });


  const settle = (guaranteeId: string, body?: unknown, headers?: Record<string, string>) =>
    stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/settlements`, { as: world.leader, body, headers });

  it('each paid delivery becomes exactly one sale for the village, even when the success event arrives 5 times, racing and late', async () => {
    // Prepare: three deliveries accepted at ¥168.00 (list price), ¥155.00 and ¥150.00 (floor)
    const guaranteeId = await activeGuarantee(stack, world, { maximumQuantity: null });
    await stack.call('PUT', `/api/products/${world.product.productId}/market-prices/2026-W46`, { as: world.organizer, body: { priceFen: 15_500 } });
    await stack.call('PUT', `/api/products/${world.product.productId}/market-prices/2026-W45`, { as: world.organizer, body: { priceFen: 14_000 } });
    const deliveries = [
      await acceptedDelivery(stack, world, guaranteeId, { quantity: 10, deliveredOn: '2026-11-16' }),
      await acceptedDelivery(stack, world, guaranteeId, { quantity: 20, deliveredOn: '2026-11-10' }),
      await acceptedDelivery(stack, world, guaranteeId, { quantity: 30, deliveredOn: '2026-11-03' }),
    ];
    const owed = 10 * 16_800 + 20 * 15_500 + 30 * 15_000;
    const placed = await settle(guaranteeId);
    await payments.complete(placed.json.payment.paymentId, { method: 'wechat_pay' });
    const [succeeded, ...others] = await newEvents();
    // Act: five deliveries of the same event, half at once, half one after another
    const copies = shuffled(Array.from({ length: 5 }, () => succeeded!), 3);
    const racing = await Promise.all(copies.slice(0, 3).map((e) => postWebhook(stack, e.payload)));
    const late = [];
    for (const e of copies.slice(3)) late.push(await postWebhook(stack, e.payload));
    // Assess
    expect(others).toEqual([]);
    expect(placed.status).toBe(201);
    expect(placed.json.settlement).toMatchObject({ status: 'pending_payment', amountFen: owed, quantity: 60, deliveryIds: deliveries.map((d) => d.deliveryId) });
    expect(placed.json.payment).toMatchObject({ provider: 'simulator', amountFen: owed, payUrl: `/pay/${placed.json.payment.paymentId}?returnTo=%2Fbuyback%2F${guaranteeId}` });
    const outcomes = [...racing, ...late].map((r) => [r.status, r.json.outcome]);
    expect(outcomes.filter(([, outcome]) => outcome === 'applied')).toHaveLength(1);
    expect(outcomes.every(([status, outcome]) => status === 200 && ['applied', 'duplicate', 'ignored'].includes(outcome))).toBe(true);
    const after = await detail(stack, world.coop, guaranteeId);
    expect(after.settlements).toMatchObject([{ status: 'paid', amountFen: owed, paidAt: START }]);
    expect(after.deliveries.map((d: { status: string }) => d.status)).toEqual(['paid', 'paid', 'paid']);
    expect(after.summary).toMatchObject({ paidQuantity: 60, paidFen: owed, owedFen: 0 });
    const sales = (await salesOf(stack, world.villageId, '2026-11')).filter((s) => s.source.startsWith('buyback:'));
    const settlementId = placed.json.settlement.settlementId;
    expect(sales.map((s) => [s.source, s.channel, s.quantity, s.amountFen, s.buyerAccountId]).sort()).toEqual(
      [
        [`buyback:${deliveries[0]!.deliveryId}:${settlementId}`, 'buyback', 10, 168_000, world.leader.accountId],
        [`buyback:${deliveries[1]!.deliveryId}:${settlementId}`, 'buyback', 20, 310_000, world.leader.accountId],
        [`buyback:${deliveries[2]!.deliveryId}:${settlementId}`, 'buyback', 30, 450_000, world.leader.accountId],
      ].sort(),
    );
    expect(sales.every((s) => (s as unknown as { organizationId: string }).organizationId === world.organizationId)).toBe(true);
    const [month] = await stack.deps.ledger.villageMonths(world.villageId, '2026-11', '2026-11');
    expect(month?.byChannel.buyback).toBe(owed);
    expect(month?.byOrganization[world.organizationId]).toBe(owed);
  });

  it('a failed payment makes its deliveries owed again, and a new settlement pays them', async () => {
    // Prepare
    const guaranteeId = await activeGuarantee(stack, world);
    const delivery = await acceptedDelivery(stack, world, guaranteeId, { quantity: 5 });
    const first = await settle(guaranteeId);
    const whileSettling = await detail(stack, world.leader, guaranteeId);
    await payments.complete(first.json.payment.paymentId, { fail: true, method: 'card' });
    const [failed] = await newEvents();
    // Act
    const applied = await postWebhook(stack, failed!.payload);
    const redelivered = await postWebhook(stack, failed!.payload);
    const afterFailure = await detail(stack, world.leader, guaranteeId);
    const second = await settle(guaranteeId);
    await payments.complete(second.json.payment.paymentId, { method: 'alipay' });
    for (const event of await newEvents()) await postWebhook(stack, event.payload);
    // Assess
    expect(whileSettling).toMatchObject({ payableFen: 0, settlingFen: 84_000 });
    expect(whileSettling.deliveries[0]).toMatchObject({ status: 'settling', settlementId: first.json.settlement.settlementId });
    expect([applied.json.outcome, redelivered.json.outcome]).toEqual(['applied', 'duplicate']);
    expect(afterFailure.settlements).toMatchObject([{ status: 'failed', closedReason: 'payment_failed' }]);
    expect(afterFailure.deliveries[0].status).toBe('accepted');
    expect(afterFailure.deliveries[0].settlementId).toBeUndefined();
    expect(afterFailure).toMatchObject({ payableFen: 84_000, settlingFen: 0, paidFen: 0 });
    expect(second.status).toBe(201);
    expect(second.json.settlement.deliveryIds).toEqual([delivery.deliveryId]);
    const paid = await detail(stack, world.leader, guaranteeId);
    expect(paid.settlements.map((s: { status: string }) => s.status)).toEqual(['failed', 'paid']);
    expect(paid).toMatchObject({ paidFen: 84_000, paidQuantity: 5, payableFen: 0 });
    // The failed settlement wrote no sale; the paid one wrote the delivery's only sale.
    expect((await salesOf(stack, world.villageId, '2026-11')).filter((s) => s.source.startsWith(`buyback:${delivery.deliveryId}:`)).map((s) => s.source)).toEqual([
      `buyback:${delivery.deliveryId}:${second.json.settlement.settlementId}`,
    ]);
  });

  it('settles the listed deliveries (each still owed) or all owed ones; an Idempotency-Key replays the first answer and opens no second payment', async () => {
    // Prepare
    const guaranteeId = await activeGuarantee(stack, world);
    const a = await acceptedDelivery(stack, world, guaranteeId, { quantity: 1 });
    const b = await acceptedDelivery(stack, world, guaranteeId, { quantity: 2 });
    const pending = await delivered(stack, world, guaranteeId, { quantity: 3 });
    const key = { 'idempotency-key': 'settle-1-0f4c2a' };
    // Act
    const listed = await settle(guaranteeId, { deliveryIds: [a.deliveryId] }, key);
    const replayed = await settle(guaranteeId, { deliveryIds: [a.deliveryId] }, key);
    const reused = await settle(guaranteeId, { deliveryIds: [b.deliveryId] }, key);
    const taken = await settle(guaranteeId, { deliveryIds: [b.deliveryId, a.deliveryId] });
    const notAccepted = await settle(guaranteeId, { deliveryIds: [pending.deliveryId] });
    const unknown = await settle(guaranteeId, { deliveryIds: ['bbd_01JD0000000000000000000000'] });
    const twice = await settle(guaranteeId, { deliveryIds: [b.deliveryId, b.deliveryId] });
    const rest = await settle(guaranteeId);
    const nothing = await settle(guaranteeId);
    // Assess
    expect(listed.status).toBe(201);
    expect(listed.json.settlement.deliveryIds).toEqual([a.deliveryId]);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.json).toEqual(listed.json);
    expect(reused.status).toBe(422);
    expect([taken.status, taken.json.error.field]).toEqual([409, 'deliveryIds.1']);
    expect([notAccepted.status, notAccepted.json.error.field]).toEqual([409, 'deliveryIds.0']);
    expect([unknown.status, unknown.json.error.field]).toEqual([404, 'deliveryIds.0']);
    expect([twice.status, twice.json.error.field]).toEqual([400, 'deliveryIds.1']);
    expect(rest.json.settlement.deliveryIds).toEqual([b.deliveryId]);
    expect([nothing.status, nothing.json.error.field]).toEqual([409, 'deliveryIds']);
    const after = await detail(stack, world.leader, guaranteeId);
    expect(after.settlements).toHaveLength(2);
    expect(await payments.get(listed.json.payment.paymentId)).toMatchObject({ status: 'requires_payment_method', amountFen: 16_800 });
  });

  it('an unpaid settlement can be dropped by the organisation, or lapses after 24 hours; either way its payment is cancelled and its deliveries are owed again', async () => {
    // Prepare
    stack.setTime(START);
    const guaranteeId = await activeGuarantee(stack, world);
    await acceptedDelivery(stack, world, guaranteeId, { quantity: 1 });
    const first = await settle(guaranteeId);
    const settlementPath = `/api/buyback-guarantees/${guaranteeId}/settlements/${first.json.settlement.settlementId}`;
    // Act: the organisation drops the first
    const again = await stack.call('GET', `${settlementPath}/payment`, { as: world.leader });
    const cancelByCoop = await stack.call('POST', `${settlementPath}/cancel`, { as: world.coop });
    const cancelled = await stack.call('POST', `${settlementPath}/cancel`, { as: world.leader });
    const payAfterCancel = await stack.call('GET', `${settlementPath}/payment`, { as: world.leader });
    for (const event of await newEvents()) await postWebhook(stack, event.payload);
    // Act: the second lapses
    const second = await settle(guaranteeId);
    stack.advance(24 * 60 * 60 * 1000 - 1000);
    const early = await runDueWork(stack.deps);
    stack.advance(2000);
    const due = await runDueWork(stack.deps);
    // Assess
    expect(again.json.paymentId).toBe(first.json.payment.paymentId);
    expect(cancelByCoop.status).toBe(403);
    expect(cancelled.json).toMatchObject({ status: 'failed', closedReason: 'cancelled_by_buyer' });
    expect(payAfterCancel.status).toBe(409);
    expect(await paymentStatus(stack, first.json.payment.paymentId)).toBe('canceled');
    expect(early.expiredSettlements).toBe(0);
    // Settlements left unpaid by the tests before this one lapse in the same run.
    expect(due.expiredSettlements).toBeGreaterThanOrEqual(1);
    expect(await paymentStatus(stack, second.json.payment.paymentId)).toBe('canceled');
    const after = await detail(stack, world.leader, guaranteeId);
    expect(after.settlements.map((s: { closedReason: string }) => s.closedReason)).toEqual(['cancelled_by_buyer', 'payment_window_expired']);
    expect(after.deliveries[0].status).toBe('accepted');
    expect(after.payableFen).toBe(16_800);
    stack.setTime(START);
  });

  it("the simulator's pay page names the settlement and brings the organisation back to its guarantee", async () => {
    // Prepare
    stack.setTime(START);
    const guaranteeId = await activeGuarantee(stack, world);
    await acceptedDelivery(stack, world, guaranteeId, { quantity: 1 });
    const placed = await settle(guaranteeId);
    const page = payPageRoutes(payments);
    // Act
    const shown = await page.request(placed.json.payment.payUrl);
    const paid = await page.request(placed.json.payment.payUrl, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'alipay', returnTo: `/buyback/${guaranteeId}` }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    for (const event of await newEvents()) await postWebhook(stack, event.payload);
    // Assess
    const html = await shown.text();
    expect(shown.status).toBe(200);
    expect(html).toContain('回购结算');
    expect(html).toContain(`value="/buyback/${guaranteeId}"`);
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`/buyback/${guaranteeId}`);
    expect((await detail(stack, world.leader, guaranteeId)).paidFen).toBe(16_800);
  });
});
