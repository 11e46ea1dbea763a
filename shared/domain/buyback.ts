import { tz } from '@date-fns/tz';
import { addDays, format, getISOWeeksInYear, isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import { AccountId, OrganizationId, ProductId, Text, Timestamp, VillageId, idOf } from './common.js';
import { BasisPoints, PositiveFen } from './money.js';
import { ID_PREFIXES } from './ids.js';
import { PaymentSession } from './payment.js';
import { PhotoUpload, ProductCategory, ProductTerms, ProductUnit } from './product.js';
import { PROGRAMME_TIME_ZONE } from './season.js';

/**
 * Buyback guarantees (保价回购): an organisation promises a village to buy its harvest at a protected price.
 * The schemas, and the pure rules every use case applies (window edges, ISO weeks, pricing, breaches), live here
 * so that they can be tested without a table.
 */

const shanghai = tz(PROGRAMME_TIME_ZONE);

export const GuaranteeId = idOf('guarantee');
export const DeliveryId = idOf('delivery');
export const SettlementId = idOf('settlement');

/** A calendar day in Asia/Shanghai, `yyyy-MM-dd`. */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as yyyy-MM-dd' })
  .refine(
    (day) => {
      const parsed = parseISO(day, { in: shanghai });
      return isValid(parsed) && format(parsed, 'yyyy-MM-dd', { in: shanghai }) === day;
    },
    { message: 'must be a real calendar day (yyyy-MM-dd)' },
  );
export type CalendarDay = z.infer<typeof CalendarDay>;

/** An ISO-8601 week, `2026-W47`: the week-numbering year and the week (Monday to Sunday). */
export const IsoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, { message: 'must be an ISO week like 2026-W47' })
  .refine(
    (week) => {
      const number = Number(week.slice(6));
      // Mid-year is always inside its own ISO week-numbering year, which has 52 or 53 weeks.
      return number >= 1 && number <= getISOWeeksInYear(parseISO(`${week.slice(0, 4)}-07-01`, { in: shanghai }), { in: shanghai });
    },
    { message: 'is not a week of that year' },
  );
export type IsoWeek = z.infer<typeof IsoWeek>;

/** Today's date in Asia/Shanghai: a delivery "today" is today in the village, wherever the server runs. */
export function dayInShanghai(instant: Date): CalendarDay {
  return format(instant, 'yyyy-MM-dd', { in: shanghai });
}

/** The ISO week (`2026-W47`) of a calendar day: the week whose market reference prices a delivery of that day. */
export function isoWeekOf(day: CalendarDay): IsoWeek {
  return format(parseISO(day, { in: shanghai }), "RRRR-'W'II", { in: shanghai });
}

/**
 * When a window ending on `end` closes: 00:00 Asia/Shanghai of the next day, as a UTC instant. The end date is
 * inclusive, so a delivery of the last day may be recorded until 23:59:59.999 Beijing time.
 */
export function closesAtOf(end: CalendarDay): string {
  return new Date(addDays(parseISO(end, { in: shanghai }), 1, { in: shanghai }).getTime()).toISOString();
}

/** The cooperative's quality grades (一级, 二级, 特大果 …), as the guarantee names them. */
export const Grade = Text(20);

const Quantity = z.number().int().min(1).max(1_000_000);

/** The season window, inclusive at both ends, in Asia/Shanghai calendar days. */
export const GuaranteeWindow = z.object({ start: CalendarDay, end: CalendarDay }).strict();
export type GuaranteeWindow = z.infer<typeof GuaranteeWindow>;

/** The terms both sides agree on; what an amendment may change. Product and village are fixed for good. */
const TermsFields = z
  .object({
    window: GuaranteeWindow,
    /** The protected price per unit: a delivery is never paid less. */
    floorPriceFen: PositiveFen,
    /** What the buyer must take if the village offers it. */
    committedQuantity: Quantity,
    /** What the buyer takes at most; null when there is no ceiling. */
    maximumQuantity: Quantity.nullable().default(null),
    acceptedGrades: z.array(Grade).min(1).max(10),
    deliveryPlace: Text(200),
  })
  .strict();

type TermsShape = { window: GuaranteeWindow; committedQuantity: number; maximumQuantity: number | null; acceptedGrades: string[] };

