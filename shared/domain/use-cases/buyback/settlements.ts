import type { Caller } from '../../actor.js';
import {
  MAX_DELIVERIES_PER_SETTLEMENT,
  SETTLEMENT_PAYMENT_WINDOW_MS,
  Settlement,
  SettlementInput,
  deliveryRefundSource,
  deliverySaleSource,
  type PlacedSettlement,
  type StoredDelivery,
} from '../../buyback.js';
import { ConflictError, DomainError, IdempotentReplay, NotFoundError, ServiceBusyError, ValidationError } from '../../errors.js';
import { MAX_FEN } from '../../money.js';
import { PaymentAlreadyTakenError, PaymentStateError, type PaymentEvent, type PaymentRequest, type PaymentSession } from '../../payment.js';
import type { Deps, IdempotencyClaim } from '../../ports.js';
import type { Sale } from '../../sale.js';
import { idempotencyWrite } from '../idempotency.js';
import { asBuyer, partyOf, visibleGuarantee } from './access.js';

const ATTEMPTS = 6;

/**
 * The payment a settlement asks for, from the settlement alone: asking again sends the same request, which the
 * gateway's per-reference idempotency needs. Buyback payments are taken at once (no card hold): the deliveries
 * were already received.
 */
function paymentRequestFor(settlement: Settlement): PaymentRequest {
  return {
    orderId: settlement.settlementId,
    amountFen: settlement.amountFen,
    description: settlement.description,
    holdCardPayments: false,
    buyerAccountId: settlement.createdBy.accountId,
  };
}

/** After paying on the simulator's page, the organisation comes back to the guarantee (the web app's /buyback/{id}). */
function withReturn(payment: PaymentSession, guaranteeId: string): PaymentSession {
  if (!payment.payUrl) return payment;
  const separator = payment.payUrl.includes('?') ? '&' : '?';
  return { ...payment, payUrl: `${payment.payUrl}${separator}returnTo=${encodeURIComponent(`/buyback/${guaranteeId}`)}` };
}

/** The deliveries a settlement pays: the listed ones, each still owed, or the oldest owed ones that fit. */
function chooseDeliveries(deliveries: StoredDelivery[], requested: string[] | undefined): StoredDelivery[] {
  if (requested) {
    return requested.map((deliveryId, index) => {
      const field = `deliveryIds.${index}`;
      if (requested.indexOf(deliveryId) !== index) throw new ValidationError('lists the same delivery twice', field);
      const delivery = deliveries.find((d) => d.deliveryId === deliveryId);
      if (!delivery) throw new NotFoundError('No such delivery in this guarantee', field);
      if (delivery.status !== 'accepted') throw new ConflictError(`is ${delivery.status}, not an accepted delivery awaiting payment`, field);
      return delivery;
    });
  }
  const owed = deliveries.filter((d) => d.status === 'accepted').sort((a, b) => (a.deliveryId < b.deliveryId ? -1 : 1));
  const chosen: StoredDelivery[] = [];
  let total = 0;
  for (const delivery of owed) {
    const amount = delivery.pricing?.amountFen ?? 0;
    if (chosen.length === MAX_DELIVERIES_PER_SETTLEMENT || (chosen.length > 0 && total + amount > MAX_FEN)) break;
    chosen.push(delivery);
    total += amount;
  }
  if (chosen.length === 0) throw new ConflictError('Nothing is owed: no accepted delivery awaits payment', 'deliveryIds');
  return chosen;
}

/**
 * The organisation pays for accepted deliveries: a settlement (at most 40 deliveries) is written, its deliveries
 * marked settling so that no other settlement pays them, and a payment is opened through the same port as orders,
 * with the settlement id as its reference. The payment event then records each delivery as one sale.
 */
