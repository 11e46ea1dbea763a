import type { Account } from './account.js';
import type { Actor } from './actor.js';
import type { Page } from './common.js';
import type { Clock, IdGenerator } from './ids.js';
import type { Organization, OrganizationKind } from './organization.js';
import type { HarvestWindow, MonthDay, Product, ProductCategory, ProductSort, StockAdjustment } from './product.js';
import type { Village, VillageTargets } from './village.js';
import type { GroupBuy, GroupBuyStatus } from './group-buy.js';
import type { Order, OrderStatus } from './order.js';
import type { PaymentEventVerifier, PaymentGateway } from './payment.js';
import type { OrganizationMonth, Sale, SaleChannel, VillageMonth } from './sale.js';
import type { Breach, Guarantee, GuaranteeQuery, MarketPrice, Party, Settlement, StoredDelivery, TermsVersion } from './buyback.js';
import type { Pairing, Pledge } from './pairing.js';
import type { WeeklyReport } from './weekly-report.js';
import type { ExportRecord } from './export.js';

/**
 * A retried create's identity: the caller, the key it chose, and a fingerprint of the request body.
 * The repository stores it in the same transaction as the created item, so a key can never create twice.
 */
export interface IdempotencyClaim {
  actorId: string;
  key: string;
  fingerprint: string;
  successStatus: number;
}

/** A product as stored: photos are keys; their URLs depend on where media is served from. */
export type StoredProduct = Omit<Product, 'photos'> & { photoKeys: string[] };

export interface VillageRepository {
  create(village: Village, idempotency?: IdempotencyWrite): Promise<void>;
  get(villageId: string): Promise<Village | undefined>;
  list(query: { county?: string; limit: number; cursor?: string }): Promise<Page<Village>>;
  /** Replaces the village if its stored version is still `expectedVersion`; otherwise ConflictError. */
  update(village: Village, expectedVersion: number): Promise<void>;
  putTargets(targets: VillageTargets): Promise<void>;
  listTargets(villageId: string): Promise<VillageTargets[]>;
}

export interface ProductListQuery {
  villageId?: string;
  county?: string;
  category?: ProductCategory;
  /** When set, only products whose harvest window contains this Asia/Shanghai day. */
  inSeasonOn?: MonthDay;
  sort: ProductSort;
  limit: number;
  cursor?: string;
}

export interface ProductRepository {
  create(product: StoredProduct, idempotency?: IdempotencyWrite): Promise<void>;
  get(productId: string): Promise<StoredProduct | undefined>;
  /** Replaces the product and its listings if its stored version is still `previous.version`. */
  update(next: StoredProduct, previous: StoredProduct): Promise<void>;
  /** Records the adjustment and moves stock by its delta atomically; ConflictError if stock would go below zero. */
  adjustStock(adjustment: StockAdjustment, idempotency?: IdempotencyWrite): Promise<void>;
  /** A product's stock adjustments, newest first (P5). */
  listAdjustments(query: { productId: string; limit: number; cursor?: string }): Promise<Page<StockAdjustment>>;
  /** Active products, newest or cheapest first, through the listing that fits the filters. */
  listActive(query: ProductListQuery): Promise<Page<StoredProduct>>;
  /** Every product of one village whatever its status, newest first (the cooperative's own view). */
  listByVillage(query: { villageId: string; status: 'active' | 'withdrawn' | 'all'; limit: number; cursor?: string }): Promise<Page<StoredProduct>>;
}

export interface OrganizationRepository {
  create(organization: Organization): Promise<void>;
  get(organizationId: string): Promise<Organization | undefined>;
  list(query: { kind?: OrganizationKind; limit: number; cursor?: string }): Promise<Page<Organization>>;
}

export interface AccountRepository {
  create(account: Account): Promise<void>;
  get(accountId: string): Promise<Account | undefined>;
  list(): Promise<Account[]>;
}