/** Rules across fields; zod 4 cannot extend a refined object, so each derived schema applies them at its end. */
function checkTerms(terms: TermsShape, ctx: z.RefinementCtx) {
  if (terms.window.end < terms.window.start) ctx.addIssue({ code: 'custom', message: 'must not be before window.start', path: ['window', 'end'] });
  if (terms.maximumQuantity !== null && terms.maximumQuantity < terms.committedQuantity) {
    ctx.addIssue({ code: 'custom', message: 'must be at least committedQuantity', path: ['maximumQuantity'] });
  }
  if (new Set(terms.acceptedGrades).size !== terms.acceptedGrades.length) ctx.addIssue({ code: 'custom', message: 'lists a grade twice', path: ['acceptedGrades'] });
}

/**
 * An organisation's offer. It covers one product of the village (`productId`), or any of the village's products of
 * one category sold in one unit (`category` + `unit`: a poultry guarantee in 只 covers every chicken product).
 */
export const GuaranteeOffer = TermsFields.extend({
  villageId: VillageId,
  productId: ProductId.optional(),
  category: ProductCategory.optional(),
  unit: ProductUnit.optional(),
})
  .strict()
  .superRefine((offer, ctx) => {
    checkTerms(offer, ctx);
    if (offer.productId && (offer.category || offer.unit)) {
      ctx.addIssue({ code: 'custom', message: 'give either productId, or category and unit, not both', path: ['productId'] });
    }
    if (!offer.productId && !(offer.category && offer.unit)) {
      ctx.addIssue({ code: 'custom', message: 'is required (or give category and unit for a category guarantee)', path: ['productId'] });
    }
  });
export type GuaranteeOffer = z.input<typeof GuaranteeOffer>;

/** A proposed new version of the terms: complete, so each version in the history stands on its own. */
export const AmendmentInput = TermsFields.extend({ note: Text(500).optional() }).strict().superRefine(checkTerms);
export type AmendmentInput = z.input<typeof AmendmentInput>;

export const DecisionNote = z.object({ reason: Text(500).optional() }).strict();
export type DecisionNote = z.infer<typeof DecisionNote>;

export const RejectionInput = z.object({ reason: Text(500) }).strict();
export type RejectionInput = z.infer<typeof RejectionInput>;

/** Who did something, as shown in the history: the binding comes from the token, the name from the account. */
export const Party = z.object({
  accountId: AccountId,
  role: z.enum(['leader', 'coop', 'organizer']),
  displayName: z.string(),
});
export type Party = z.infer<typeof Party>;

/** What a guarantee covers; fixed at the offer. */
export const GuaranteeScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('product'), productId: ProductId, productName: z.string(), category: ProductCategory, unit: ProductUnit }),
  z.object({ kind: z.literal('category'), category: ProductCategory, unit: ProductUnit }),
]);
export type GuaranteeScope = z.infer<typeof GuaranteeScope>;

/** The terms in force (or offered), as the guarantee carries them. */
export const CurrentTerms = TermsFields.extend({ version: z.number().int().min(1) });
export type CurrentTerms = z.infer<typeof CurrentTerms>;

/**
 * `proposed` awaits the other side; `accepted` was in force (and still is if it is the newest accepted);
 * `superseded` was replaced by a later accepted version; `declined` was refused or withdrawn; `lapsed` was still
 * proposed when the guarantee closed (an amendment) or when its window ended (the offer, version 1).
 */
export const TermsStatus = z.enum(['proposed', 'accepted', 'superseded', 'declined', 'lapsed']);
export type TermsStatus = z.infer<typeof TermsStatus>;

/** One version in a guarantee's terms history. Version 1 is the offer. */
export const TermsVersion = CurrentTerms.extend({
  guaranteeId: GuaranteeId,
  status: TermsStatus,
  note: z.string().optional(),
  proposedBy: Party,
  proposedAt: Timestamp,
  decidedBy: Party.optional(),
  decidedAt: Timestamp.optional(),
  decisionReason: z.string().optional(),
});
export type TermsVersion = z.infer<typeof TermsVersion>;

/** Where a market reference came from: entered by organizers for that week, or the product's list price. */
export const MarketReference = z.object({
  isoWeek: IsoWeek,
  priceFen: PositiveFen,
  source: z.enum(['entered', 'list_price']),
  productId: ProductId,
});
export type MarketReference = z.infer<typeof MarketReference>;

