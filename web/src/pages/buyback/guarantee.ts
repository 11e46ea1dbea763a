import type { ProductUnit } from '../../../../shared/domain/product.js';
import type { Actor } from '../../api';
import type { Delivery, GuaranteeListItem, PaymentSession, TermsVersion } from '../../api/buyback';
import type { MessageKey } from '../../i18n';
import { addDays } from '../sales/calendar';

/** The units a category guarantee may count in (ProductUnit's; kept here so this chunk does not load the product form). */
export const UNITS: ProductUnit[] = ['只', '斤', 'kg', '盒', '箱', '袋', '瓶', '罐', '个', '枚', '份', '束'];

/** Who the signed-in actor is on a guarantee: its village (the coop), its buyer (the leader), or an overseer. */
export type Side = 'village' | 'buyer' | 'organizer' | null;

export function sideOf(actor: Actor | null | undefined, g: Pick<GuaranteeListItem, 'villageId' | 'organizationId'>): Side {
  if (!actor) return null;
  if (actor.role === 'coop' && actor.villageId === g.villageId) return 'village';
  if (actor.role === 'leader' && actor.organizationId === g.organizationId) return 'buyer';
  if (actor.role === 'organizer') return 'organizer';
  return null;
}

/** The side that proposed a version of the terms. */
export const proposerSide = (v: Pick<TermsVersion, 'proposedBy'>): 'village' | 'buyer' => (v.proposedBy.role === 'coop' ? 'village' : 'buyer');

export const statusKey = (s: GuaranteeListItem['status']): MessageKey => `bb.status.${s}`;
export const termsStatusKey = (s: TermsVersion['status']): MessageKey => `bb.termsStatus.${s}`;
export const deliveryStatusKey = (s: Delivery['status']): MessageKey => `bb.deliveryStatus.${s}`;

/**
 * Grades as a person types them: `一级、二级`, `一级, 二级` or one per line. Blank entries are dropped and repeats
 * kept once, in the order written.
 */
export function parseGrades(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\n\r\t]+|\s{2,}/).map((g) => g.trim()).filter(Boolean))];
}

/** The days a delivery may be dated: inside the window and not after today (Asia/Shanghai); null when none is. */
export function deliveryDays(window: { start: string; end: string }, today: string): { min: string; max: string } | null {
  const max = window.end < today ? window.end : today;
  return window.start <= max ? { min: window.start, max } : null;
}

/** Deliveries newest first: by the day handed over, then by when they were recorded. */
export function newestFirst(deliveries: Delivery[]): Delivery[] {
  return [...deliveries].sort((a, b) => b.deliveredOn.localeCompare(a.deliveredOn) || b.recordedAt.localeCompare(a.recordedAt));
}

/** A same-site path or an http(s) URL; anything else (`javascript:`) is never followed. */
const SAFE_URL = /^(\/(?![/\\])|https?:\/\/)/;

/**
 * Where a settlement is paid: the simulator's pay page, which the API already told to come back to the guarantee
 * (`returnTo`); null with Stripe (its Payment Element is not integrated yet) or a URL not safe to follow.
 */
export function settlementPayPage(p: Pick<PaymentSession, 'provider' | 'payUrl'>): string | null {
  return p.provider === 'simulator' && p.payUrl && SAFE_URL.test(p.payUrl) ? p.payUrl : null;
}

/** A default season window for a new offer: from today for 90 days. */
export const defaultWindow = (today: string): { start: string; end: string } => ({ start: today, end: addDays(today, 90) });

/**
 * Shares for the committed / offered / accepted / paid bars, in basis points of the largest figure (the committed
 * quantity or the maximum, or what was offered beyond them), so every bar is drawn on one scale.
 */
export function quantityScale(s: { committedQuantity: number; maximumQuantity: number | null; offeredQuantity: number }): (n: number) => number {
  const whole = Math.max(s.committedQuantity, s.maximumQuantity ?? 0, s.offeredQuantity, 1);
  return (n) => Math.round((Math.max(0, n) * 10_000) / whole);
}