/** What a create stores beside its item so that a retry replays the same response. */
export interface IdempotencyWrite extends IdempotencyClaim {
  body: unknown;
  now: Date;
  expiresAt: Date;
}

export interface StoredIdempotentResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

export interface IdempotencyStore {
  find(actorId: string, key: string, now: Date): Promise<StoredIdempotentResponse | undefined>;
}

export interface MediaStorage {
  /** A presigned POST that accepts exactly one object at `key`, of `contentType`, at most `maxBytes`. */
  presignUpload(input: { key: string; contentType: string; maxBytes: number; expiresInSeconds: number }): Promise<{
    url: string;
    fields: Record<string, string>;
  }>;
  /** Size and type of a stored object, or undefined if nothing was uploaded at `key`. */
  describe(key: string): Promise<{ contentType: string | undefined; bytes: number } | undefined>;
  /** Where browsers load the object from. */
  publicUrl(key: string): string;
}

/** Turns a bearer token into an actor, or throws UnauthenticatedError. */
export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
}

/** Why a reservation was refused, for the 409 the buyer sees. */
export type ReservationRefusal = 'sold_out' | 'closed' | 'over_maximum' | 'price_changed' | 'unavailable';

/**
 * One atomic step of an order's life: the order moves from the version read to `next`, with the side effects
 * that must happen with it or not at all. Returns false when the order changed meanwhile (re-read and decide).
 */
export interface OrderTransition {
  next: Order;
  expectedVersion: number;
  /** Stock given back to products (an unpaid order expired, a paid one refunded). */
  releaseStock?: { productId: string; quantity: number }[];
  /** Counter moves on the order's group buy, and the join item's new status. */
  groupBuy?: { groupBuyId: string; joinedDelta: number; paidDelta: number; joinStatus: OrderStatus };
  /** Sales appended with the transition; each is written once per source, ever. */
  sales?: Sale[];
  /** The payment event that caused this; recorded so a redelivery is recognised. */
  eventId?: string;
}

export interface OrderRepository {
  get(orderId: string): Promise<Order | undefined>;
  listByBuyer(query: { buyerId: string; limit: number; cursor?: string }): Promise<Page<Order>>;
  listByVillage(query: { villageId: string; limit: number; cursor?: string }): Promise<Page<Order>>;
  /** Orders still unpaid at `now` past their payment deadline (R3), oldest first. */
  listPaymentOverdue(now: Date, limit: number): Promise<Order[]>;
  /**
   * Places a direct order: reserves each line's stock at the price the buyer saw, and writes the order.
   * Throws ReservationRefused naming the line when a product is short, changed price or was withdrawn.
   */
  place(order: Order, idempotency?: IdempotencyWrite): Promise<void>;
  transition(transition: OrderTransition): Promise<boolean>;
  /** Whether a payment event was already handled (W1). */
  hasEvent(eventId: string): Promise<boolean>;
  /** Records an event that changed nothing, so its redeliveries are recognised; false if already recorded. */
  recordEvent(eventId: string, at: Date): Promise<boolean>;
}

