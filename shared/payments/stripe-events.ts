import Stripe from 'stripe';
import { ValidationError } from '../domain/errors.js';
import type { Clock } from '../domain/ids.js';
import { PaymentMethod, type PaymentEvent, type PaymentEventVerifier } from '../domain/payment.js';

export interface StripeEventVerifierOptions {
  /** Oldest signature accepted, in seconds; Stripe's own default, 300, unless set. Must be positive. */
  toleranceSeconds?: number;
  /** "Now" for the signature's age; the wall clock unless a test moves time by hand. */
  clock?: Clock;
}

/**
 * Verifies Stripe webhook deliveries on the raw body (a re-serialised body would no longer match its signature)
 * and maps the events Village Link acts on. The local simulator signs its events with the same scheme, so this
 * one verifier serves both worlds.
 */
export function stripeEventVerifier(stripe: Stripe, webhookSecret: string, options: StripeEventVerifierOptions = {}): PaymentEventVerifier {
  // Fail at start-up, not on the first delivery: an empty secret is a deployment mistake.
  if (!webhookSecret.trim()) throw new Error('The Stripe webhook signing secret (whsec_…) is not configured');
  const tolerance = options.toleranceSeconds ?? 300;
  // Stripe reads a tolerance of 0 as "skip the age check", which would let a captured delivery be replayed forever.
  if (!(tolerance > 0)) throw new Error('toleranceSeconds must be positive');
  return {
    async verify(rawBody, signatureHeader) {
      if (!signatureHeader) throw new ValidationError('The Stripe-Signature header is missing', 'Stripe-Signature');
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(
          rawBody,
          signatureHeader,
          webhookSecret,
          tolerance,
          undefined,
          options.clock?.now().getTime(),
        );
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
          // Stripe's message says which check failed (no signature for the secret, timestamp too old); safe to show.
          throw new ValidationError(`The Stripe-Signature does not verify: ${error.message}`, 'Stripe-Signature');
        }
        // Correctly signed but not JSON: only a sender holding the secret could do that, yet it is still bad input.
        if (error instanceof SyntaxError) throw new ValidationError('The event body is not JSON', 'body');
        throw error;
      }
      return mapStripeEvent(event);
    },
  };
}

/**
 * Maps a verified Stripe event to what it means for an order; undefined for event types Village Link does not act
 * on and for events about payments it did not create (no `orderId` in the metadata, or not in CNY).
 *
 * Refunds are read from `charge.refunded`: the Charge carries the PaymentIntent's metadata because Stripe copies it
 * onto the Charge when the PaymentIntent is confirmed (once; later edits of the PaymentIntent's metadata do not
 * follow). A Refund's own metadata is not copied to the Charge, so it is not relied on. A refund made from the
 * Dashboard is therefore seen too.
 */
export function mapStripeEvent(event: Stripe.Event): PaymentEvent | undefined {
  const occurredAt = new Date(event.created * 1000);
  switch (event.type) {
    case 'payment_intent.amount_capturable_updated': {
      const intent = event.data.object;
      // Also sent when the capturable amount drops to zero; only a live hold is an authorisation.
      if (intent.status !== 'requires_capture' || intent.amount_capturable <= 0) return undefined;
      // Of the methods offered only cards can hold, so a hold is a card payment whatever the object says.
      return fromIntent(event.id, 'authorized', intent, intent.amount_capturable, occurredAt, methodOfIntent(intent) ?? 'card');
    }
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      return fromIntent(event.id, 'succeeded', intent, intent.amount_received, occurredAt, methodOfIntent(intent));
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      return fromIntent(event.id, 'failed', intent, intent.amount, occurredAt, methodOfIntent(intent));
    }
    case 'payment_intent.canceled': {
      const intent = event.data.object;
      return fromIntent(event.id, 'canceled', intent, intent.amount, occurredAt, methodOfIntent(intent));
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      // `refunded` is Stripe's own "refunded in full" flag; a partial refund is not what the port calls refunded.
      if (!charge.refunded) return undefined;
      const paymentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      const orderId = charge.metadata.orderId;
      if (!paymentId || !orderId || charge.currency !== 'cny') return undefined;
      return {
        eventId: event.id,
        kind: 'refunded',
        paymentId,
        orderId,
        amountFen: charge.amount_refunded,
        method: asMethod(charge.payment_method_details?.type),
        occurredAt,
      };
    }
    default:
      return undefined;
  }
}

function fromIntent(
  eventId: string,
  kind: PaymentEvent['kind'],
  intent: Stripe.PaymentIntent,
  amountFen: number,
  occurredAt: Date,
  method: PaymentMethod | undefined,
): PaymentEvent | undefined {
  const orderId = intent.metadata.orderId;
  // CNY has two decimals, so Stripe's amount is already in fen; another currency would not be.
  if (!orderId || intent.currency !== 'cny') return undefined;
  return { eventId, kind, paymentId: intent.id, orderId, amountFen, method, occurredAt };
}

/**
 * The method a PaymentIntent was paid (or attempted) with, where the event says so. Webhook objects name the
 * PaymentMethod and the Charge by id only, so a `payment_intent.succeeded` usually does not tell; a failure's
 * `last_payment_error` carries the PaymentMethod, and a PaymentIntent limited to one type can only be that one.
 */
function methodOfIntent(intent: Stripe.PaymentIntent): PaymentMethod | undefined {
  if (intent.payment_method && typeof intent.payment_method === 'object') return asMethod(intent.payment_method.type);
  if (intent.latest_charge && typeof intent.latest_charge === 'object') return asMethod(intent.latest_charge.payment_method_details?.type);
  const failedWith = intent.last_payment_error?.payment_method?.type;
  if (failedWith) return asMethod(failedWith);
  return intent.payment_method_types.length === 1 ? asMethod(intent.payment_method_types[0]) : undefined;
}

function asMethod(type: string | undefined): PaymentMethod | undefined {
  const parsed = PaymentMethod.safeParse(type);
  return parsed.success ? parsed.data : undefined;
}
