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
  /** Adds `delta` to stock atomically; ConflictError if stock would go below zero. */
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
}

export type { HarvestWindow };