export interface GroupBuyRepository {
  /** Writes the group buy and reserves its maximum from the product's stock, atomically. */
  create(groupBuy: GroupBuy, idempotency?: IdempotencyWrite): Promise<void>;
  get(groupBuyId: string): Promise<GroupBuy | undefined>;
  /**
   * The group buy for a join, possibly a few seconds old: its terms never change once opened, and the join's
   * own transaction re-checks status, deadline and room, so a stale copy can cost nothing but an early refusal.
   */
  getForJoin(groupBuyId: string): Promise<GroupBuy | undefined>;
  list(query: { status: GroupBuyStatus; limit: number; cursor?: string }): Promise<Page<GroupBuy>>;
  /** A leader's group buys, newest first (R6). */
  listByLeader(query: { leaderId: string; limit: number; cursor?: string }): Promise<Page<GroupBuy>>;
  /** Open group buys whose deadline has passed, and any left half-closed (R4). */
  listDue(now: Date, limit: number): Promise<GroupBuy[]>;
  /**
   * One round trip: takes `order.lines[0].quantity` from the group buy's remaining maximum and writes the
   * order and its join. Throws ReservationRefused ('closed', 'sold_out', 'over_maximum').
   */
  join(input: { groupBuy: GroupBuy; order: Order; now: Date; idempotency?: IdempotencyWrite }): Promise<void>;
  joins(groupBuyId: string): Promise<{ orderId: string; buyerId: string; buyerName: string; quantity: number; status: OrderStatus }[]>;
  /** open → closing with the outcome decided; false if it was not open (or not due, or the minimum not met). */
  beginClosing(input: { groupBuyId: string; outcome: 'confirmed' | 'failed'; now: Date; early: boolean }): Promise<boolean>;
  /** closing → confirmed | failed, returning `returnStock` units to the product; false if already done. */
  finishClosing(input: { groupBuy: GroupBuy; returnStock: number; now: Date }): Promise<boolean>;
}

/** A page of ledger rows, newest first; `from` inclusive and `to` exclusive, as UTC ISO instants. */
export interface SaleListQuery {
  from?: string;
  to?: string;
  channel?: SaleChannel;
  limit: number;
  cursor?: string;
}

/**
 * The append-only sales ledger (S1–S3) and the monthly sums kept with it (G1, G2). Sums are maintained in the
 * transaction that appends each sale, so a report reads a handful of items however long the ledger grows.
 */
export interface LedgerRepository {
  /** Appends sales (each once per source: ConflictError naming `source` otherwise) with their sums, atomically. */
  append(sales: Sale[], idempotency?: IdempotencyWrite): Promise<void>;
  get(source: string): Promise<Sale | undefined>;
  listByVillage(query: SaleListQuery & { villageId: string }): Promise<Page<Sale>>;
  listByOrganization(query: SaleListQuery & { organizationId: string }): Promise<Page<Sale>>;
  /** A village's months from `fromMonth` to `toMonth` (`yyyy-mm`, inclusive); months without sales are absent. One Query. */
  villageMonths(villageId: string, fromMonth: string, toMonth: string): Promise<VillageMonth[]>;
  /** Every village's months of one year (rankings, county and category sums). */
  villageMonthsOfYear(year: number): Promise<VillageMonth[]>;
  organizationMonths(organizationId: string, fromMonth: string, toMonth: string): Promise<OrganizationMonth[]>;
  organizationMonthsOfYear(year: number): Promise<OrganizationMonth[]>;
}

// Issue 5: pairings, pledges, weekly reports, exports

/** Many villages' targets of one year at once (V3′), for reports that cover a county or the whole programme. */
export interface VillageTargetsReader {
  ofYear(villageIds: string[], year: number): Promise<VillageTargets[]>;
}

export interface PairingRepository {
  /** Writes the pairing unless its organisation is already paired with its village (ConflictError naming `villageId`). */
  create(pairing: Pairing, idempotency?: IdempotencyWrite): Promise<void>;
  get(pairingId: string): Promise<Pairing | undefined>;
  /** Pairings of one village (PR2), of one organisation (PR3), or all (PR2). */
  list(query: { villageId?: string; organizationId?: string; limit: number; cursor?: string }): Promise<Page<Pairing>>;
  /** Every pairing (PR2, all pages): the weekly-report roll call. */
  listAll(): Promise<Pairing[]>;
}

export interface PledgeRepository {
  /** Sets (or replaces) an organisation's pledge for its year. */
  put(pledge: Pledge): Promise<void>;
  get(organizationId: string, year: number): Promise<Pledge | undefined>;
  listOfYear(year: number): Promise<Pledge[]>;
}

