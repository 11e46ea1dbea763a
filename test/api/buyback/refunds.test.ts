import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PaymentSimulator } from '../../../shared/payments/simulator.js';
import { createSyncedStack, paymentStatus, postWebhook, salesOf, shuffled, type StoredSale, type SyncedStack, capturingPayments, type CapturedEvent} from '../orders/support.js';
import { acceptedDelivery, activeGuarantee, buybackWorld, detail, type BuybackWorld } from './support.js';

const START = '2026-11-18T04:00:00.000Z';
const MONTH = '2026-11';
const MINUTE = 60_000;


/**
 * A paid settlement refunded at the provider (a Dashboard refund): the money went back, so the village's sales did
 * not happen. The simulator's events are captured instead of sent, so each test decides when, how often and in
 * which order they arrive.
 */
describe('buyback settlement refunds', () => {
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


  /** The organisation settles everything owed and pays it; every event of the payment is delivered once. */
  async function settleAndPay(guaranteeId: string) {
    const placed = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/settlements`, { as: world.leader });
    expect(placed.status, JSON.stringify(placed.json)).toBe(201);
    await payments.complete(placed.json.payment.paymentId, { method: 'wechat_pay' });
    for (const event of await newEvents()) expect((await postWebhook(stack, event.payload)).json.outcome).toBe('applied');
    return {
      settlementId: placed.json.settlement.settlementId as string,
      paymentId: placed.json.payment.paymentId as string,
      amountFen: placed.json.settlement.amountFen as number,
    };
  }

  /** Refunds a paid settlement at the provider and answers its `charge.refunded` event, not yet delivered. */
  async function refundAtProvider(paid: { settlementId: string; paymentId: string; amountFen: number }): Promise<CapturedEvent> {
    await payments.refund({ paymentId: paid.paymentId, orderId: paid.settlementId, amountFen: paid.amountFen });
    const events = await newEvents();
    expect(events.map((e) => e.type)).toEqual(['charge.refunded']);
    return events[0]!;
  }

  /** The village's sales of every month of 2026 and the organisation's purchases, from their sum items (G1, G2). */
  async function sums() {
    const village = await stack.deps.ledger.villageMonths(world.villageId, '2026-01', '2026-12');
    const organization = await stack.deps.ledger.organizationMonths(world.organizationId, '2026-01', '2026-12');
    const total = (months: { salesFen: number }[]) => months.reduce((sum, m) => sum + m.salesFen, 0);
    return {
      villageFen: total(village),
      villageBuybackFen: village.reduce((sum, m) => sum + (m.byChannel.buyback ?? 0), 0),
      organizationFen: total(organization),
    };
  }

  /** The ledger rows of the given deliveries, oldest first. */
  async function salesOfDeliveries(deliveryIds: string[]): Promise<(StoredSale & { reverses?: string })[]> {
    return (await salesOf(stack, world.villageId, MONTH)).filter((s) => deliveryIds.some((id) => s.source.includes(`:${id}:`)));
  }

  it('the refund event delivered 5 times in shuffled order, racing and late: one reversal per delivery, the sums back where they were, the deliveries owed again', async () => {
    // Prepare: two deliveries accepted at the list price ¥168.00 (no market price entered), settled and paid
    stack.setTime(START);
    const guaranteeId = await activeGuarantee(stack, world);
    const deliveries = [await acceptedDelivery(stack, world, guaranteeId, { quantity: 10 }), await acceptedDelivery(stack, world, guaranteeId, { quantity: 5 })];
    const deliveryIds = deliveries.map((d) => d.deliveryId as string);
    const before = await sums();
    const paid = await settleAndPay(guaranteeId);
    const whilePaid = await sums();
    stack.advance(MINUTE);
    const refunded = await refundAtProvider(paid);
    // Act: three copies at once, two after one another
    const copies = shuffled(Array.from({ length: 5 }, () => refunded), 13);
    const racing = await Promise.all(copies.slice(0, 3).map((e) => postWebhook(stack, e.payload)));
    const late = [];
    for (const e of copies.slice(3)) late.push(await postWebhook(stack, e.payload));
    // Assess
    const answers = [...racing, ...late];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.json.outcome === 'applied')).toHaveLength(1);
    expect(answers.filter((a) => a.json.outcome === 'duplicate')).toHaveLength(4);
    expect(paid.amountFen).toBe(15 * 16_800);
    expect(whilePaid.villageFen - before.villageFen).toBe(252_000);
    expect(await sums()).toEqual(before);
    const after = await detail(stack, world.leader, guaranteeId);
    expect(after.settlements).toMatchObject([{ settlementId: paid.settlementId, status: 'refunded', paidAt: START, refundedAt: new Date(Date.parse(START) + MINUTE).toISOString() }]);
    expect(after.deliveries.map((d: { status: string; settlementId?: string; paidAt?: string }) => [d.status, d.settlementId, d.paidAt])).toEqual([
      ['accepted', undefined, undefined],
      ['accepted', undefined, undefined],
    ]);
    expect(after.summary).toMatchObject({ acceptedQuantity: 15, acceptedFen: 252_000, paidQuantity: 0, paidFen: 0, owedFen: 252_000 });
    expect(after).toMatchObject({ payableFen: 252_000, settlingFen: 0 });
    const rows = await salesOfDeliveries(deliveryIds);
    expect(rows.map((s) => [s.source, s.quantity, s.amountFen, s.reverses]).sort()).toEqual(
      [
        [`buyback:${deliveryIds[0]}:${paid.settlementId}`, 10, 168_000, undefined],
        [`buyback:${deliveryIds[1]}:${paid.settlementId}`, 5, 84_000, undefined],
        [`refund:buyback:${deliveryIds[0]}:${paid.settlementId}`, -10, -168_000, `buyback:${deliveryIds[0]}:${paid.settlementId}`],
        [`refund:buyback:${deliveryIds[1]}:${paid.settlementId}`, -5, -84_000, `buyback:${deliveryIds[1]}:${paid.settlementId}`],
      ].sort(),
    );
    expect(rows.every((s) => s.channel === 'buyback')).toBe(true);
    expect(await stack.deps.buyback.hasEvent(refunded.id)).toBe(true);
  });

  it('paid, refunded, settled again and paid, refunded again: sales +x, −x, +x, −x, each written once; the first refund redelivered later changes nothing', async () => {
    // Prepare: one delivery of 2 at ¥168.00
    stack.setTime(START);
    const guaranteeId = await activeGuarantee(stack, world);
    const delivery = await acceptedDelivery(stack, world, guaranteeId, { quantity: 2 });
    const x = 2 * 16_800;
    const before = await sums();
    // Act: paid → refunded → settled again → paid, one minute apart so the ledger's order is the order of events
    const first = await settleAndPay(guaranteeId);
    stack.advance(MINUTE);
    const firstRefund = await refundAtProvider(first);
    const firstRefundAnswer = await postWebhook(stack, firstRefund.payload);
    const owedAgain = await detail(stack, world.leader, guaranteeId);
    stack.advance(MINUTE);
    const second = await settleAndPay(guaranteeId);
    const oldRefundAgain = await postWebhook(stack, firstRefund.payload);
    const paidAgain = await detail(stack, world.leader, guaranteeId);
    const salesWhilePaidAgain = (await salesOfDeliveries([delivery.deliveryId])).map((s) => s.amountFen);
    const sumsWhilePaidAgain = await sums();
    // Act: and refunded once more
    stack.advance(MINUTE);
    const secondRefund = await refundAtProvider(second);
    const secondRefundAnswers = [await postWebhook(stack, secondRefund.payload), await postWebhook(stack, secondRefund.payload)];
    // Assess
    expect(first.settlementId).not.toBe(second.settlementId);
    expect(firstRefundAnswer.json.outcome).toBe('applied');
    expect(owedAgain).toMatchObject({ paidFen: 0, payableFen: x });
    expect(owedAgain.deliveries[0]).toMatchObject({ status: 'accepted' });
    expect(oldRefundAgain.json.outcome).toBe('duplicate');
    expect(paidAgain).toMatchObject({ paidFen: x, paidQuantity: 2, payableFen: 0 });
    expect(paidAgain.deliveries[0]).toMatchObject({ status: 'paid', settlementId: second.settlementId });
    expect(salesWhilePaidAgain).toEqual([x, -x, x]);
    expect(sumsWhilePaidAgain.villageFen - before.villageFen).toBe(x);
    expect(secondRefundAnswers.map((a) => a.json.outcome)).toEqual(['applied', 'duplicate']);
    const rows = await salesOfDeliveries([delivery.deliveryId]);
    expect(rows.map((s) => [s.source, s.amountFen])).toEqual([
      [`buyback:${delivery.deliveryId}:${first.settlementId}`, x],
      [`refund:buyback:${delivery.deliveryId}:${first.settlementId}`, -x],
      [`buyback:${delivery.deliveryId}:${second.settlementId}`, x],
      [`refund:buyback:${delivery.deliveryId}:${second.settlementId}`, -x],
    ]);
    expect(await sums()).toEqual(before);
    const after = await detail(stack, world.leader, guaranteeId);
    expect(after.settlements.map((s: { status: string }) => s.status)).toEqual(['refunded', 'refunded']);
    expect(after).toMatchObject({ paidFen: 0, paidQuantity: 0, acceptedQuantity: 2, payableFen: x });
  });

  it('a refund delivered before its success: the settlement fails (payment_refunded), the late success keeps no money and writes no sale', async () => {
    // Prepare: the payment succeeds and is refunded at the provider before either event reaches the app
    stack.setTime(START);
    const guaranteeId = await activeGuarantee(stack, world);
    const delivery = await acceptedDelivery(stack, world, guaranteeId, { quantity: 1 });
    const before = await sums();
    const placed = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/settlements`, { as: world.leader });
    const paymentId: string = placed.json.payment.paymentId;
    await payments.complete(paymentId, { method: 'alipay' });
    const [succeeded] = await newEvents();
    const refunded = await refundAtProvider({ paymentId, settlementId: placed.json.settlement.settlementId, amountFen: placed.json.settlement.amountFen });
    // Act
    const refundFirst = await postWebhook(stack, refunded.payload);
    const successLate = await postWebhook(stack, succeeded!.payload);
    // Assess
    expect(succeeded!.type).toBe('payment_intent.succeeded');
    expect([refundFirst.json.outcome, successLate.json.outcome]).toEqual(['applied', 'ignored']);
    const after = await detail(stack, world.leader, guaranteeId);
    expect(after.settlements).toMatchObject([{ status: 'failed', closedReason: 'payment_refunded' }]);
    expect(after.deliveries[0]).toMatchObject({ status: 'accepted' });
    expect(after).toMatchObject({ paidFen: 0, payableFen: 16_800 });
    expect(await salesOfDeliveries([delivery.deliveryId])).toEqual([]);
    expect(await sums()).toEqual(before);
    expect(await paymentStatus(stack, paymentId)).toBe('refunded');
    // Refunding again was answered as already done: no second refund event.
    expect(await newEvents()).toEqual([]);
  });
});
