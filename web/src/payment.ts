import type { PaymentSession, PlacedOrder } from './api';
import { navigate } from './router';
import { storage } from './store';

/**
 * The payment session of each order placed from this browser, remembered so "pay now" can link straight to the pay
 * page; any other browser asks the API for it again (GET /api/orders/{orderId}/payment).
 */
const KEY = 'villageLink.payments';
const KEEP = 30;

interface Stored {
  orderId: string;
  provider: PaymentSession['provider'];
  payUrl: string | null;
}

function readAll(): Stored[] {
  try {
    const data: unknown = JSON.parse(storage.get(KEY) ?? '[]');
    return Array.isArray(data) ? (data as Stored[]).filter((s) => typeof s?.orderId === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberPayment(orderId: string, p: PaymentSession): void {
  const rest = readAll().filter((s) => s.orderId !== orderId);
  storage.set(KEY, JSON.stringify([{ orderId, provider: p.provider, payUrl: p.payUrl }, ...rest].slice(0, KEEP)));
}

export function paymentFor(orderId: string): Stored | undefined {
  return readAll().find((s) => s.orderId === orderId);
}

/** A same-site path or an http(s) URL; anything else (`javascript:`) is never followed. */
const SAFE_URL = /^(\/(?![/\\])|https?:\/\/)/;

/** The simulator's pay page, told to come back to the order afterwards. */
function payPageUrl(payUrl: string, orderId: string): string {
  return `${payUrl}${payUrl.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(`/orders/${orderId}`)}`;
}

/** The simulator's pay page for this session, or null (Stripe, or a pay URL that is not safe to follow). */
export function simulatorPayPage(orderId: string, p: Pick<PaymentSession, 'provider' | 'payUrl'>): string | null {
  return p.provider === 'simulator' && p.payUrl && SAFE_URL.test(p.payUrl) ? payPageUrl(p.payUrl, orderId) : null;
}

/**
 * After placing or joining: off to the pay page (a full page load: the page is served by the server), or, with
 * Stripe (whose Payment Element is not integrated yet), to the order page, which explains.
 */
export function goPay(placed: PlacedOrder): void {
  const { order, payment } = placed;
  if (payment) rememberPayment(order.orderId, payment);
  const url = payment && simulatorPayPage(order.orderId, payment);
  if (url) location.assign(url);
  else navigate(`/orders/${encodeURIComponent(order.orderId)}`);
}
