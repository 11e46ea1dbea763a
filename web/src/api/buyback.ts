import type {
  AmendmentInput,
  Breach,
  Delivery,
  DeliveryInput,
  DeliveryPhotoUpload,
  DeliveryPricing,
  GuaranteeDetail,
  GuaranteeList,
  GuaranteeListItem,
  GuaranteeOffer,
  GuaranteeStatus,
  GuaranteeSummary,
  GuaranteeTotals,
  MarketPrice,
  MarketReference,
  PlacedSettlement,
  Settlement,
  TermsVersion,
} from '../../../shared/domain/buyback.js';
import type { PaymentSession } from '../../../shared/domain/payment.js';
import { request } from '../api';

export type { AmendmentInput, Breach, Delivery, DeliveryInput, DeliveryPricing, GuaranteeDetail, GuaranteeList, GuaranteeListItem };
export type { GuaranteeOffer, GuaranteeStatus, GuaranteeSummary, GuaranteeTotals, MarketPrice, MarketReference, PlacedSettlement };
export type { PaymentSession, Settlement, TermsVersion };

/** Filters of the guarantee list (organizers; cooperatives and leaders are scoped to their own by the API). */
export interface GuaranteeFilter {
  villageId?: string;
  organizationId?: string;
  status?: GuaranteeStatus;
}

const enc = encodeURIComponent;
const idem = (key: string) => ({ 'Idempotency-Key': key });
const base = (guaranteeId: string) => `/api/buyback-guarantees/${enc(guaranteeId)}`;
/** The optional `{ reason }` of a decline: left out when empty. */
const reasonBody = (reason?: string) => (reason?.trim() ? { reason: reason.trim() } : {});

/** Buyback guarantees (保价回购) and market reference prices: the API of issue #4. */
export const buybackApi = {
  guarantees: (filter: GuaranteeFilter = {}, signal?: AbortSignal) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter) as [string, string | undefined][]) if (v) q.set(k, v);
    const s = q.toString();
    return request<GuaranteeList>('GET', `/api/buyback-guarantees${s ? `?${s}` : ''}`, { signal });
  },
  guarantee: (guaranteeId: string, signal?: AbortSignal) => request<GuaranteeDetail>('GET', base(guaranteeId), { signal }),
  offer: (input: GuaranteeOffer, idempotencyKey: string) =>
    request<GuaranteeDetail>('POST', '/api/buyback-guarantees', { body: input, headers: idem(idempotencyKey) }),
  acceptOffer: (guaranteeId: string) => request<GuaranteeDetail>('POST', `${base(guaranteeId)}/accept`),
  declineOffer: (guaranteeId: string, reason?: string) =>
    request<GuaranteeDetail>('POST', `${base(guaranteeId)}/decline`, { body: reasonBody(reason) }),

  proposeAmendment: (guaranteeId: string, input: AmendmentInput, idempotencyKey: string) =>
    request<TermsVersion>('POST', `${base(guaranteeId)}/amendments`, { body: input, headers: idem(idempotencyKey) }),
  acceptAmendment: (guaranteeId: string, version: number) =>
    request<GuaranteeDetail>('POST', `${base(guaranteeId)}/amendments/${version}/accept`),
  /** Declines the other side's amendment, or withdraws one's own. */
  declineAmendment: (guaranteeId: string, version: number, reason?: string) =>
    request<GuaranteeDetail>('POST', `${base(guaranteeId)}/amendments/${version}/decline`, { body: reasonBody(reason) }),

  requestDeliveryPhoto: (guaranteeId: string, contentType: string) =>
    request<DeliveryPhotoUpload>('POST', `${base(guaranteeId)}/delivery-photos`, { body: { contentType } }),
  recordDelivery: (guaranteeId: string, input: DeliveryInput, idempotencyKey: string) =>
    request<Delivery>('POST', `${base(guaranteeId)}/deliveries`, { body: input, headers: idem(idempotencyKey) }),
  acceptDelivery: (guaranteeId: string, deliveryId: string) =>
    request<Delivery>('POST', `${base(guaranteeId)}/deliveries/${enc(deliveryId)}/accept`),
  rejectDelivery: (guaranteeId: string, deliveryId: string, reason: string) =>
    request<Delivery>('POST', `${base(guaranteeId)}/deliveries/${enc(deliveryId)}/reject`, { body: { reason } }),

  /** Pays every accepted delivery still owed (at most 40 at once), or the listed ones; answers with the payment. */
  settle: (guaranteeId: string, idempotencyKey: string, deliveryIds?: string[]) =>
    request<PlacedSettlement>('POST', `${base(guaranteeId)}/settlements`, {
      body: deliveryIds ? { deliveryIds } : {},
      headers: idem(idempotencyKey),
    }),
  settlementPayment: (guaranteeId: string, settlementId: string) =>
    request<PaymentSession>('GET', `${base(guaranteeId)}/settlements/${enc(settlementId)}/payment`),
  cancelSettlement: (guaranteeId: string, settlementId: string) =>
    request<Settlement>('POST', `${base(guaranteeId)}/settlements/${enc(settlementId)}/cancel`),
  settleBreach: (guaranteeId: string) => request<GuaranteeDetail>('POST', `${base(guaranteeId)}/breach/settle`),

  marketPrices: (productId: string, signal?: AbortSignal) =>
    request<{ items: MarketPrice[] }>('GET', `/api/products/${enc(productId)}/market-prices`, { signal }),
  setMarketPrice: (productId: string, isoWeek: string, priceFen: number) =>
    request<MarketPrice>('PUT', `/api/products/${enc(productId)}/market-prices/${enc(isoWeek)}`, { body: { priceFen } }),
};
