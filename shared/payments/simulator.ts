import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import Stripe from 'stripe';
import { monotonicFactory } from 'ulidx';
import { z } from 'zod';
import { getItem, parseItem, putNew, type Db } from '../db/dynamo.js';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { Clock } from '../domain/ids.js';
import { PaymentMethod, type PaymentGateway, type PaymentSession } from '../domain/payment.js';
import { PaymentAlreadyTakenError, PaymentStateError } from '../domain/payment.js';
import { STRIPE_PAYMENT_METHOD_TYPES } from './stripe-gateway.js';

/**
 * A stand-in for Stripe on a developer's machine: it keeps payments in the table, moves them through the states of
 * a Stripe PaymentIntent, and sends Stripe-format events signed with the Stripe scheme to the app's webhook, so the
 * webhook route, `stripeEventVerifier` and the use cases run exactly as they do against Stripe.
 */

/**
 * Where a simulated payment stands. The first four are PaymentIntent statuses; `refunded` is the simulator's
 * shorthand for "succeeded, then refunded in full" (Stripe keeps the PaymentIntent `succeeded` and marks the Charge).
 */
export const SimulatedPaymentStatus = z.enum(['requires_payment_method', 'requires_capture', 'succeeded', 'canceled', 'refunded']);
export type SimulatedPaymentStatus = z.infer<typeof SimulatedPaymentStatus>;