export async function createSettlement(
  deps: Pick<Deps, 'buyback' | 'payments' | 'clock' | 'ids'>,
  caller: Caller,
  input: { guaranteeId: string; settlement: SettlementInput },
  idempotency?: IdempotencyClaim,
): Promise<PlacedSettlement> {
  const fields = SettlementInput.parse(input.settlement);
  const { actor, guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
  const leader = asBuyer(actor, guarantee, 'pays for deliveries');
  const record = await deps.buyback.getRecord(guarantee.guaranteeId);
  if (!record) throw new NotFoundError('No such guarantee', 'guaranteeId');
  const chosen = chooseDeliveries(record.deliveries, fields.deliveryIds);
  const amountFen = chosen.reduce((sum, d) => sum + (d.pricing?.amountFen ?? 0), 0);
  if (amountFen > MAX_FEN) throw new ValidationError('add up to more than ¥10,000,000; settle fewer deliveries at once', 'deliveryIds');
  const quantity = chosen.reduce((sum, d) => sum + d.quantity, 0);
  const now = deps.clock.now();
  const settlementId = deps.ids.next('settlement');
  const unpaid = {
    settlementId,
    guaranteeId: guarantee.guaranteeId,
    villageId: guarantee.villageId,
    organizationId: guarantee.organizationId,
    deliveryIds: chosen.map((d) => d.deliveryId),
    quantity,
    amountFen,
    description: `村链保价回购 ${guarantee.villageName} ${chosen[0]?.product.productName ?? ''} × ${quantity}`,
    status: 'pending_payment' as const,
    createdBy: partyOf(leader),
    createdAt: now.toISOString(),
    payBy: new Date(now.getTime() + SETTLEMENT_PAYMENT_WINDOW_MS).toISOString(),
    updatedAt: now.toISOString(),
  };
  const payment = await deps.payments.createPayment(paymentRequestFor({ ...unpaid, paymentId: 'pending' }));
  const settlement = Settlement.parse({ ...unpaid, paymentId: payment.paymentId });
  const placed: PlacedSettlement = { settlement, payment: withReturn(payment, guarantee.guaranteeId) };
  const settling = chosen.map((d): StoredDelivery => ({ ...d, status: 'settling', settlementId }));
  try {
    await deps.buyback.createSettlement(settlement, settling, idempotencyWrite(deps, idempotency, placed));
  } catch (error) {
    await abandonPayment(deps, error, settlement);
    throw error;
  }
  return placed;
}

/**
 * Releases the payment opened for a settlement whose write failed, but only when the settlement is known not to
 * exist: a timeout may hide a write that committed, and its payment must stay payable.
 */
async function abandonPayment(deps: Pick<Deps, 'buyback' | 'payments'>, error: unknown, settlement: Settlement): Promise<void> {
  const refused = error instanceof DomainError || error instanceof IdempotentReplay;
  if (!refused && (await deps.buyback.getSettlement(settlement.settlementId).catch(() => 'unknown' as const)) !== undefined) return;
  await deps.payments.release({ paymentId: settlement.paymentId, orderId: settlement.settlementId }).catch(() => undefined);
}

async function ownSettlement(deps: Pick<Deps, 'buyback'>, caller: Caller, input: { guaranteeId: string; settlementId: string }) {
  const { actor, guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
  asBuyer(actor, guarantee, 'pays for deliveries');
  const settlement = await deps.buyback.getSettlement(input.settlementId);
  if (!settlement || settlement.guaranteeId !== guarantee.guaranteeId) throw new NotFoundError('No such settlement in this guarantee', 'settlementId');
  return { guarantee, settlement };
}

/** The payment of an unpaid settlement again (another tab, another device); the gateway returns the same one. */
export async function getSettlementPayment(
  deps: Pick<Deps, 'buyback' | 'payments'>,
  caller: Caller,
  input: { guaranteeId: string; settlementId: string },
): Promise<PaymentSession> {
  const { guarantee, settlement } = await ownSettlement(deps, caller, input);
  if (settlement.status !== 'pending_payment') throw new ConflictError(`A settlement that is ${settlement.status} has nothing left to pay`, 'settlementId');
  return withReturn(await deps.payments.createPayment(paymentRequestFor(settlement)), guarantee.guaranteeId);
}

/** The organisation drops an unpaid settlement: its payment is cancelled and its deliveries are owed again. */
export async function cancelSettlement(
  deps: Pick<Deps, 'buyback' | 'payments' | 'clock'>,
  caller: Caller,
  input: { guaranteeId: string; settlementId: string },
): Promise<Settlement> {
  const { settlement } = await ownSettlement(deps, caller, input);
  if (settlement.status === 'failed') return settlement;
  if (settlement.status === 'paid') throw new ConflictError('This settlement is paid', 'settlementId');
  const outcome = await abandonSettlement(deps, settlement, 'cancelled_by_buyer');
  if (outcome === 'taken') throw new ConflictError('The payment went through meanwhile; it is being recorded', 'settlementId');
  return (await deps.buyback.getSettlement(settlement.settlementId)) ?? settlement;
}

/** An unpaid settlement past its payment window (the scheduler): cancelled like a buyer's cancel. */
export async function expireSettlement(deps: Pick<Deps, 'buyback' | 'payments' | 'clock'>, settlement: Settlement): Promise<boolean> {
  if (settlement.status !== 'pending_payment' || settlement.payBy > deps.clock.now().toISOString()) return false;
  return (await abandonSettlement(deps, settlement, 'payment_window_expired')) === 'failed';
}

/** Cancels the payment, then fails the settlement. Money already taken wins: its success event will pay the settlement. */
async function abandonSettlement(
  deps: Pick<Deps, 'buyback' | 'payments' | 'clock'>,
  settlement: Settlement,
  reason: 'cancelled_by_buyer' | 'payment_window_expired',
): Promise<'failed' | 'taken' | 'moved'> {
  try {
    await deps.payments.release({ paymentId: settlement.paymentId, orderId: settlement.settlementId });
  } catch (error) {
    if (error instanceof PaymentAlreadyTakenError) return 'taken';
    // Already cancelled at the provider (or never completed): nothing more to release.
    if (!(error instanceof PaymentStateError)) throw error;
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await deps.buyback.getSettlement(settlement.settlementId);
    if (!current || current.status !== 'pending_payment') return 'moved';
    if (await failSettlement(deps, current, reason)) return 'failed';
  }
  throw new ServiceBusyError('This settlement is changing too fast; try again');
}

/** pending_payment → failed, each of its deliveries back to accepted and owed. */
async function failSettlement(
  deps: Pick<Deps, 'buyback' | 'clock'>,
  settlement: Settlement,
  reason: NonNullable<Settlement['closedReason']>,
  eventId?: string,
): Promise<boolean> {
  const deliveries = await deps.buyback.getDeliveries(settlement.guaranteeId, settlement.deliveryIds);
  const owedAgain = deliveries.map((d): StoredDelivery => {
    const { settlementId: _settlementId, ...rest } = d;
    return { ...rest, status: 'accepted' };
  });
  const failed: Settlement = { ...settlement, status: 'failed', closedReason: reason, updatedAt: deps.clock.now().toISOString() };
  return deps.buyback.settlementFailed({ settlement: failed, deliveries: owedAgain, eventId });
}

/**
 * One sale per paid delivery, or with `reversal` its negative twin when the settlement is refunded. Keyed by
 * delivery and settlement, so each payment and each refund of a delivery is recorded once, however often its
 * event arrives, and a delivery paid again after a refund makes a new sale.
 */
export function salesOf(settlement: Settlement, deliveries: StoredDelivery[], at: Date, reversal = false): Sale[] {
  const sign = reversal ? -1 : 1;
  return deliveries.map((d) => ({
    source: reversal ? deliveryRefundSource(d.deliveryId, settlement.settlementId) : deliverySaleSource(d.deliveryId, settlement.settlementId),
    villageId: d.villageId,
    productId: d.product.productId,
    productName: d.product.productName,
    unit: d.product.unit,
    category: d.product.category,
    channel: 'buyback',
    buyerAccountId: settlement.createdBy.accountId,
    organizationId: settlement.organizationId,
    quantity: sign * d.quantity,
    amountFen: sign * (d.pricing?.amountFen ?? 0),
    farmerShareBps: d.product.farmerShareBps,
    occurredAt: at.toISOString(),
    ...(reversal ? { reverses: deliverySaleSource(d.deliveryId, settlement.settlementId) } : {}),
  }));
}

/**
 * Applies one verified payment event to its settlement, exactly once: a success pays the settlement, its
 * deliveries and the guarantee's paid total and appends one sale per delivery, with the event id, in one
 * transaction; a failure or cancellation makes its deliveries owed again; a refund of a paid settlement reverses
 * all of that in one transaction (the money went back, so the village's sales did not happen and the deliveries
 * are owed again). Redeliveries change nothing. Money that arrives for a settlement already failed is given back.
 */
export async function handleSettlementPaymentEvent(
  deps: Pick<Deps, 'buyback' | 'payments' | 'clock'>,
  event: PaymentEvent,
): Promise<{ outcome: 'applied' | 'duplicate' | 'ignored' }> {
  if (await deps.buyback.hasEvent(event.eventId)) return { outcome: 'duplicate' };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const settlement = await deps.buyback.getSettlement(event.orderId);
    const now = deps.clock.now();
    if (settlement?.status === 'pending_payment' && event.kind === 'succeeded') {
      const deliveries = await deps.buyback.getDeliveries(settlement.guaranteeId, settlement.deliveryIds);
      const paidAt = event.occurredAt.toISOString();
      const paid: Settlement = { ...settlement, status: 'paid', paidAt, ...(event.method ? { paymentMethod: event.method } : {}), updatedAt: now.toISOString() };
      const paidDeliveries = deliveries.map((d): StoredDelivery => ({ ...d, status: 'paid', paidAt }));
      const sales = salesOf(settlement, paidDeliveries, event.occurredAt);
      if (await deps.buyback.settlementPaid({ settlement: paid, deliveries: paidDeliveries, sales, eventId: event.eventId })) return { outcome: 'applied' };
      continue;
    }
    if (settlement?.status === 'paid' && event.kind === 'refunded') {
      if (await refundSettlement(deps, settlement, event, now)) return { outcome: 'applied' };
      continue;
    }
    // A refund can only follow a success, but Stripe does not promise to deliver them in that order: a refund seen
    // first fails the settlement (no money is kept), and the success arriving after it finds a failed settlement
    // and refunds again, which the provider answers as already done.
    if (settlement?.status === 'pending_payment' && (event.kind === 'failed' || event.kind === 'canceled' || event.kind === 'refunded')) {
      const reason = event.kind === 'failed' ? 'payment_failed' : event.kind === 'canceled' ? 'payment_canceled' : 'payment_refunded';
      if (await failSettlement(deps, settlement, reason, event.eventId)) return { outcome: 'applied' };
      continue;
    }
    // Nothing to change; the event is recorded all the same, so its redelivery is recognised.
    if (!(await deps.buyback.recordEvent(event.eventId, now))) return { outcome: 'duplicate' };
    if (settlement?.status === 'failed') await giveMoneyBack(deps, settlement, event);
    return { outcome: 'ignored' };
  }
  throw new ServiceBusyError('This settlement is changing too fast; try again');
}

/**
 * paid → refunded: each delivery paid → accepted, owed again (the produce was handed over and accepted, so the
 * organisation still owes it, and a new settlement may pay it), the guarantee's paid counters taken back and one
 * reversing sale per delivery, dated when the money went back.
 */
async function refundSettlement(deps: Pick<Deps, 'buyback'>, settlement: Settlement, event: PaymentEvent, now: Date): Promise<boolean> {
  const deliveries = await deps.buyback.getDeliveries(settlement.guaranteeId, settlement.deliveryIds);
  const refundedAt = event.occurredAt.toISOString();
  const refunded: Settlement = { ...settlement, status: 'refunded', refundedAt, updatedAt: now.toISOString() };
  const owedAgain = deliveries.map((d): StoredDelivery => {
    const { settlementId: _settlementId, paidAt: _paidAt, ...rest } = d;
    return { ...rest, status: 'accepted' };
  });
  const reversals = salesOf(settlement, deliveries, event.occurredAt, true);
  return deps.buyback.settlementRefunded({ settlement: refunded, deliveries: owedAgain, sales: reversals, eventId: event.eventId });
}

/** Money came in for a settlement that was already failed (its deliveries owed again): release or refund it. */
async function giveMoneyBack(deps: Pick<Deps, 'payments'>, settlement: Settlement, event: PaymentEvent): Promise<void> {
  if (event.kind === 'authorized') await deps.payments.release({ paymentId: event.paymentId, orderId: settlement.settlementId });
  if (event.kind === 'succeeded') await deps.payments.refund({ paymentId: event.paymentId, orderId: settlement.settlementId, amountFen: event.amountFen });
}
