import Stripe from 'stripe';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import type { PaymentEvent, PaymentRequest } from '../../../shared/domain/payment.js';
import { PaymentAlreadyTakenError, PaymentStateError, releaseOrRefund } from '../../../shared/domain/payment.js';
import { paymentSimulator, type PaymentSimulatorDeps } from '../../../shared/payments/simulator.js';
import { stripeEventVerifier } from '../../../shared/payments/stripe-events.js';
import { createTestStack } from '../../support/test-stack.js';

const SECRET = 'whsec_simulator_test';
const verifier = stripeEventVerifier(new Stripe('sk_test_simulator'), SECRET);

/**
 * A simulator on a fresh table whose deliveries go through the very verifier the webhook route uses: every event
 * the tests look at has been signed by the simulator and verified on its raw body.
 */
async function simulatorWithWebhook(options: { deliver?: PaymentSimulatorDeps['deliver']; retry?: PaymentSimulatorDeps['retry'] } = {}) {
  const { db, clock } = await createTestStack();
  const events: PaymentEvent[] = [];
  const raw: unknown[] = [];
  const logs: Record<string, unknown>[] = [];
  const simulator = paymentSimulator({
    db,
    clock,
    webhookSecret: SECRET,
    payPageBase: '',
    retry: options.retry ?? { attempts: 3, baseDelayMs: 5 },
    log: (entry) => logs.push(entry),
    deliver:
      options.deliver ??
      (async (rawBody, signature) => {
        raw.push(JSON.parse(rawBody));
        const event = await verifier.verify(rawBody, signature);
        if (event) events.push(event);
      }),
  });
  return { simulator, events, raw, logs, clock };
}

function request(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return { orderId: `ord_${ulid()}`, amountFen: 123_456, description: '龙泉村 桃子 ×3', holdCardPayments: true, buyerAccountId: `acc_${ulid()}`, ...overrides };
}