/** A payment as the simulator stores it: the PaymentIntent Stripe would keep, reduced to what the events need. */
export const SimulatedPayment = z.object({
  paymentId: z.string(),
  orderId: z.string(),
  buyerAccountId: z.string(),
  amountFen: z.number().int().positive(),
  description: z.string(),
  holdCardPayments: z.boolean(),
  status: SimulatedPaymentStatus,
  /** The method the buyer chose on the pay page; null until then (and for a failure without one). */
  method: PaymentMethod.nullable(),
  /** The buyer's attempt failed. The PaymentIntent stays `requires_payment_method`, but the app treats it as final. */
  failed: z.boolean(),
  refundedFen: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SimulatedPayment = z.infer<typeof SimulatedPayment>;

/** What the buyer did on the pay page. */
export type SimulatedOutcome = { method: PaymentMethod } | { fail: true; method?: PaymentMethod };

export interface PaymentSimulatorDeps {
  db: Db;
  clock: Clock;
  /** Unique suffixes for event ids; monotonic ULIDs unless a test wants its own. */
  ids?: { next(): string };
  /** Hands one delivery to the app's webhook (in-process `app.request` or an HTTP POST); a throw means "retry". */
  deliver: (rawBody: string, signatureHeader: string) => Promise<void>;
  webhookSecret: string;
  /** Prefix of pay-page URLs: '' for same-origin `/pay/…`, or an origin. */
  payPageBase: string;
  /** Delivery attempts per event and the first back-off; each later back-off is four times the one before. */
  retry?: { attempts: number; baseDelayMs: number };
  /** Where failed deliveries are reported; structured JSON on stderr unless given. */
  log?: (entry: Record<string, unknown>) => void;
}

export interface PaymentSimulator extends PaymentGateway {
  /** The payment as stored, or undefined for an unknown id. */
  get(paymentId: string): Promise<SimulatedPayment | undefined>;
  /** What the buyer does on the pay page: pay with a method, or fail. Once only: a second call is a ConflictError. */
  complete(paymentId: string, outcome: SimulatedOutcome): Promise<SimulatedPayment>;
  /** Resolves when every delivery started so far has succeeded or given up (tests, and a clean shutdown). */
  drain(): Promise<void>;
}

/**
 * The simulator's items stand in for Stripe's own database: they are not part of the app's table design
 * (access-patterns.md) and the app never reads them, which is why their key builder lives here rather than in
 * keys.ts. The `SIMPAY#` prefix keeps them apart from every application item.
 */
const simulatedPaymentKey = (paymentId: string) => ({ PK: `SIMPAY#${paymentId}`, SK: '#SIMPAY' });

/**
 * The payment id is derived from the order id, so "one payment per order" is a conditional put on one key and a
 * retried create finds the first payment without any index. `ord_<ULID>` keeps its ULID; any other id is hashed.
 */
export function simulatedPaymentIdFor(orderId: string): string {
  const ulid = /^[a-z]+_([0-9A-HJKMNP-TV-Z]{26})$/.exec(orderId)?.[1];
  return `pi_sim_${ulid ?? createHash('sha256').update(orderId).digest('hex').slice(0, 26)}`;
}

const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 500 };

/** Builds the simulator; it implements the payment port like the Stripe gateway, plus the pay page's operations. */
export function paymentSimulator(deps: PaymentSimulatorDeps): PaymentSimulator {
  const { db, clock } = deps;
  const ulid = monotonicFactory();
  const ids = deps.ids ?? { next: () => ulid(clock.now().getTime()) };
  const retry = deps.retry ?? DEFAULT_RETRY;
  const log = deps.log ?? ((entry) => console.error(JSON.stringify(entry)));
  const inFlight = new Set<Promise<void>>();

  async function get(paymentId: string): Promise<SimulatedPayment | undefined> {
    const item = await getItem(db, simulatedPaymentKey(paymentId));
    return item ? parseItem(SimulatedPayment, item) : undefined;
  }

  async function getOfOrder(paymentId: string, orderId: string): Promise<SimulatedPayment> {
    const payment = await get(paymentId);
    // A payment of another order is as good as missing: the caller mixed up its ids.
    if (!payment || payment.orderId !== orderId) throw new NotFoundError(`No payment ${paymentId} for order ${orderId}`, 'paymentId');
    return payment;
  }

  /**
   * Moves a payment from one of `from` to the values in `set`, as one conditional write: of two racing requests
   * (a double click, a retried capture) exactly one wins. Undefined when the condition failed.
   */
  async function transition(
    paymentId: string,
    condition: { from: SimulatedPaymentStatus[]; orderId?: string; notFailed?: boolean; amountFen?: number },
    set: Partial<Pick<SimulatedPayment, 'status' | 'method' | 'failed' | 'refundedFen'>>,
  ): Promise<SimulatedPayment | undefined> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {};
    const assignments: string[] = [];
    for (const [index, [field, value]] of Object.entries({ ...set, updatedAt: clock.now().toISOString() }).entries()) {
      names[`#f${index}`] = field;
      values[`:v${index}`] = value;
      assignments.push(`#f${index} = :v${index}`);
    }
    const conditions = [`#status IN (${condition.from.map((_, i) => `:from${i}`).join(', ')})`];
    condition.from.forEach((status, i) => (values[`:from${i}`] = status));
    if (condition.orderId !== undefined) {
      conditions.push('orderId = :orderId');
      values[':orderId'] = condition.orderId;
    }
    if (condition.notFailed) {
      conditions.push('failed = :false');
      values[':false'] = false;
    }
    if (condition.amountFen !== undefined) {
      conditions.push('amountFen = :amountFen');
      values[':amountFen'] = condition.amountFen;
    }
    try {
      const result = await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: simulatedPaymentKey(paymentId),
          UpdateExpression: `SET ${assignments.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return parseItem(SimulatedPayment, result.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Sends an event after the write that caused it, without making the caller wait for the webhook. */
  function emit(type: string, object: Record<string, unknown>): void {
    const event = {
      id: `evt_sim_${ids.next()}`,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(clock.now().getTime() / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const payload = JSON.stringify(event);
    const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => deliverWithRetries(event.id, type, payload));
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
  }

  /**
   * Delivers like Stripe: at least once, retrying failures with growing back-off, each attempt signed afresh with
   * the wall-clock time (as Stripe signs at send time, so a retry is not rejected as old). Unlike Stripe's three
   * days, it gives up after a few attempts: a developer's app that is down should not be hammered for long.
   */
  async function deliverWithRetries(eventId: string, type: string, payload: string): Promise<void> {
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      try {
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: deps.webhookSecret, timestamp: Math.floor(clock.now().getTime() / 1000) });
        await deps.deliver(payload, signature);
        return;
      } catch (error) {
        const last = attempt === retry.attempts;
        log({
          level: last ? 'error' : 'warn',
          message: last ? 'Simulated payment event not delivered; giving up' : 'Simulated payment event delivery failed; will retry',
          eventId,
          type,
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
        if (last) return;
        await new Promise((resolve) => setTimeout(resolve, retry.baseDelayMs * 4 ** (attempt - 1)).unref());
      }
    }
  }

  return {
    get,

    async createPayment(request): Promise<PaymentSession> {
      if (!Number.isSafeInteger(request.amountFen) || request.amountFen <= 0) {
        throw new ValidationError('A payment must be a positive whole number of fen', 'amountFen');
      }
      const now = clock.now().toISOString();
      const payment: SimulatedPayment = {
        paymentId: simulatedPaymentIdFor(request.orderId),
        orderId: request.orderId,
        buyerAccountId: request.buyerAccountId,
        amountFen: request.amountFen,
        description: request.description,
        holdCardPayments: request.holdCardPayments,
        status: 'requires_payment_method',
        method: null,
        failed: false,
        refundedFen: 0,
        createdAt: now,
        updatedAt: now,
      };
      let stored = payment;
      try {
        await putNew(db, { ...simulatedPaymentKey(payment.paymentId), entity: 'SimulatedPayment', ...payment }, 'A simulated payment');
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // The order already has its payment: a retry gets it back, as Stripe answers a reused idempotency key.
        stored = await getOfOrder(payment.paymentId, request.orderId);
        if (stored.amountFen !== request.amountFen) {
          throw new ConflictError(`A payment for order ${request.orderId} was already created with a different amount`);
        }
      }
      return {
        provider: 'simulator',
        paymentId: stored.paymentId,
        clientSecret: null,
        payUrl: `${deps.payPageBase}/pay/${encodeURIComponent(stored.paymentId)}`,
        amountFen: stored.amountFen,
        currency: 'cny',
      };
    },

    async complete(paymentId, outcome) {
      const current = await get(paymentId);
      if (!current) throw new NotFoundError(`No payment ${paymentId}`, 'paymentId');
      const open = { from: ['requires_payment_method' as const], notFailed: true };
      if ('fail' in outcome) {
        const failed = await transition(paymentId, open, { failed: true, method: outcome.method ?? null });
        if (!failed) throw alreadyCompleted(await get(paymentId), paymentId);
        emit('payment_intent.payment_failed', paymentIntentObject(failed));
        return failed;
      }
      const holds = outcome.method === 'card' && current.holdCardPayments;
      const paid = await transition(paymentId, open, { status: holds ? 'requires_capture' : 'succeeded', method: outcome.method });
      if (!paid) throw alreadyCompleted(await get(paymentId), paymentId);
      emit(holds ? 'payment_intent.amount_capturable_updated' : 'payment_intent.succeeded', paymentIntentObject(paid));
      return paid;
    },

    async capture({ paymentId, orderId }) {
      const captured = await transition(paymentId, { from: ['requires_capture'], orderId }, { status: 'succeeded' });
      if (captured) {
        emit('payment_intent.succeeded', paymentIntentObject(captured));
        return;
      }
      const payment = await getOfOrder(paymentId, orderId);
      // Captured before (a retry), or captured and since refunded: the capture itself happened once.
      if (payment.status === 'succeeded' || payment.status === 'refunded') return;
      throw new PaymentStateError(paymentId, payment.status, 'capture');
    },

    async release({ paymentId, orderId }) {
      const canceled = await transition(paymentId, { from: ['requires_payment_method', 'requires_capture'], orderId }, { status: 'canceled' });
      if (canceled) {
        emit('payment_intent.canceled', paymentIntentObject(canceled));
        return;
      }
      const payment = await getOfOrder(paymentId, orderId);
      if (payment.status === 'canceled') return;
      if (payment.status === 'succeeded' || payment.status === 'refunded') throw new PaymentAlreadyTakenError(paymentId);
      throw new PaymentStateError(paymentId, payment.status, 'release');
    },

    async refund({ paymentId, orderId, amountFen }) {
      const refunded = await transition(paymentId, { from: ['succeeded'], orderId, amountFen }, { status: 'refunded', refundedFen: amountFen });
      if (refunded) {
        emit('charge.refunded', chargeObject(refunded));
        return;
      }
      const payment = await getOfOrder(paymentId, orderId);
      if (payment.status === 'refunded') return;
      if (payment.status === 'succeeded') {
        throw new ValidationError(`Refunds are in full: ${payment.amountFen} fen, not ${amountFen}`, 'amountFen');
      }
      throw new PaymentStateError(paymentId, payment.status, 'refund');
    },

    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

function alreadyCompleted(payment: SimulatedPayment | undefined, paymentId: string): Error {
  if (!payment) return new NotFoundError(`No payment ${paymentId}`, 'paymentId');
  return new ConflictError(`Payment ${paymentId} was already completed (${payment.failed ? 'failed' : payment.status})`);
}

/** Ids of the PaymentIntent's PaymentMethod and Charge, derived so every event about one payment names the same. */
function relatedIds(payment: SimulatedPayment) {
  const suffix = payment.paymentId.replace(/^pi_sim_/, '');
  return { paymentMethodId: `pm_sim_${suffix}`, chargeId: `ch_sim_${suffix}` };
}

/**
 * The PaymentIntent as a Stripe webhook shows it: related objects (PaymentMethod, Charge) by id only, as Stripe
 * never expands them in events, so the verifier gets no more from the simulator than it would from Stripe.
 */
function paymentIntentObject(payment: SimulatedPayment): Record<string, unknown> {
  const { paymentMethodId, chargeId } = relatedIds(payment);
  const taken = payment.status === 'succeeded' || payment.status === 'refunded';
  const attempted = payment.method !== null || payment.failed;
  return {
    id: payment.paymentId,
    object: 'payment_intent',
    amount: payment.amountFen,
    amount_capturable: payment.status === 'requires_capture' ? payment.amountFen : 0,
    amount_received: taken ? payment.amountFen : 0,
    currency: 'cny',
    status: payment.status === 'refunded' ? 'succeeded' : payment.status,
    capture_method: 'automatic_async',
    payment_method_options: payment.holdCardPayments ? { card: { capture_method: 'manual' } } : {},
    allowed_payment_method_types: [...STRIPE_PAYMENT_METHOD_TYPES],
    payment_method_types: [...STRIPE_PAYMENT_METHOD_TYPES],
    // A failed attempt detaches its PaymentMethod (Stripe puts it in `last_payment_error` instead).
    payment_method: payment.method && !payment.failed ? paymentMethodId : null,
    latest_charge: attempted ? chargeId : null,
    last_payment_error: payment.failed ? paymentError(payment, paymentMethodId) : null,
    cancellation_reason: payment.status === 'canceled' ? 'requested_by_customer' : null,
    canceled_at: payment.status === 'canceled' ? epochSeconds(payment.updatedAt) : null,
    client_secret: null,
    created: epochSeconds(payment.createdAt),
    description: payment.description,
    livemode: false,
    metadata: { orderId: payment.orderId, buyerAccountId: payment.buyerAccountId },
  };
}

function paymentError(payment: SimulatedPayment, paymentMethodId: string): Record<string, unknown> {
  const card = payment.method === 'card';
  return {
    type: card ? 'card_error' : 'invalid_request_error',
    code: card ? 'card_declined' : 'payment_method_provider_decline',
    ...(card ? { decline_code: 'generic_decline' } : {}),
    message: '模拟失败 Simulated failure',
    ...(payment.method ? { payment_method: { id: paymentMethodId, object: 'payment_method', type: payment.method } } : {}),
  };
}

/** The Charge as `charge.refunded` shows it, with the PaymentIntent's metadata that Stripe copies onto Charges. */
function chargeObject(payment: SimulatedPayment): Record<string, unknown> {
  const { paymentMethodId, chargeId } = relatedIds(payment);
  return {
    id: chargeId,
    object: 'charge',
    amount: payment.amountFen,
    amount_captured: payment.amountFen,
    amount_refunded: payment.refundedFen,
    captured: true,
    paid: true,
    refunded: payment.refundedFen === payment.amountFen,
    status: 'succeeded',
    currency: 'cny',
    created: epochSeconds(payment.createdAt),
    description: payment.description,
    livemode: false,
    payment_intent: payment.paymentId,
    payment_method: paymentMethodId,
    payment_method_details: payment.method ? { type: payment.method } : null,
    metadata: { orderId: payment.orderId, buyerAccountId: payment.buyerAccountId },
  };
}

function epochSeconds(iso: string): number {
  return Math.floor(new Date(iso).getTime() / 1000);
}
