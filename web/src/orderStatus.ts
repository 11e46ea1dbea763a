import type { Order } from './api';
import type { MessageKey } from './i18n';

export const statusKey = (s: Order['status']): MessageKey => `orderStatus.${s}`;

const STATUSES: readonly string[] = ['pending_payment', 'authorized', 'paid', 'ready', 'shipped', 'completed', 'cancelled', 'refunded'];

/** A status that arrives as a plain string (hand-out entries), as a message key when it is one this app knows. */
export const anyStatusKey = (s: string): MessageKey | undefined =>
  STATUSES.includes(s) ? statusKey(s as Order['status']) : undefined;

const REASONS = [
  'cancelled_by_buyer',
  'left_group_buy',
  'unpaid_at_deadline',
  'group_buy_failed',
  'payment_window_expired',
  'payment_failed',
  'payment_canceled',
  'refunded_by_provider',
] as const;

/** Why an order was closed, as a message key; undefined for a reason this app does not know. */
export function closedReasonKey(reason: string | undefined): MessageKey | undefined {
  return reason && (REASONS as readonly string[]).includes(reason) ? (`closedReason.${reason}` as MessageKey) : undefined;
}

/** The buyer may cancel: unpaid, or paid with nothing started (direct); any open join of a group buy (leave). */
export function canCancel(o: Order): boolean {
  if (o.kind === 'group_buy') return ['pending_payment', 'authorized', 'paid'].includes(o.status) && !o.settledAt;
  if (o.status === 'pending_payment') return true;
  return o.status === 'paid' && Object.values(o.villageFulfilment).every((f) => f === 'pending');
}

/** The buyer confirms receipt once the goods are ready for pickup or on their way. */
export const canConfirmReceipt = (o: Order): boolean => o.status === 'ready' || o.status === 'shipped';

export const isAwaitingPayment = (o: Order): boolean => o.status === 'pending_payment';

/** Tag style for a status: done and on-track green, closed grey, waiting amber. */
export function statusTone(s: Order['status']): 'ok' | 'muted' | 'wait' {
  if (s === 'cancelled' || s === 'refunded') return 'muted';
  if (s === 'pending_payment' || s === 'authorized') return 'wait';
  return 'ok';
}