/** An unmet commitment: computed at close, settled by organizers. */
export const Breach = z.object({
  unmetQuantity: z.number().int().min(1),
  floorPriceFen: PositiveFen,
  reference: MarketReference,
  compensationPerUnitFen: z.number().int().min(0),
  compensationFen: z.number().int().min(0),
  rule: z.string(),
  status: z.enum(['open', 'settled']),
  computedAt: Timestamp,
  settledAt: Timestamp.optional(),
  settledBy: Party.optional(),
});
export type Breach = z.infer<typeof Breach>;

/**
 * `offered` awaits the cooperative; `declined` ends there; `lapsed` was still offered at 00:00 Asia/Shanghai after
 * the window's last day (nobody decided, so it binds nobody); `active` takes deliveries during the window;
 * `closed` from 00:00 Asia/Shanghai after the window's last day.
 */
export const GuaranteeStatus = z.enum(['offered', 'declined', 'lapsed', 'active', 'closed']);
export type GuaranteeStatus = z.infer<typeof GuaranteeStatus>;

const Count = z.number().int().min(0);

export const Guarantee = z.object({
  guaranteeId: GuaranteeId,
  villageId: VillageId,
  villageName: z.string(),
  organizationId: OrganizationId,
  organizationName: z.string(),
  scope: GuaranteeScope,
  status: GuaranteeStatus,
  terms: CurrentTerms,
  /** The version of `terms`; every write that relied on the terms is conditional on it. */
  termsVersion: z.number().int().min(1),
  pendingAmendmentVersion: z.number().int().min(2).nullable(),
  /** The newest version ever proposed, decided or not: the next proposal takes the one after. */
  lastTermsVersion: z.number().int().min(1),
  /** 00:00 Asia/Shanghai after the window's end date (UTC instant). */
  closesAt: Timestamp,
  /** Every delivery recorded, whatever its decision: what the village offered. */
  offeredQuantity: Count,
  acceptedQuantity: Count,
  rejectedQuantity: Count,
  /** What the accepted deliveries are worth at their prices. */
  acceptedFen: Count,
  paidQuantity: Count,
  paidFen: Count,
  deliveryCount: Count,
  breach: Breach.nullable(),
  offeredBy: Party,
  createdAt: Timestamp,
  decidedAt: Timestamp.optional(),
  /** When it closed, or for an offer nobody decided, when it lapsed. */
  closedAt: Timestamp.optional(),
  updatedAt: Timestamp,
});
export type Guarantee = z.infer<typeof Guarantee>;

/** The price rule applied to one accepted delivery, stored with it so the figure never moves afterwards. */
export const DeliveryPricing = z.object({
  termsVersion: z.number().int().min(1),
  floorPriceFen: PositiveFen,
  marketReference: MarketReference,
  unitPriceFen: PositiveFen,
  amountFen: z.number().int().min(1),
  /** `floor` when the floor price applied (market at or below it), `market` when the market price was higher. */
  basis: z.enum(['floor', 'market']),
  rule: z.string(),
});
export type DeliveryPricing = z.infer<typeof DeliveryPricing>;

/**
 * `recorded` awaits the buyer; `accepted` is owed; `settling` is in a settlement being paid; `paid` is a sale;
 * `rejected` was refused with a reason (and still counts as offered). A paid delivery whose settlement is refunded
 * goes back to `accepted`: the produce was handed over and accepted, so the organisation owes it again.
 */