describe('payment simulator', () => {
  it('creates one payment per order: a second create returns the same payment, another amount is a conflict', async () => {
    // Prepare
    const { simulator } = await simulatorWithWebhook();
    const order = request();
    // Act
    const first = await simulator.createPayment(order);
    const second = await simulator.createPayment(order);
    // Assess
    expect(second).toEqual(first);
    expect(first).toEqual({
      provider: 'simulator',
      paymentId: `pi_sim_${order.orderId.slice(4)}`,
      clientSecret: null,
      payUrl: `/pay/pi_sim_${order.orderId.slice(4)}`,
      amountFen: 123_456,
      currency: 'cny',
    });
    await expect(simulator.createPayment({ ...order, amountFen: 1 })).rejects.toBeInstanceOf(ConflictError);
    await expect(simulator.createPayment(request({ amountFen: 0 }))).rejects.toBeInstanceOf(ValidationError);
    expect(await simulator.get(first.paymentId)).toMatchObject({ status: 'requires_payment_method', orderId: order.orderId, failed: false });
  });

  it('card with a hold: authorized, then captured once into succeeded; a repeated capture is a quiet success', async () => {
    // Prepare
    const { simulator, events } = await simulatorWithWebhook();
    const order = request();
    const { paymentId } = await simulator.createPayment(order);
    // Act
    const held = await simulator.complete(paymentId, { method: 'card' });
    await simulator.drain();
    const afterHold = [...events];
    await simulator.capture({ paymentId, orderId: order.orderId });
    await simulator.capture({ paymentId, orderId: order.orderId });
    await simulator.drain();
    // Assess
    expect(held.status).toBe('requires_capture');
    expect(afterHold).toEqual([
      { eventId: expect.stringMatching(/^evt_sim_/), kind: 'authorized', paymentId, orderId: order.orderId, amountFen: 123_456, method: 'card', occurredAt: expect.any(Date) },
    ]);
    expect(events.slice(1)).toEqual([expect.objectContaining({ kind: 'succeeded', paymentId, orderId: order.orderId, amountFen: 123_456 })]);
    expect((await simulator.get(paymentId))?.status).toBe('succeeded');
  });

  it('card without a hold is charged at once', async () => {
    // Prepare
    const { simulator, events } = await simulatorWithWebhook();
    const order = request({ holdCardPayments: false });
    const { paymentId } = await simulator.createPayment(order);
    // Act
    await simulator.complete(paymentId, { method: 'card' });
    await simulator.drain();
    // Assess
    expect(events.map((e) => e.kind)).toEqual(['succeeded']);
  });

  it('Alipay is charged at once: release refuses, releaseOrRefund refunds in full, a repeated refund is a quiet success', async () => {
    // Prepare
    const { simulator, events } = await simulatorWithWebhook();
    const order = request();
    const { paymentId } = await simulator.createPayment(order);
    // Act
    await simulator.complete(paymentId, { method: 'alipay' });
    const release = simulator.release({ paymentId, orderId: order.orderId });
    await expect(release).rejects.toBeInstanceOf(PaymentAlreadyTakenError);
    const undone = await releaseOrRefund(simulator, { paymentId, orderId: order.orderId, amountFen: order.amountFen });
    await simulator.refund({ paymentId, orderId: order.orderId, amountFen: order.amountFen });
    await simulator.drain();
    // Assess
    expect(undone).toBe('refunded');
    expect(events).toEqual([
      expect.objectContaining({ kind: 'succeeded', paymentId, orderId: order.orderId, amountFen: 123_456 }),
      expect.objectContaining({ kind: 'refunded', paymentId, orderId: order.orderId, amountFen: 123_456, method: 'alipay' }),
    ]);
    expect(await simulator.get(paymentId)).toMatchObject({ status: 'refunded', refundedFen: 123_456, method: 'alipay' });
  });

  it('WeChat Pay refunds only in full', async () => {
    // Prepare
    const { simulator } = await simulatorWithWebhook();
    const order = request();
    const { paymentId } = await simulator.createPayment(order);
    await simulator.complete(paymentId, { method: 'wechat_pay' });
    // Act
    const partial = simulator.refund({ paymentId, orderId: order.orderId, amountFen: 100 });
    // Assess
    await expect(partial).rejects.toBeInstanceOf(ValidationError);
    expect((await simulator.get(paymentId))?.status).toBe('succeeded');
  });

  it('a failure is final: failed event, no second attempt, then release cancels it', async () => {
    // Prepare
    const { simulator, events } = await simulatorWithWebhook();
    const order = request();
    const { paymentId } = await simulator.createPayment(order);
    // Act
    await simulator.complete(paymentId, { fail: true });
    const retry = simulator.complete(paymentId, { method: 'alipay' });
    await expect(retry).rejects.toBeInstanceOf(ConflictError);
    await simulator.release({ paymentId, orderId: order.orderId });
    await simulator.drain();
    // Assess
    expect(events).toEqual([
      expect.objectContaining({ kind: 'failed', paymentId, orderId: order.orderId, amountFen: 123_456 }),
      expect.objectContaining({ kind: 'canceled', paymentId, orderId: order.orderId, amountFen: 123_456 }),
    ]);
  });

  it('release cancels an unpaid payment and a hold; it is safe to repeat; a canceled payment cannot be captured', async () => {
    // Prepare
    const { simulator, events } = await simulatorWithWebhook();
    const unpaid = request();
    const held = request();
    const a = await simulator.createPayment(unpaid);
    const b = await simulator.createPayment(held);
    await simulator.complete(b.paymentId, { method: 'card' });
    // Act
    await simulator.release({ paymentId: a.paymentId, orderId: unpaid.orderId });
    await simulator.release({ paymentId: a.paymentId, orderId: unpaid.orderId });
    await simulator.release({ paymentId: b.paymentId, orderId: held.orderId });
    const capture = simulator.capture({ paymentId: b.paymentId, orderId: held.orderId });
    await expect(capture).rejects.toBeInstanceOf(PaymentStateError);
    await simulator.drain();
    // Assess
    expect(events.map((e) => [e.kind, e.orderId])).toEqual([
      ['authorized', held.orderId],
      ['canceled', unpaid.orderId],
      ['canceled', held.orderId],
    ]);
  });

  it('a double click pays once: of two racing completions one wins, the other is a ConflictError, one event is sent', async () => {
    // Prepare
    const { simulator, events } = await simulatorWithWebhook();
    const order = request();
    const { paymentId } = await simulator.createPayment(order);
    // Act
    const results = await Promise.allSettled([simulator.complete(paymentId, { method: 'wechat_pay' }), simulator.complete(paymentId, { method: 'wechat_pay' })]);
    const third = simulator.complete(paymentId, { method: 'card' });
    await expect(third).rejects.toBeInstanceOf(ConflictError);
    await simulator.drain();
    // Assess
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
    expect(events).toHaveLength(1);
  });

  it('refuses operations on an unknown payment or with the id of another order', async () => {
    // Prepare
    const { simulator } = await simulatorWithWebhook();
    const order = request();
    const { paymentId } = await simulator.createPayment(order);
    await simulator.complete(paymentId, { method: 'card' });
    // Act
    const [wrongOrder, unknown] = await Promise.allSettled([
      simulator.capture({ paymentId, orderId: `ord_${ulid()}` }),
      simulator.complete('pi_sim_nothing', { method: 'card' }),
    ]);
    // Assess
    expect(wrongOrder.status === 'rejected' && wrongOrder.reason).toBeInstanceOf(NotFoundError);
    expect(unknown.status === 'rejected' && unknown.reason).toBeInstanceOf(NotFoundError);
    expect(await simulator.get('pi_sim_nothing')).toBeUndefined();
    expect((await simulator.get(paymentId))?.status).toBe('requires_capture');
  });

  it('sends events in Stripe format: PaymentIntent and Charge objects with the order in their metadata', async () => {
    // Prepare
    const { simulator, raw } = await simulatorWithWebhook();
    const order = request({ holdCardPayments: false });
    const { paymentId } = await simulator.createPayment(order);
    // Act
    await simulator.complete(paymentId, { method: 'card' });
    await simulator.drain();
    await simulator.refund({ paymentId, orderId: order.orderId, amountFen: order.amountFen });
    await simulator.drain();
    // Assess
    const metadata = { orderId: order.orderId, buyerAccountId: order.buyerAccountId };
    expect(raw).toEqual([
      expect.objectContaining({
        object: 'event',
        type: 'payment_intent.succeeded',
        livemode: false,
        api_version: Stripe.API_VERSION,
        data: {
          object: expect.objectContaining({ id: paymentId, object: 'payment_intent', amount: 123_456, amount_received: 123_456, currency: 'cny', status: 'succeeded', metadata }),
        },
      }),
      expect.objectContaining({
        type: 'charge.refunded',
        data: {
          object: expect.objectContaining({ object: 'charge', payment_intent: paymentId, amount: 123_456, amount_refunded: 123_456, refunded: true, metadata }),
        },
      }),
    ]);
  });

  it('retries a failed delivery with back-off until it is taken, and gives up after the last attempt', async () => {
    // Prepare: the webhook is down for the first two attempts of every event.
    const attempts = new Map<string, number>();
    const delivered: PaymentEvent[] = [];
    const { simulator, logs } = await simulatorWithWebhook({
      retry: { attempts: 3, baseDelayMs: 5 },
      deliver: async (rawBody, signature) => {
        const id = (JSON.parse(rawBody) as { id: string }).id;
        const attempt = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, attempt);
        if (attempt < 3) throw new Error('webhook unavailable');
        const event = await verifier.verify(rawBody, signature);
        if (event) delivered.push(event);
      },
    });
    const order = request();
    const { paymentId } = await simulator.createPayment(order);
    // Act
    await simulator.complete(paymentId, { method: 'alipay' });
    await simulator.drain();
    // Assess
    expect(delivered.map((e) => e.kind)).toEqual(['succeeded']);
    expect([...attempts.values()]).toEqual([3]);
    expect(logs.map((l) => [l.level, l.attempt])).toEqual([
      ['warn', 1],
      ['warn', 2],
    ]);

    // Prepare: a webhook that never answers.
    const down = await simulatorWithWebhook({ retry: { attempts: 2, baseDelayMs: 5 }, deliver: () => Promise.reject(new Error('down')) });
    const other = request();
    const session = await down.simulator.createPayment(other);
    // Act
    await down.simulator.complete(session.paymentId, { fail: true });
    await down.simulator.drain();
    // Assess
    expect(down.logs.map((l) => l.level)).toEqual(['warn', 'error']);
  });
});
