import { z } from 'zod';
import { ConflictError } from './errors.js';

/**
 * The payment port: what use cases need from a payment provider, in the provider's neutral terms.
 * Stripe implements it in production; the local simulator implements it with the same event format,
 * so the webhook route and the use cases run one code path in both worlds.
 */

export const PaymentMethod = z.enum(['card', 'alipay', 'wechat_pay']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** A payment the buyer still has to complete in the provider's UI. */
export const PaymentSession = z.object({
  provider: z.enum(['stripe', 'simulator']),
  /** The provider's id (Stripe PaymentIntent id `pi_…`). */
  paymentId: z.string(),
  /** For Stripe.js / Payment Element; null for the simulator. */
  clientSecret: z.string().nullable(),
  /** Where the buyer pays: the simulator's pay page; null with Stripe (the web app mounts Stripe.js). */
  payUrl: z.string().nullable(),
  amountFen: z.number().int(),
  currency: z.literal('cny'),
});
export type PaymentSession = z.infer<typeof PaymentSession>;

export interface PaymentRequest {
  /**
   * The payable's id: an order (`ord_…`) or a buyback settlement (`bbs_…`); events carry it back, and its prefix
   * routes them. Also the idempotency key, so a retried create returns the same payment.
   */
  orderId: string;
  amountFen: number;
  description: string;
  /** Card payments only authorise (a hold) and are captured later; wallets that cannot hold are charged. */
  holdCardPayments: boolean;
  buyerAccountId: string;
}

/**
 * A verified provider event, already mapped to what it means for an order.
 * - `authorized`: money is held (card, manual capture) and can be captured or released;
 * - `succeeded`: money is taken;
 * - `failed` / `canceled`: no money moved and none will;
 * - `refunded`: money went back (in full).
 */
export interface PaymentEvent {
  eventId: string;
  kind: 'authorized' | 'succeeded' | 'failed' | 'canceled' | 'refunded';
  paymentId: string;
  orderId: string;
  amountFen: number;
  method: PaymentMethod | undefined;
  occurredAt: Date;
}

export interface PaymentGateway {
  /** Creates (or, for the same order, returns again) the payment the buyer completes. */
  createPayment(request: PaymentRequest): Promise<PaymentSession>;
  /** Captures a held payment in full. Safe to repeat. */
  capture(input: { paymentId: string; orderId: string }): Promise<void>;
  /** Cancels a payment that is held or not yet made: the hold is released, nothing is charged. Safe to repeat. */
  release(input: { paymentId: string; orderId: string }): Promise<void>;
  /** Refunds a taken payment in full. Safe to repeat: one refund per order whatever the retries. */
  refund(input: { paymentId: string; orderId: string; amountFen: number }): Promise<void>;
}

/** Verifies a webhook delivery on its raw body and maps it; throws ValidationError when it is not genuine. */
export interface PaymentEventVerifier {
  /** Returns undefined for genuine events of types Village Link does not act on. */
  verify(rawBody: string, signatureHeader: string | undefined): Promise<PaymentEvent | undefined>;
}

/**
 * `release` was asked of a payment whose money was already taken: a wallet (Alipay, WeChat Pay) charges at once
 * and cannot hold, so there is no hold to release. The caller must refund instead — silently "releasing" would
 * keep the buyer's money while the order says it was never taken.
 */
export class PaymentAlreadyTakenError extends ConflictError {
  constructor(readonly paymentId: string) {
    super(`Payment ${paymentId} was already charged, so there is no hold to release; refund it instead`);
  }
}

/** The payment's state forbids the operation (capturing a canceled payment, refunding one never paid). */
export class PaymentStateError extends ConflictError {
  constructor(
    readonly paymentId: string,
    /** The provider's status when the operation was refused (`canceled`, `processing`, …). */
    readonly status: string,
    operation: 'capture' | 'release' | 'refund',
  ) {
    super(`Cannot ${operation} payment ${paymentId}: its status is ${status}`);
  }
}

/**
 * Undoes a payment whatever became of it: releases a hold or an unpaid payment, and refunds in full one whose
 * money was already taken. Safe to repeat: both operations are idempotent per order.
 */
export async function releaseOrRefund(
  gateway: PaymentGateway,
  input: { paymentId: string; orderId: string; amountFen: number },
): Promise<'released' | 'refunded'> {
  try {
    await gateway.release({ paymentId: input.paymentId, orderId: input.orderId });
    return 'released';
  } catch (error) {
    if (!(error instanceof PaymentAlreadyTakenError)) throw error;
    await gateway.refund(input);
    return 'refunded';
  }
}