export const DeliveryStatus = z.enum(['recorded', 'accepted', 'rejected', 'settling', 'paid']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** S3 key of a delivery photo; it must live under its guarantee's prefix. */
export const DeliveryPhotoKey = z
  .string()
  .max(200)
  .regex(/^buyback\/bbg_[0-9A-Z]{26}\/pho_[0-9A-Z]{26}\.(jpg|png|webp)$/, {
    message: 'must be a photoKey returned by POST /api/buyback-guarantees/{guaranteeId}/delivery-photos',
  });

export const DeliveryInput = z
  .object({
    quantity: Quantity,
    grade: Grade,
    /** The day the produce was handed over, Asia/Shanghai. */
    deliveredOn: CalendarDay,
    /** Which product, for a category guarantee; for a product guarantee it may be left out. */
    productId: ProductId.optional(),
    note: z.string().trim().max(500).optional(),
    photoKey: DeliveryPhotoKey.optional(),
  })
  .strict();
export type DeliveryInput = z.infer<typeof DeliveryInput>;

export const StoredDelivery = z.object({
  deliveryId: DeliveryId,
  guaranteeId: GuaranteeId,
  villageId: VillageId,
  organizationId: OrganizationId,
  product: ProductTerms,
  quantity: Quantity,
  grade: z.string(),
  deliveredOn: CalendarDay,
  isoWeek: IsoWeek,
  note: z.string().optional(),
  photoKey: z.string().optional(),
  status: DeliveryStatus,
  termsVersion: z.number().int().min(1),
  recordedBy: Party,
  recordedAt: Timestamp,
  decidedBy: Party.optional(),
  decidedAt: Timestamp.optional(),
  rejectionReason: z.string().optional(),
  pricing: DeliveryPricing.optional(),
  settlementId: SettlementId.optional(),
  paidAt: Timestamp.optional(),
});
export type StoredDelivery = z.infer<typeof StoredDelivery>;

/** A delivery as the API shows it: the photo key becomes a URL. */
export const Delivery = StoredDelivery.omit({ photoKey: true }).extend({
  photo: z.object({ key: z.string(), url: z.url() }).nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const SettlementInput = z
  .object({
    /** The accepted, unpaid deliveries to pay; all of them (oldest first, at most 40) when left out. */
    deliveryIds: z.array(DeliveryId).min(1).max(40).optional(),
  })
  .strict();
export type SettlementInput = z.infer<typeof SettlementInput>;

/** The most deliveries one settlement pays: its paid transaction then stays well inside DynamoDB's 100 items. */
export const MAX_DELIVERIES_PER_SETTLEMENT = 40;

/** How long a settlement's payment stays open before its deliveries are owed again. */
export const SETTLEMENT_PAYMENT_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * `pending_payment` awaits the money; `paid` made each delivery a sale; `failed` never took money (or gave it
 * back before it was recorded as paid); `refunded` was paid and the money went back, its sales reversed and its
 * deliveries owed again.
 */
export const SettlementStatus = z.enum(['pending_payment', 'paid', 'failed', 'refunded']);
export type SettlementStatus = z.infer<typeof SettlementStatus>;

export const Settlement = z.object({
  settlementId: SettlementId,
  guaranteeId: GuaranteeId,
  villageId: VillageId,
  organizationId: OrganizationId,
  deliveryIds: z.array(DeliveryId).min(1).max(MAX_DELIVERIES_PER_SETTLEMENT),
  quantity: z.number().int().min(1),
  amountFen: z.number().int().min(1),
  /** What the payer sees at the provider; kept so that asking for the payment again sends the very same request. */
  description: z.string(),
  status: SettlementStatus,
  paymentId: z.string(),
  paymentMethod: z.string().optional(),
  createdBy: Party,
  createdAt: Timestamp,
  payBy: Timestamp,
  paidAt: Timestamp.optional(),
  /** When the provider reported the money given back (a `refunded` settlement). */
  refundedAt: Timestamp.optional(),
  closedReason: z.enum(['payment_failed', 'payment_canceled', 'payment_refunded', 'cancelled_by_buyer', 'payment_window_expired']).optional(),
  updatedAt: Timestamp,
});
export type Settlement = z.infer<typeof Settlement>;

/** A settlement just made, with the payment the organisation completes. */
export const PlacedSettlement = z.object({ settlement: Settlement, payment: PaymentSession });
export type PlacedSettlement = z.infer<typeof PlacedSettlement>;

/** The figures both sides see: committed against offered, accepted and paid. */
export const GuaranteeSummary = z.object({
  committedQuantity: Count,
  maximumQuantity: z.number().int().nullable(),
  offeredQuantity: Count,
  acceptedQuantity: Count,
  rejectedQuantity: Count,
  /** Recorded, not yet decided (at close: never decided, counted as offered but not accepted). */
  undecidedQuantity: Count,
  paidQuantity: Count,
  committedValueFen: Count,
  acceptedFen: Count,
  paidFen: Count,
  /** Accepted and not yet paid, including what is being paid now. */
  owedFen: Count,
  utilisationBps: BasisPoints,
});
export type GuaranteeSummary = z.infer<typeof GuaranteeSummary>;

export const GuaranteeListItem = Guarantee.extend({ summary: GuaranteeSummary });
export type GuaranteeListItem = z.infer<typeof GuaranteeListItem>;

export const GuaranteeDetail = GuaranteeListItem.extend({
  termsHistory: z.array(TermsVersion),
  deliveries: z.array(Delivery),
  settlements: z.array(Settlement),
  /** Accepted deliveries not in any settlement: what the next settlement would pay. */
  payableFen: Count,
  settlingFen: Count,
});
export type GuaranteeDetail = z.infer<typeof GuaranteeDetail>;

/** Totals over every guarantee a list matched; offers not (yet) accepted commit nobody and are left out. */
export const GuaranteeTotals = z.object({
  guarantees: Count,
  committedQuantity: Count,
  acceptedQuantity: Count,
  committedValueFen: Count,
  utilisationBps: BasisPoints,
  paidFen: Count,
  owedFen: Count,
  openBreaches: Count,
  /** Compensation of the breaches not yet settled. */
  breachCompensationFen: Count,
});
export type GuaranteeTotals = z.infer<typeof GuaranteeTotals>;

export const GuaranteeList = z.object({ items: z.array(GuaranteeListItem), totals: GuaranteeTotals });
export type GuaranteeList = z.infer<typeof GuaranteeList>;

export const GuaranteeQuery = z
  .object({
    villageId: VillageId.optional(),
    organizationId: OrganizationId.optional(),
    status: GuaranteeStatus.optional(),
  })
  .strict();
export type GuaranteeQuery = z.infer<typeof GuaranteeQuery>;

export const MarketPriceInput = z.object({ priceFen: PositiveFen }).strict();
export type MarketPriceInput = z.infer<typeof MarketPriceInput>;

/** An organizer's market reference price for one product and ISO week. */
export const MarketPrice = z.object({
  productId: ProductId,
  isoWeek: IsoWeek,
  priceFen: PositiveFen,
  enteredBy: Party,
  enteredAt: Timestamp,
});
export type MarketPrice = z.infer<typeof MarketPrice>;

/** A presigned POST for one delivery photo (the request is a product photo's: `PhotoUploadRequest`). */
export const DeliveryPhotoUpload = PhotoUpload.extend({ photoKey: DeliveryPhotoKey });
export type DeliveryPhotoUpload = z.infer<typeof DeliveryPhotoUpload>;

/**
 * The ledger source of a delivery's sale when a settlement pays it. It names the settlement as well as the
 * delivery: a delivery paid, refunded and paid again by another settlement makes a second sale, and each is still
 * written exactly once (a redelivered event of either settlement finds its source taken).
 */
export function deliverySaleSource(deliveryId: string, settlementId: string): string {
  return `buyback:${deliveryId}:${settlementId}`;
}

/** The ledger source of the reversal of that sale when its settlement is refunded: one per paid occurrence. */
export function deliveryRefundSource(deliveryId: string, settlementId: string): string {
  return `refund:${deliverySaleSource(deliveryId, settlementId)}`;
}

/** Whether a payment reference names a settlement (`bbs_…`) rather than an order. */
export function isSettlementReference(reference: string): boolean {
  return reference.startsWith(`${ID_PREFIXES.settlement}_`);
}

/** ¥1,234.56 from whole fen, by integer arithmetic only. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

const SOURCE_TEXT: Record<MarketReference['source'], string> = {
  entered: 'entered by organizers',
  list_price: 'list price, none entered',
};

/**
 * The price rule: an accepted delivery is paid max(floor price, market reference price of its ISO week) per unit.
 * At equality the floor is named as the basis: the guarantee, not the market, set the price.
 */
export function priceDelivery(input: { termsVersion: number; floorPriceFen: number; reference: MarketReference; quantity: number; unit: string }): DeliveryPricing {
  const { floorPriceFen, reference, quantity } = input;
  const basis = reference.priceFen > floorPriceFen ? 'market' : 'floor';
  const unitPriceFen = Math.max(floorPriceFen, reference.priceFen);
  const rule =
    `unit price = max(floor ${yuanText(floorPriceFen)}, market ${yuanText(reference.priceFen)} [${reference.isoWeek}, ${SOURCE_TEXT[reference.source]}]) ` +
    `= ${yuanText(unitPriceFen)}/${input.unit} (${basis === 'market' ? '按市场价' : '按保底价'}); ${quantity} × ${yuanText(unitPriceFen)} = ${yuanText(unitPriceFen * quantity)}`;
  return { termsVersion: input.termsVersion, floorPriceFen, marketReference: reference, unitPriceFen, amountFen: unitPriceFen * quantity, basis, rule };
}

/**
 * The breach rule, applied at close: if the village offered at least the committed quantity but the buyer accepted
 * less, the shortfall is unmet, compensated at max(0, floor − market reference) per unit. Offered counts every
 * recorded delivery, rejected or undecided too, so a buyer cannot escape the commitment by refusing conforming
 * deliveries (they could only be recorded in an accepted grade, inside the window).
 */
export function breachOf(input: {
  committedQuantity: number;
  offeredQuantity: number;
  acceptedQuantity: number;
  floorPriceFen: number;
  reference: MarketReference;
}): Omit<Breach, 'status' | 'computedAt'> | null {
  const { committedQuantity, offeredQuantity, acceptedQuantity, floorPriceFen, reference } = input;
  if (offeredQuantity < committedQuantity || acceptedQuantity >= committedQuantity) return null;
  const unmetQuantity = committedQuantity - acceptedQuantity;
  const compensationPerUnitFen = Math.max(0, floorPriceFen - reference.priceFen);
  const compensationFen = unmetQuantity * compensationPerUnitFen;
  const rule =
    `offered ${offeredQuantity} ≥ committed ${committedQuantity} but accepted ${acceptedQuantity}: unmet ${unmetQuantity} × ` +
    `max(0, floor ${yuanText(floorPriceFen)} − market ${yuanText(reference.priceFen)} [${reference.isoWeek}, ${SOURCE_TEXT[reference.source]}]) = ${yuanText(compensationFen)}`;
  return { unmetQuantity, floorPriceFen, reference, compensationPerUnitFen, compensationFen, rule };
}

/** accepted ÷ committed in basis points, rounded down (a guarantee is not "fully used" until it is). */
export function utilisationBpsOf(accepted: number, committed: number): number {
  if (committed <= 0) return 0;
  return Number((BigInt(accepted) * 10_000n) / BigInt(committed));
}

/** The summary figures of one guarantee, from its counters alone. */
export function summaryOf(guarantee: Guarantee): GuaranteeSummary {
  const { terms } = guarantee;
  return {
    committedQuantity: terms.committedQuantity,
    maximumQuantity: terms.maximumQuantity,
    offeredQuantity: guarantee.offeredQuantity,
    acceptedQuantity: guarantee.acceptedQuantity,
    rejectedQuantity: guarantee.rejectedQuantity,
    undecidedQuantity: guarantee.offeredQuantity - guarantee.acceptedQuantity - guarantee.rejectedQuantity,
    paidQuantity: guarantee.paidQuantity,
    committedValueFen: terms.committedQuantity * terms.floorPriceFen,
    acceptedFen: guarantee.acceptedFen,
    paidFen: guarantee.paidFen,
    owedFen: guarantee.acceptedFen - guarantee.paidFen,
    utilisationBps: utilisationBpsOf(guarantee.acceptedQuantity, terms.committedQuantity),
  };
}

/** Totals of a list; only accepted guarantees (active or closed) commit anyone to anything. */
export function totalsOf(guarantees: Guarantee[]): GuaranteeTotals {
  const binding = guarantees.filter((g) => g.status === 'active' || g.status === 'closed');
  const sum = (f: (g: Guarantee) => number) => binding.reduce((total, g) => total + f(g), 0);
  const committedQuantity = sum((g) => g.terms.committedQuantity);
  const acceptedQuantity = sum((g) => g.acceptedQuantity);
  const openBreaches = binding.filter((g) => g.breach?.status === 'open');
  return {
    guarantees: binding.length,
    committedQuantity,
    acceptedQuantity,
    committedValueFen: sum((g) => g.terms.committedQuantity * g.terms.floorPriceFen),
    utilisationBps: utilisationBpsOf(acceptedQuantity, committedQuantity),
    paidFen: sum((g) => g.paidFen),
    owedFen: sum((g) => g.acceptedFen - g.paidFen),
    openBreaches: openBreaches.length,
    breachCompensationFen: openBreaches.reduce((total, g) => total + (g.breach?.compensationFen ?? 0), 0),
  };
}
