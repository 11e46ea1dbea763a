import Stripe from 'stripe';
import { ConflictError } from '../domain/errors.js';
import type { PaymentGateway, PaymentSession } from '../domain/payment.js';
import { PaymentAlreadyTakenError, PaymentStateError } from '../domain/payment.js';

/** The methods a buyer may pay with; Stripe offers those the account has activated and the currency allows. */
export const STRIPE_PAYMENT_METHOD_TYPES = ['card', 'alipay', 'wechat_pay'] as const;

/**
 * The payment port on Stripe PaymentIntents.
 *
 * Every POST carries an idempotency key derived from the order, so a retried call (a Lambda retry, a double
 * click) can never create, capture or refund twice. Stripe keeps a key's result for 24 hours: an order must not
 * be paid for later than that after its first `createPayment`, or a second PaymentIntent would be created.
 */
export function stripeGateway(stripe: Stripe): PaymentGateway {
  /**
   * Runs a state-changing call and, when Stripe refuses it because of the PaymentIntent's state, reads the
   * PaymentIntent afresh and lets `decide` say whether the goal is already reached.
   *
   * The read is needed even though the error carries a `payment_intent`: Stripe stores a refused request's answer
   * under its idempotency key and replays it for 24 hours, so that snapshot may be stale. When the fresh state
   * shows the call would now succeed (the replayed refusal was from an earlier state), it is made once more under
   * a key qualified by that state — the PaymentIntent's own state machine still forbids doing it twice.
   */
  async function changeState(
    operation: 'capture' | 'release',
    paymentId: string,
    idempotencyKey: string,
    call: (idempotencyKey: string) => Promise<unknown>,
    decide: (status: Stripe.PaymentIntent.Status) => 'done' | 'retry' | Error,
  ): Promise<void> {
    let key = idempotencyKey;
    for (let attempt = 1; ; attempt++) {
      try {
        await call(key);
        return;
      } catch (error) {
        if (!isUnexpectedState(error)) throw error;
        const intent = await stripe.paymentIntents.retrieve(paymentId);
        const verdict = decide(intent.status);
        if (verdict === 'done') return;
        if (verdict instanceof Error) throw verdict;
        if (attempt >= 2) throw new PaymentStateError(paymentId, intent.status, operation);
        key = `${idempotencyKey}:${intent.status}`;
      }
    }
  }

  return {
    async createPayment(request): Promise<PaymentSession> {
      let intent: Stripe.PaymentIntent;
      try {
        intent = await stripe.paymentIntents.create(
          {
            amount: request.amountFen,
            currency: 'cny',
            // stripe-node 23 (API 2026-09-30.endive) no longer accepts `payment_method_types` on create; this is its
            // successor. The PaymentIntent object still reports the usable subset as `payment_method_types`.
            allowed_payment_method_types: [...STRIPE_PAYMENT_METHOD_TYPES],
            // Only cards can hold; Alipay and WeChat Pay have no manual capture and charge at once.
            ...(request.holdCardPayments ? { payment_method_options: { card: { capture_method: 'manual' } } } : {}),
            // Stripe copies this onto the Charge when the PaymentIntent is confirmed: charge events find the order by it.
            metadata: { orderId: request.orderId, buyerAccountId: request.buyerAccountId },
            description: request.description,
          },
          { idempotencyKey: `payment:${request.orderId}` },
        );
      } catch (error) {
        if (error instanceof Stripe.errors.StripeIdempotencyError) {
          throw new ConflictError(`A payment for order ${request.orderId} was already created with different details`);
        }
        throw error;
      }
      if (!intent.client_secret) throw new Error(`Stripe returned PaymentIntent ${intent.id} without a client secret`);
      return {
        provider: 'stripe',
        paymentId: intent.id,
        clientSecret: intent.client_secret,
        payUrl: null,
        amountFen: intent.amount,
        currency: 'cny',
      };
    },

    async capture({ paymentId, orderId }) {
      await changeState(
        'capture',
        paymentId,
        `capture:${orderId}`,
        (idempotencyKey) => stripe.paymentIntents.capture(paymentId, {}, { idempotencyKey }),
        (status) => (status === 'succeeded' ? 'done' : status === 'requires_capture' ? 'retry' : new PaymentStateError(paymentId, status, 'capture')),
      );
    },

    async release({ paymentId, orderId }) {
      await changeState(
        'release',
        paymentId,
        `release:${orderId}`,
        (idempotencyKey) => stripe.paymentIntents.cancel(paymentId, {}, { idempotencyKey }),
        (status) => {
          if (status === 'canceled') return 'done';
          // A wallet payment (or a captured card) took the money: the caller must refund, not believe it released.
          if (status === 'succeeded') return new PaymentAlreadyTakenError(paymentId);
          if (CANCELABLE.has(status)) return 'retry';
          // `processing`: the money is in flight; the outcome's event will tell, and the caller retries then.
          return new PaymentStateError(paymentId, status, 'release');
        },
      );
    },

    async refund({ paymentId, orderId, amountFen }) {
      try {
        await stripe.refunds.create(
          // Refund metadata is not copied onto the Charge, so `charge.refunded` does not rely on it; it is there
          // for people reading the Dashboard.
          { payment_intent: paymentId, amount: amountFen, metadata: { orderId } },
          { idempotencyKey: `refund:${orderId}` },
        );
      } catch (error) {
        // Refunded already (by an earlier call whose answer was lost, or from the Dashboard): the goal is reached.
        if (error instanceof Stripe.errors.StripeError && error.code === 'charge_already_refunded') return;
        throw error;
      }
    },
  };
}

/** The states from which Stripe lets a PaymentIntent be canceled. */
const CANCELABLE = new Set<string>(['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action']);

function isUnexpectedState(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'payment_intent_unexpected_state';
}
