import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import type { PaymentSimulator } from '../../../shared/payments/simulator.js';
import { runDueWork } from '../../../shared/domain/use-cases/scheduler.js';
import {
  createSyncedStack,
  groupBuyBody,
  listProduct,
  namedBuyer,
  namedLeader,
  paymentIntentEvent,
  paymentStatus,
  postWebhook,
  salesOf,
  shuffled,
  signatureFor,
  stockOf,
  villageWithCoop,
  type SyncedStack,
  capturingPayments,
  type CapturedEvent,
} from './support.js';

const START = '2026-11-21T02:00:00.000Z';
const MONTH = '2026-11';


/**
 * The webhook route under replay. The app's payment port is a simulator whose deliveries are captured instead of
 * sent, so each test decides when, how often and in which order the genuine events of a payment reach the app.
 */
describe('the Stripe webhook', () => {
  let stack: SyncedStack;
  let payments: PaymentSimulator;
  let newEvents: () => Promise<CapturedEvent[]>;
  let village: { villageId: string; coop: Actor };

  beforeAll(async () => {
    stack = await createSyncedStack(START);
    ({ payments, newEvents } = capturingPayments(stack));
    village = await villageWithCoop(stack);
  });

  afterAll(() => {
    vi.useRealTimers();
  });


  /**
   * Posts each payload the given number of times in a shuffled order: the first half all at once (racing
   * deliveries), the rest one after another (late redeliveries). Answers the outcomes per event id.
   */
  async function replay(events: CapturedEvent[], times: number, seed: number) {
    const deliveries = shuffled(events.flatMap((e) => Array.from({ length: times }, () => e)), seed);
    const half = Math.ceil(deliveries.length / 2);
    const answers: { id: string; status: number; outcome: string }[] = [];
    const concurrent = await Promise.all(deliveries.slice(0, half).map(async (e) => ({ e, r: await postWebhook(stack, e.payload) })));
    for (const { e, r } of concurrent) answers.push({ id: e.id, status: r.status, outcome: r.json?.outcome });
    for (const e of deliveries.slice(half)) {
      const r = await postWebhook(stack, e.payload);
      answers.push({ id: e.id, status: r.status, outcome: r.json?.outcome });
    }
    return answers;
  }

  const outcomesOf = (answers: { id: string; outcome: string }[], id: string) => answers.filter((a) => a.id === id).map((a) => a.outcome);
  const order = async (as: Actor, orderId: string) => (await stack.call('GET', `/api/orders/${orderId}`, { as })).json;

  async function placeDirect(as: Actor, lines: { productId: string; quantity: number }[]) {
    const placed = await stack.call('POST', '/api/orders', { as, body: { lines, fulfilment: { type: 'pickup' } } });
    expect(placed.status, JSON.stringify(placed.json)).toBe(201);
    return { orderId: placed.json.order.orderId as string, paymentId: placed.json.payment.paymentId as string, totalFen: placed.json.order.totalFen as number };
  }

  it('a direct payment, succeeded then refunded, each event delivered 5 times in shuffled order: one transition and one sale per line each', async () => {
    // Prepare
    const chicken = await listProduct(stack, village, { priceFen: 16_800, stock: 10 });
    const eggs = await listProduct(stack, village, { name: '土鸡蛋', unit: '盒', priceFen: 4_500, stock: 10 });
    const me = namedBuyer('王芳');
    const placed = await placeDirect(me, [
      { productId: chicken.productId, quantity: 1 },
      { productId: eggs.productId, quantity: 2 },
    ]);
    await payments.complete(placed.paymentId, { method: 'alipay' });
    const [succeeded, ...others] = await newEvents();
    expect(others).toEqual([]);
    expect(succeeded!.type).toBe('payment_intent.succeeded');

    // Act: the payment's success, five times over
    const paidAnswers = await replay([succeeded!], 5, 7);
    const afterPaid = await order(me, placed.orderId);
    // Act: a refund made at the provider (a Dashboard refund), five times over
    await payments.refund({ paymentId: placed.paymentId, orderId: placed.orderId, amountFen: placed.totalFen });
    const [refunded] = await newEvents();
    const refundAnswers = await replay([refunded!], 5, 11);

    // Assess
    expect([...paidAnswers, ...refundAnswers].every((a) => a.status === 200)).toBe(true);
    expect(outcomesOf(paidAnswers, succeeded!.id).filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomesOf(paidAnswers, succeeded!.id).filter((o) => o !== 'applied').every((o) => o === 'duplicate' || o === 'ignored')).toBe(true);
    expect(afterPaid).toMatchObject({ status: 'paid', version: 2 });
    expect(refunded!.type).toBe('charge.refunded');
    expect(outcomesOf(refundAnswers, refunded!.id).filter((o) => o === 'applied')).toHaveLength(1);
    expect(await order(me, placed.orderId)).toMatchObject({ status: 'refunded', version: 3 });
    const sales = (await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(placed.orderId));
    expect(sales.map((s) => [s.source, s.amountFen]).sort()).toEqual(
      [
        [`order:${placed.orderId}:1`, 16_800],
        [`order:${placed.orderId}:2`, 9_000],
        [`refund:${placed.orderId}:1`, -16_800],
        [`refund:${placed.orderId}:2`, -9_000],
      ].sort(),
    );
    expect(await stack.deps.orders.hasEvent(succeeded!.id)).toBe(true);
    expect(await stack.deps.orders.hasEvent(refunded!.id)).toBe(true);
  });

  it('a group-buy card join: the hold, then the capture at confirmation, each delivered 5 times shuffled: one transition each, one sale', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 20 });
    const leader = namedLeader('张敏');
    const gb = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, '2026-11-25T12:00:00.000Z', { minQuantity: 2, maxQuantity: 10 }) });
    const me = namedBuyer('李雷');
    const joined = await stack.call('POST', `/api/group-buys/${gb.json.groupBuyId}/joins`, { as: me, body: { quantity: 2 } });
    const orderId: string = joined.json.order.orderId;
    await payments.complete(joined.json.payment.paymentId, { method: 'card' });
    const [authorized] = await newEvents();

    // Act: the hold, five times over
    const holdAnswers = await replay([authorized!], 5, 3);
    const afterHold = await order(me, orderId);
    const groupAfterHold = (await stack.call('GET', `/api/group-buys/${gb.json.groupBuyId}`)).json;
    // Act: the leader confirms (capturing the hold); the capture's event then arrives five times
    const closed = await stack.call('POST', `/api/group-buys/${gb.json.groupBuyId}/close`, { as: leader });
    const afterClose = await order(me, orderId);
    const [capturedEvent] = (await newEvents()).filter((e) => e.type === 'payment_intent.succeeded');
    const captureAnswers = await replay([capturedEvent!], 5, 5);

    // Assess
    expect(authorized!.type).toBe('payment_intent.amount_capturable_updated');
    expect(outcomesOf(holdAnswers, authorized!.id).filter((o) => o === 'applied')).toHaveLength(1);
    expect(afterHold).toMatchObject({ status: 'authorized', version: 2 });
    // Counted once, not once per delivery.
    expect(groupAfterHold).toMatchObject({ joinedQuantity: 2, paidQuantity: 2 });
    expect(closed.json).toMatchObject({ status: 'confirmed' });
    expect(afterClose).toMatchObject({ status: 'paid', version: 3 });
    expect(await paymentStatus(stack, joined.json.payment.paymentId)).toBe('succeeded');
    // The order was already settled by the confirmation: its success event moves nothing.
    expect(captureAnswers.every((a) => a.status === 200 && (a.outcome === 'ignored' || a.outcome === 'duplicate'))).toBe(true);
    expect(await order(me, orderId)).toMatchObject({ status: 'paid', version: 3, settledAt: afterClose.settledAt });
    expect((await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(orderId)).map((s) => [s.source, s.channel, s.quantity])).toEqual([
      [`group_buy:${orderId}:1`, 'group_buy', 2],
    ]);
  });

  it('a group-buy hold and its capture delivered 5 times each, all shuffled together, before confirmation: paid once, counted once', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 20 });
    const leader = namedLeader('张敏');
    const gb = await stack.call('POST', '/api/group-buys', { as: leader, body: groupBuyBody(product.productId, '2026-11-25T12:00:00.000Z', { minQuantity: 3, maxQuantity: 10 }) });
    const me = namedBuyer('李雷');
    const joined = await stack.call('POST', `/api/group-buys/${gb.json.groupBuyId}/joins`, { as: me, body: { quantity: 3 } });
    const orderId: string = joined.json.order.orderId;
    const paymentId: string = joined.json.payment.paymentId;
    await payments.complete(paymentId, { method: 'card' });
    await payments.capture({ paymentId, orderId });
    const events = await newEvents();
    expect(events.map((e) => e.type)).toEqual(['payment_intent.amount_capturable_updated', 'payment_intent.succeeded']);
    // Act
    const answers = await replay(events, 5, 13);
    const afterReplay = await order(me, orderId);
    const closed = await stack.call('POST', `/api/group-buys/${gb.json.groupBuyId}/close`, { as: leader });
    // Assess
    expect(answers.every((a) => a.status === 200)).toBe(true);
    for (const event of events) expect(outcomesOf(answers, event.id).filter((o) => o === 'applied').length).toBeLessThanOrEqual(1);
    const applied = answers.filter((a) => a.outcome === 'applied').length;
    expect(applied).toBeGreaterThanOrEqual(1);
    expect(afterReplay).toMatchObject({ status: 'paid', version: 1 + applied });
    expect(closed.json).toMatchObject({ status: 'confirmed', joinedQuantity: 3, paidQuantity: 3 });
    expect((await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(orderId)).map((s) => s.quantity)).toEqual([3]);
  });

  it('a bad signature, a missing one or a tampered body is a 400 naming Stripe-Signature, and writes nothing', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const placed = await placeDirect(me, [{ productId: product.productId, quantity: 1 }]);
    await payments.complete(placed.paymentId, { method: 'alipay' });
    const [succeeded] = await newEvents();
    const tampered = succeeded!.payload.replace(`"amount":${placed.totalFen}`, '"amount":1');
    // Act
    const wrongSecret = await postWebhook(stack, succeeded!.payload, signatureFor(succeeded!.payload, { secret: 'whsec_someone_else' }));
    const missing = await stack.call('POST', '/api/webhooks/stripe', { body: succeeded!.payload, headers: { 'content-type': 'application/json' } });
    const changedBody = await postWebhook(stack, tampered, signatureFor(succeeded!.payload));
    // Assess
    for (const answer of [wrongSecret, missing, changedBody]) {
      expect(answer.status).toBe(400);
      expect(answer.json.error.field).toBe('Stripe-Signature');
    }
    expect(tampered).not.toBe(succeeded!.payload);
    expect(await order(me, placed.orderId)).toMatchObject({ status: 'pending_payment', version: 1 });
    expect(await stack.deps.orders.hasEvent(succeeded!.id)).toBe(false);
    expect((await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(placed.orderId))).toEqual([]);
  });

  it('a signature older than 5 minutes is a 400 and writes nothing; the same event freshly signed is applied', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const placed = await placeDirect(me, [{ productId: product.productId, quantity: 1 }]);
    await payments.complete(placed.paymentId, { method: 'alipay' });
    const [succeeded] = await newEvents();
    const now = Math.floor(stack.clock.now().getTime() / 1000);
    // Act
    const sixMinutesOld = await postWebhook(stack, succeeded!.payload, signatureFor(succeeded!.payload, { timestamp: now - 6 * 60 }));
    const orderAfterOld = await order(me, placed.orderId);
    const recordedAfterOld = await stack.deps.orders.hasEvent(succeeded!.id);
    const fourMinutesOld = await postWebhook(stack, succeeded!.payload, signatureFor(succeeded!.payload, { timestamp: now - 4 * 60 }));
    // Assess
    expect(sixMinutesOld.status).toBe(400);
    expect(sixMinutesOld.json.error.field).toBe('Stripe-Signature');
    expect(orderAfterOld).toMatchObject({ status: 'pending_payment', version: 1 });
    expect(recordedAfterOld).toBe(false);
    expect(fourMinutesOld.status).toBe(200);
    expect(fourMinutesOld.json.outcome).toBe('applied');
    expect(await order(me, placed.orderId)).toMatchObject({ status: 'paid', version: 2 });
  });

  it('paid just as the order expired: the late success finds it cancelled, the money is refunded and the order stays cancelled', async () => {
    // Prepare: the buyer pays at the last moment; the provider's event is still on its way when the window closes.
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const placed = await placeDirect(me, [{ productId: product.productId, quantity: 2 }]);
    await payments.complete(placed.paymentId, { method: 'wechat_pay' });
    const [succeeded] = await newEvents();
    stack.advance(31 * 60 * 1000);
    await runDueWork(stack.deps);
    await newEvents();
    // Act
    const late = await postWebhook(stack, succeeded!.payload);
    // Assess
    expect(late.status).toBe(200);
    expect(late.json.outcome).toBe('ignored');
    expect(await order(me, placed.orderId)).toMatchObject({ status: 'cancelled', closedReason: 'payment_window_expired', version: 2 });
    expect(await paymentStatus(stack, placed.paymentId)).toBe('refunded');
    expect(await stockOf(stack, product.productId)).toBe(5);
    expect((await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(placed.orderId))).toEqual([]);
  });

  it('a success for an order already cancelled while its payment still looked open: the webhook itself refunds the money', async () => {
    // Prepare: the order was cancelled (expired) without the provider having been told — the payment stayed open.
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const placed = await placeDirect(me, [{ productId: product.productId, quantity: 1 }]);
    const pending = (await stack.deps.orders.get(placed.orderId))!;
    const cancelled = { ...pending, status: 'cancelled' as const, closedReason: 'payment_window_expired', version: 2, updatedAt: stack.clock.now().toISOString() };
    expect(await stack.deps.orders.transition({ next: cancelled, expectedVersion: 1, releaseStock: [{ productId: product.productId, quantity: 1 }] })).toBe(true);
    await payments.complete(placed.paymentId, { method: 'alipay' });
    const [succeeded] = await newEvents();
    // Act
    const answers = await replay([succeeded!], 3, 17);
    await newEvents();
    // Assess
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.every((a) => a.outcome === 'ignored' || a.outcome === 'duplicate')).toBe(true);
    expect(await paymentStatus(stack, placed.paymentId)).toBe('refunded');
    expect(await order(me, placed.orderId)).toMatchObject({ status: 'cancelled', version: 2 });
    expect(await stockOf(stack, product.productId)).toBe(5);
    expect((await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(placed.orderId))).toEqual([]);
  });

  it('out of order: a failure or a cancellation arriving after the success leaves the order paid', async () => {
    // Prepare
    const product = await listProduct(stack, village, { stock: 5 });
    const me = namedBuyer('王芳');
    const placed = await placeDirect(me, [{ productId: product.productId, quantity: 2 }]);
    await payments.complete(placed.paymentId, { method: 'alipay' });
    const [succeeded] = await newEvents();
    expect((await postWebhook(stack, succeeded!.payload)).json.outcome).toBe('applied');
    const at = stack.clock.now();
    const failed = paymentIntentEvent({ eventId: 'evt_test_failed_late', type: 'payment_intent.payment_failed', paymentId: placed.paymentId, orderId: placed.orderId, amountFen: placed.totalFen, createdAt: at });
    const canceled = paymentIntentEvent({ eventId: 'evt_test_canceled_late', type: 'payment_intent.canceled', paymentId: placed.paymentId, orderId: placed.orderId, amountFen: placed.totalFen, createdAt: at });
    // Act
    const failedAnswer = await postWebhook(stack, failed);
    const canceledAnswer = await postWebhook(stack, canceled);
    // Assess
    expect(failedAnswer.json).toEqual({ received: true, outcome: 'ignored' });
    expect(canceledAnswer.json).toEqual({ received: true, outcome: 'ignored' });
    expect(await order(me, placed.orderId)).toMatchObject({ status: 'paid', version: 2 });
    expect(await stockOf(stack, product.productId)).toBe(3);
    expect((await salesOf(stack, village.villageId, MONTH)).filter((s) => s.source.includes(placed.orderId)).map((s) => s.amountFen)).toEqual([33_600]);
  });

  it('events Village Link does not act on, or for payments it did not create, are acknowledged and ignored', async () => {
    // Prepare
    const other = JSON.stringify({ id: 'evt_test_other', object: 'event', created: Math.floor(stack.clock.now().getTime() / 1000), type: 'customer.created', data: { object: { id: 'cus_1', object: 'customer' } } });
    const foreign = paymentIntentEvent({ eventId: 'evt_test_foreign', type: 'payment_intent.succeeded', paymentId: 'pi_foreign', orderId: '', amountFen: 100, createdAt: stack.clock.now() });
    // Act
    const answers = [await postWebhook(stack, other), await postWebhook(stack, foreign)];
    // Assess
    expect(answers.map((a) => [a.status, a.json.outcome])).toEqual([
      [200, 'ignored'],
      [200, 'ignored'],
    ]);
  });
});