export interface WeeklyReportRepository {
  /** Stores a week's report; ConflictError naming `week` when the pairing already reported that week. */
  create(report: WeeklyReport, idempotency?: IdempotencyWrite): Promise<void>;
  get(pairingId: string, week: string): Promise<WeeklyReport | undefined>;
  listOfWeek(week: string): Promise<WeeklyReport[]>;
}

export interface ExportRepository {
  create(record: ExportRecord, idempotency?: IdempotencyWrite): Promise<void>;
  get(exportId: string): Promise<ExportRecord | undefined>;
}

/** Where export files are written and downloaded from (the exports bucket). */
export interface ExportStorage {
  put(input: { key: string; body: string; contentType: string }): Promise<void>;
  /** A presigned GET that downloads the object as `filename`. */
  downloadUrl(input: { key: string; filename: string; expiresInSeconds: number }): Promise<string>;
}

/** A guarantee with what its partition holds: every terms version and every delivery (B1, B4, B5). */
export interface GuaranteeRecord {
  guarantee: Guarantee;
  terms: TermsVersion[];
  deliveries: StoredDelivery[];
}

/**
 * Buyback guarantees (B1–B9). Writes that rely on the terms are conditional on the guarantee's `termsVersion`, and
 * counters move only by `ADD`, so an amendment, an acceptance and the close never act on terms the others changed.
 * `'stale'` answers mean "something moved since you read it": read again and decide again.
 */
export interface BuybackRepository {
  /** Writes a new offer with its terms version 1 (and the Idempotency-Key), atomically. */
  create(guarantee: Guarantee, terms: TermsVersion, idempotency?: IdempotencyWrite): Promise<void>;
  /**
   * paid → refunded: each delivery paid → accepted (owed again), the guarantee's paid counters taken back, the
   * reversing sales and the event record, in one transaction; false if anything moved since it was read.
   */
  settlementRefunded(input: { settlement: Settlement; deliveries: StoredDelivery[]; sales: Sale[]; eventId: string }): Promise<boolean>;
  /** offered → lapsed (its offer terms lapsed, its B6 entry gone) once its window has ended; false if no longer offered. */
  lapseOffer(input: { guarantee: Guarantee; now: Date }): Promise<boolean>;
  get(guaranteeId: string): Promise<Guarantee | undefined>;
  /** The guarantee, its terms history and its deliveries: one strongly consistent Query of its partition. */
  getRecord(guaranteeId: string): Promise<GuaranteeRecord | undefined>;
  getTerms(guaranteeId: string, version: number): Promise<TermsVersion | undefined>;
  getDelivery(guaranteeId: string, deliveryId: string): Promise<StoredDelivery | undefined>;
  getDeliveries(guaranteeId: string, deliveryIds: string[]): Promise<StoredDelivery[]>;
  /** Every guarantee matching the filters, newest first (B2/B3); read whole so that a list's totals are exact. */
  list(query: GuaranteeQuery): Promise<Guarantee[]>;
  /** offered → active (its close scheduled, B6) or declined, deciding terms version 1; false if no longer offered. */
  decideOffer(input: { guaranteeId: string; status: 'active' | 'declined'; terms: TermsVersion; closesAt: string; now: Date }): Promise<boolean>;
  /** Adds a proposed version while the guarantee is active at `baseVersion` with nothing pending; ConflictError otherwise. */
  proposeAmendment(input: { guaranteeId: string; baseVersion: number; amendment: TermsVersion; now: Date; idempotency?: IdempotencyWrite }): Promise<void>;
  /**
   * The pending amendment becomes the terms in force: the previous version superseded, the close rescheduled.
   * ConflictError naming `maximumQuantity` when more than its maximum was accepted meanwhile.
   */
  acceptAmendment(input: { guarantee: Guarantee; amendment: TermsVersion; closesAt: string; now: Date }): Promise<'done' | 'stale'>;
  declineAmendment(input: { guaranteeId: string; amendment: TermsVersion; now: Date }): Promise<'done' | 'stale'>;
  /** Records a delivery and adds it to what was offered, while the window is open and the terms are `delivery.termsVersion`. */
  recordDelivery(input: { delivery: StoredDelivery; now: Date; idempotency?: IdempotencyWrite }): Promise<'done' | 'stale'>;
  /**
   * recorded → accepted (with its pricing) and `ADD acceptedQuantity` in one transaction, refused with
   * ReservationRefused('over_maximum') when it would pass `maximumQuantity`, however many acceptances race.
   */
  acceptDelivery(input: { delivery: StoredDelivery; maximumQuantity: number | null; now: Date }): Promise<'done' | 'stale'>;
  rejectDelivery(input: { delivery: StoredDelivery; now: Date }): Promise<'done' | 'stale'>;
  /** Writes a settlement and moves its deliveries accepted → settling; ConflictError naming `deliveryIds.<i>` otherwise. */
  createSettlement(settlement: Settlement, deliveries: StoredDelivery[], idempotency?: IdempotencyWrite): Promise<void>;
  getSettlement(settlementId: string): Promise<Settlement | undefined>;
  listSettlements(guaranteeId: string): Promise<Settlement[]>;
  /** pending_payment → paid with its deliveries, the guarantee's paid counters, the sales and the event record; false if anything moved. */
  settlementPaid(input: { settlement: Settlement; deliveries: StoredDelivery[]; sales: Sale[]; eventId: string }): Promise<boolean>;
  /** pending_payment → failed with its deliveries owed again (and the event record, if an event caused it); false if anything moved. */
  settlementFailed(input: { settlement: Settlement; deliveries: StoredDelivery[]; eventId?: string }): Promise<boolean>;
  /** Unpaid settlements past their payment deadline (B9). */
  listSettlementsOverdue(now: Date, limit: number): Promise<Settlement[]>;
  /** Ids of active guarantees whose window has ended (B6). */
  listDueToClose(now: Date, limit: number): Promise<string[]>;
  /** active → closed with its breach, if its window has ended and its counters and terms are still those read; false otherwise. */
  close(input: { guarantee: Guarantee; breach: Breach | null; now: Date }): Promise<boolean>;
  /** An open breach → settled; false if there is no open breach. */
  settleBreach(input: { guaranteeId: string; settledBy: Party; now: Date }): Promise<boolean>;
  hasEvent(eventId: string): Promise<boolean>;
  /** Records a payment event that changed nothing, so its redelivery is recognised; false if it was recorded before. */
  recordEvent(eventId: string, at: Date): Promise<boolean>;
}

