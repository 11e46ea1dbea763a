import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors.js';
import { stripeEventVerifier } from '../../../../shared/payments/stripe-events.js';

const SECRET = 'whsec_test_events';
const stripe = new Stripe('sk_test_events');
const verifier = stripeEventVerifier(stripe, SECRET);
const ORDER = 'ord_01JD5Z6Q8V9X0Y1Z2A3B4C5D6E';
const CREATED = 1_795_000_000;

function intent(overrides: Record<string, unknown> = {}) {
  return {
    id: 'pi_123',
    object: 'payment_intent',
    amount: 123_456,
    amount_capturable: 0,
    amount_received: 0,
    currency: 'cny',
    status: 'requires_payment_method',
    capture_method: 'automatic_async',
    payment_method: null,
    latest_charge: null,
    last_payment_error: null,
    payment_method_types: ['card', 'alipay', 'wechat_pay'],
    metadata: { orderId: ORDER, buyerAccountId: 'acc_1' },
    ...overrides,
  };
}

function event(type: string, object: Record<string, unknown>, id = `evt_${type}`) {
  return JSON.stringify({ id, object: 'event', api_version: Stripe.API_VERSION, created: CREATED, data: { object }, livemode: false, type });
}

function sign(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, timestamp: options.timestamp });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('stripeEventVerifier', () => {
  it.each([
    {
      type: 'payment_intent.amount_capturable_updated',
      object: intent({ status: 'requires_capture', amount_capturable: 123_456, payment_method: 'pm_1' }),
      expected: { kind: 'authorized', amountFen: 123_456, method: 'card' },
    },
    {
      type: 'payment_intent.succeeded',
      object: intent({ status: 'succeeded', amount_received: 123_456, payment_method: 'pm_1', latest_charge: 'ch_1' }),
      expected: { kind: 'succeeded', amountFen: 123_456, method: undefined },
    },
    {
      type: 'payment_intent.payment_failed',
      object: intent({ last_payment_error: { type: 'card_error', code: 'card_declined', payment_method: { id: 'pm_1', object: 'payment_method', type: 'wechat_pay' } } }),
      expected: { kind: 'failed', amountFen: 123_456, method: 'wechat_pay' },
    },
    {
      type: 'payment_intent.canceled',
      object: intent({ status: 'canceled', cancellation_reason: 'requested_by_customer' }),
      expected: { kind: 'canceled', amountFen: 123_456, method: undefined },
    },
  ])('maps a signed $type', async ({ type, object, expected }) => {
    // Prepare
    const payload = event(type, object);
    // Act
    const mapped = await verifier.verify(payload, sign(payload));
    // Assess
    expect(mapped).toEqual({ eventId: `evt_${type}`, paymentId: 'pi_123', orderId: ORDER, occurredAt: new Date(CREATED * 1000), ...expected });
  });

  it('maps a full refund from charge.refunded, finding the order in the metadata Stripe copied from the PaymentIntent', async () => {
    // Prepare
    const charge = {
      id: 'ch_1',
      object: 'charge',
      amount: 5_000,
      amount_captured: 5_000,
      amount_refunded: 5_000,
      refunded: true,
      currency: 'cny',
      payment_intent: 'pi_123',
      payment_method_details: { type: 'alipay' },
      metadata: { orderId: ORDER, buyerAccountId: 'acc_1' },
    };
    const payload = event('charge.refunded', charge);
    // Act
    const mapped = await verifier.verify(payload, sign(payload));
    // Assess
    expect(mapped).toEqual({
      eventId: 'evt_charge.refunded',
      kind: 'refunded',
      paymentId: 'pi_123',
      orderId: ORDER,
      amountFen: 5_000,
      method: 'alipay',
      occurredAt: new Date(CREATED * 1000),
    });
  });

  it('ignores genuine events it does not act on: other types, partial refunds, released holds, payments not of ours', async () => {
    // Prepare
    const payloads = [
      event('payment_intent.created', intent()),
      event('customer.created', { id: 'cus_1', object: 'customer', metadata: {} }),
      event('charge.refunded', { id: 'ch_1', object: 'charge', amount: 5_000, amount_refunded: 1_000, refunded: false, currency: 'cny', payment_intent: 'pi_1', metadata: { orderId: ORDER } }),
      event('payment_intent.amount_capturable_updated', intent({ status: 'canceled', amount_capturable: 0 })),
      event('payment_intent.succeeded', intent({ status: 'succeeded', amount_received: 100, metadata: {} })),
      event('payment_intent.succeeded', intent({ status: 'succeeded', amount_received: 100, currency: 'usd' })),
    ];
    // Act
    const mapped = await Promise.all(payloads.map((payload) => verifier.verify(payload, sign(payload))));
    // Assess
    expect(mapped).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('rejects a tampered body, a wrong secret, a signature older than five minutes and a missing header', async () => {
    // Prepare
    const payload = event('payment_intent.succeeded', intent({ status: 'succeeded', amount_received: 123_456 }));
    const tampered = payload.replace('123456', '1');
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    // Act
    const errors = await Promise.all([
      rejection(verifier.verify(tampered, sign(payload))),
      rejection(verifier.verify(payload, sign(payload, { secret: 'whsec_someone_else' }))),
      rejection(verifier.verify(payload, sign(payload, { timestamp: sixMinutesAgo }))),
      rejection(verifier.verify(payload, undefined)),
      rejection(verifier.verify(payload, 'garbage')),
    ]);
    // Assess
    for (const error of errors) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('Stripe-Signature');
    }
  });

  it('accepts a signature four minutes old, and measures age by the injected clock when given one', async () => {
    // Prepare
    const payload = event('payment_intent.canceled', intent({ status: 'canceled' }));
    const now = Math.floor(Date.now() / 1000);
    const lateClock = { now: () => new Date((now + 10 * 60) * 1000) };
    // Act
    const fresh = await verifier.verify(payload, sign(payload, { timestamp: now - 4 * 60 }));
    const late = await rejection(stripeEventVerifier(stripe, SECRET, { clock: lateClock }).verify(payload, sign(payload, { timestamp: now })));
    // Assess
    expect(fresh?.kind).toBe('canceled');
    expect(late).toBeInstanceOf(ValidationError);
  });

  it('refuses to start without a secret or with a tolerance that would disable the age check', () => {
    expect(() => stripeEventVerifier(stripe, ' ')).toThrow(/secret/);
    expect(() => stripeEventVerifier(stripe, SECRET, { toleranceSeconds: 0 })).toThrow(/tolerance/);
  });
});
