import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../../shared/domain/errors.js';
import { PaymentAlreadyTakenError, PaymentStateError, releaseOrRefund } from '../../../../shared/domain/payment.js';
import { stripeGateway } from '../../../../shared/payments/stripe-gateway.js';

/** One request as the fake Stripe received it. */
interface Recorded {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  form: Record<string, string>;
}

type Answer = { status: number; body: unknown };

/**
 * A tiny stand-in for api.stripe.com: records every request and answers from a queue of scripted answers
 * (first matching `METHOD path` wins and is consumed), so the real Stripe client runs over real HTTP.
 */
class FakeStripeApi {
  readonly requests: Recorded[] = [];
  private answers: { route: string; answer: Answer }[] = [];
  private server: Server | undefined;

  answer(route: string, answer: Answer) {
    this.answers.push({ route, answer });
  }

  reset() {
    this.requests.length = 0;
    this.answers = [];
  }

  async start(): Promise<number> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const path = req.url ?? '';
        const key = req.headers['idempotency-key'];
        this.requests.push({
          method: req.method ?? '',
          path,
          idempotencyKey: typeof key === 'string' ? key : undefined,
          form: Object.fromEntries(new URLSearchParams(body)),
        });
        const index = this.answers.findIndex((a) => a.route === `${req.method} ${path}`);
        const answer = index >= 0 ? this.answers.splice(index, 1)[0]?.answer : undefined;
        res.writeHead(answer?.status ?? 500, { 'content-type': 'application/json', 'request-id': `req_${this.requests.length}` });
        res.end(JSON.stringify(answer?.body ?? { error: { type: 'api_error', message: `No scripted answer for ${req.method} ${path}` } }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop() {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const ORDER = 'ord_01JD5Z6Q8V9X0Y1Z2A3B4C5D6E';
const api = new FakeStripeApi();
let gateway: ReturnType<typeof stripeGateway>;

function intent(status: string, overrides: Record<string, unknown> = {}) {
  return { id: 'pi_1', object: 'payment_intent', amount: 123_456, currency: 'cny', status, client_secret: 'pi_1_secret_abc', metadata: { orderId: ORDER }, ...overrides };
}

function unexpectedState(status: string): Answer {
  return {
    status: 400,
    body: { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `This PaymentIntent's status is ${status}.`, payment_intent: intent(status) } },
  };
}

beforeAll(async () => {
  const port = await api.start();
  gateway = stripeGateway(new Stripe('sk_test_x', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false }));
});
afterAll(() => api.stop());
beforeEach(() => api.reset());

describe('stripeGateway.createPayment', () => {
  it('creates a CNY PaymentIntent for card, Alipay and WeChat Pay that holds card payments, keyed by the order', async () => {
    // Prepare
    api.answer('POST /v1/payment_intents', { status: 200, body: intent('requires_payment_method') });
    // Act
    const session = await gateway.createPayment({ orderId: ORDER, amountFen: 123_456, description: '龙泉村 桃子 ×3', holdCardPayments: true, buyerAccountId: 'acc_1' });
    // Assess
    expect(session).toEqual({ provider: 'stripe', paymentId: 'pi_1', clientSecret: 'pi_1_secret_abc', payUrl: null, amountFen: 123_456, currency: 'cny' });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.idempotencyKey).toBe(`payment:${ORDER}`);
    expect(api.requests[0]?.form).toEqual({
      amount: '123456',
      currency: 'cny',
      'allowed_payment_method_types[0]': 'card',
      'allowed_payment_method_types[1]': 'alipay',
      'allowed_payment_method_types[2]': 'wechat_pay',
      'payment_method_options[card][capture_method]': 'manual',
      'metadata[orderId]': ORDER,
      'metadata[buyerAccountId]': 'acc_1',
      description: '龙泉村 桃子 ×3',
    });
  });

  it('sends no capture option when card payments are not held', async () => {
    // Prepare
    api.answer('POST /v1/payment_intents', { status: 200, body: intent('requires_payment_method') });
    // Act
    await gateway.createPayment({ orderId: ORDER, amountFen: 100, description: 'x', holdCardPayments: false, buyerAccountId: 'acc_1' });
    // Assess
    expect(Object.keys(api.requests[0]?.form ?? {}).filter((key) => key.startsWith('payment_method_options'))).toEqual([]);
  });

  it('turns a reused idempotency key with other details into a ConflictError', async () => {
    // Prepare
    api.answer('POST /v1/payment_intents', { status: 400, body: { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' } } });
    // Act
    const attempt = gateway.createPayment({ orderId: ORDER, amountFen: 999, description: 'x', holdCardPayments: true, buyerAccountId: 'acc_1' });
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('stripeGateway.capture', () => {
  it('captures with an idempotency key of the order', async () => {
    // Prepare
    api.answer('POST /v1/payment_intents/pi_1/capture', { status: 200, body: intent('succeeded') });
    // Act
    await gateway.capture({ paymentId: 'pi_1', orderId: ORDER });
    // Assess
    expect(api.requests.map((r) => [r.method, r.path, r.idempotencyKey])).toEqual([['POST', '/v1/payment_intents/pi_1/capture', `capture:${ORDER}`]]);
  });

  it('treats "already captured" as success after reading the PaymentIntent afresh', async () => {
    // Prepare
    api.answer('POST /v1/payment_intents/pi_1/capture', unexpectedState('succeeded'));
    api.answer('GET /v1/payment_intents/pi_1', { status: 200, body: intent('succeeded') });
    // Act
    await gateway.capture({ paymentId: 'pi_1', orderId: ORDER });
    // Assess
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/payment_intents/pi_1/capture', 'GET /v1/payment_intents/pi_1']);
  });

  it('captures once more under a state-qualified key when the refusal was a stale replay and the hold is now there', async () => {
    // Prepare: Stripe replays the refusal stored under `capture:<order>`, yet the PaymentIntent now holds money.
    api.answer('POST /v1/payment_intents/pi_1/capture', unexpectedState('requires_payment_method'));
    api.answer('GET /v1/payment_intents/pi_1', { status: 200, body: intent('requires_capture') });
    api.answer('POST /v1/payment_intents/pi_1/capture', { status: 200, body: intent('succeeded') });
    // Act
    await gateway.capture({ paymentId: 'pi_1', orderId: ORDER });
    // Assess
    expect(api.requests.map((r) => r.idempotencyKey)).toEqual([`capture:${ORDER}`, undefined, `capture:${ORDER}:requires_capture`]);
  });

  it('refuses to capture a canceled payment', async () => {
    // Prepare
    api.answer('POST /v1/payment_intents/pi_1/capture', unexpectedState('canceled'));
    api.answer('GET /v1/payment_intents/pi_1', { status: 200, body: intent('canceled') });
    // Act
    const attempt = gateway.capture({ paymentId: 'pi_1', orderId: ORDER });
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(PaymentStateError);
  });
});

describe('stripeGateway.release', () => {
  it('cancels with an idempotency key of the order', async () => {
    // Prepare
    api.answer('POST /v1/payment_intents/pi_1/cancel', { status: 200, body: intent('canceled') });
    // Act
    await gateway.release({ paymentId: 'pi_1', orderId: ORDER });
    // Assess
    expect(api.requests.map((r) => [r.method, r.path, r.idempotencyKey])).toEqual([['POST', '/v1/payment_intents/pi_1/cancel', `release:${ORDER}`]]);
  });

  it('treats "already canceled" as success', async () => {
    // Prepare
    api.answer('POST /v1/payment_intents/pi_1/cancel', unexpectedState('canceled'));
    api.answer('GET /v1/payment_intents/pi_1', { status: 200, body: intent('canceled') });
    // Act
    const attempt = gateway.release({ paymentId: 'pi_1', orderId: ORDER });
    // Assess
    await expect(attempt).resolves.toBeUndefined();
  });

  it('does not pretend to release a payment already charged, and releaseOrRefund refunds it instead', async () => {
    // Prepare: a WeChat Pay payment charged at once cannot be canceled.
    for (let i = 0; i < 2; i++) {
      api.answer('POST /v1/payment_intents/pi_1/cancel', unexpectedState('succeeded'));
      api.answer('GET /v1/payment_intents/pi_1', { status: 200, body: intent('succeeded') });
    }
    api.answer('POST /v1/refunds', { status: 200, body: { id: 're_1', object: 'refund', amount: 123_456, status: 'succeeded' } });
    // Act
    const release = gateway.release({ paymentId: 'pi_1', orderId: ORDER });
    await expect(release).rejects.toBeInstanceOf(PaymentAlreadyTakenError);
    const undone = await releaseOrRefund(gateway, { paymentId: 'pi_1', orderId: ORDER, amountFen: 123_456 });
    // Assess
    expect(undone).toBe('refunded');
    expect(api.requests.at(-1)).toMatchObject({ path: '/v1/refunds', idempotencyKey: `refund:${ORDER}` });
  });
});

describe('stripeGateway.refund', () => {
  it('refunds the PaymentIntent in full with an idempotency key of the order', async () => {
    // Prepare
    api.answer('POST /v1/refunds', { status: 200, body: { id: 're_1', object: 'refund', amount: 123_456, status: 'succeeded' } });
    // Act
    await gateway.refund({ paymentId: 'pi_1', orderId: ORDER, amountFen: 123_456 });
    // Assess
    expect(api.requests[0]?.idempotencyKey).toBe(`refund:${ORDER}`);
    expect(api.requests[0]?.form).toEqual({ payment_intent: 'pi_1', amount: '123456', 'metadata[orderId]': ORDER });
  });

  it('treats "already refunded" as success, and lets other refusals through', async () => {
    // Prepare
    api.answer('POST /v1/refunds', { status: 400, body: { error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge ch_1 has already been refunded.' } } });
    api.answer('POST /v1/refunds', { status: 400, body: { error: { type: 'invalid_request_error', code: 'charge_disputed', message: 'Charge ch_1 is disputed.' } } });
    // Act
    const again = gateway.refund({ paymentId: 'pi_1', orderId: ORDER, amountFen: 123_456 });
    await expect(again).resolves.toBeUndefined();
    const disputed = gateway.refund({ paymentId: 'pi_1', orderId: ORDER, amountFen: 123_456 });
    // Assess
    await expect(disputed).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});