/** Organizers' weekly market reference prices per product (B10). */
export interface MarketPriceRepository {
  /** Sets (or replaces) the price of one product and ISO week. */
  put(price: MarketPrice): Promise<void>;
  get(productId: string, isoWeek: string): Promise<MarketPrice | undefined>;
  /** Every week's price of a product, newest week first. */
  list(productId: string): Promise<MarketPrice[]>;
}

/** Everything use cases need from the outside world; built once per process, injected everywhere. */
export interface Deps {
  clock: Clock;
  ids: IdGenerator;
  villages: VillageRepository;
  products: ProductRepository;
  organizations: OrganizationRepository;
  accounts: AccountRepository;
  idempotency: IdempotencyStore;
  media: MediaStorage;
  tokens: TokenVerifier;
  orders: OrderRepository;
  groupBuys: GroupBuyRepository;
  payments: PaymentGateway;
  paymentEvents: PaymentEventVerifier;
  ledger: LedgerRepository;
  // Issue 5: pairings, pledges, weekly reports, exports
  villageTargets: VillageTargetsReader;
  pairings: PairingRepository;
  pledges: PledgeRepository;
  weeklyReports: WeeklyReportRepository;
  exports: ExportRepository;
  exportFiles: ExportStorage;
  // Issue 4: buyback guarantees
  buyback: BuybackRepository;
  marketPrices: MarketPriceRepository;
}

export type { HarvestWindow };
