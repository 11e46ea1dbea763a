/**
 * Key builders for the single table. Every key string of the application is built here, and each builder
 * names the access-pattern row (access-patterns.md) it serves. Nothing else concatenates key strings.
 */
import type { ProductCategory } from '../domain/product.js';

type Key = { PK: string; SK: string };

/** Free text (a county name) inside a key: `#` and `/` would split it, so it is percent-encoded. */
const segment = (text: string) => encodeURIComponent(text);

/** V1: village by id. */
export const villageKey = (villageId: string): Key => ({ PK: `VILLAGE#${villageId}`, SK: '#VILLAGE' });

/** V2: all villages, grouped by county (GSI1). */
export const villagesIndexKey = (county: string, villageId: string) => ({
  GSI1PK: 'VILLAGES',
  GSI1SK: `${segment(county)}#${villageId}`,
});
/** V2: the GSI1SK prefix of one county's villages. */
export const villagesOfCountyPrefix = (county: string) => `${segment(county)}#`;
export const VILLAGES_PARTITION = 'VILLAGES';

/** V3: a village's targets for one year; `targetsPrefix` lists every year. */
export const villageTargetsKey = (villageId: string, year: number): Key => ({
  PK: `VILLAGE#${villageId}`,
  SK: `TARGETS#${year}`,
});
export const TARGETS_PREFIX = 'TARGETS#';

/** P1: product by id. */
export const productKey = (productId: string): Key => ({ PK: `PRODUCT#${productId}`, SK: '#PRODUCT' });

/** P2: every product of a village whatever its status, newest first (GSI1; ULIDs sort by creation). */
export const productsOfVillageIndexKey = (villageId: string, productId: string) => ({
  GSI1PK: productsOfVillagePartition(villageId),
  GSI1SK: productId,
});
export const productsOfVillagePartition = (villageId: string) => `VILLAGE#${villageId}#PRODUCTS`;

/** The filters a listing partition answers without a filter expression. */
export interface ListingScope {
  villageId?: string;
  county?: string;
  category?: ProductCategory;
}

/**
 * P3/P4: the listing partition for one combination of filters. A product has a listing item in each
 * scope it matches (see `listingScopesOf`), so every supported filter combination is one Query.
 */
export function listingPartition(scope: ListingScope): string {
  const parts: string[] = [];
  if (scope.villageId) parts.push(`v/${scope.villageId}`);
  else if (scope.county) parts.push(`c/${segment(scope.county)}`);
  if (scope.category) parts.push(`k/${scope.category}`);
  return `LISTING#${parts.length ? parts.join('/') : 'all'}`;
}

/** The six listing scopes an active product appears in. */
export function listingScopesOf(product: { villageId: string; county: string; category: ProductCategory }): ListingScope[] {
  const { villageId, county, category } = product;
  return [{}, { villageId }, { county }, { category }, { villageId, category }, { county, category }];
}

/** P3: newest first — the sort key is the product id (a ULID, so creation order). */
export const listingKey = (scope: ListingScope, productId: string): Key => ({
  PK: listingPartition(scope),
  SK: productId,
});

/** P4: cheapest first (LSI1). Zero-padded so string order is numeric order up to MAX_FEN. */
export const listingPriceSortKey = (priceFen: number, productId: string) => ({
  LSI1SK: `${String(priceFen).padStart(10, '0')}#${productId}`,
});

/** P5: the stock adjustments of a product (restocks and write-offs); ULIDs order them in time. */
export const stockAdjustmentKey = (productId: string, adjustmentId: string): Key => ({
  PK: `PRODUCT#${productId}`,
  SK: `${ADJUSTMENTS_PREFIX}${adjustmentId}`,
});

export const ADJUSTMENTS_PREFIX = 'ADJUSTMENT#';

/** O1: organisation by id. */
export const organizationKey = (organizationId: string): Key => ({ PK: `ORG#${organizationId}`, SK: '#ORG' });

/** O2: organisations by kind (GSI1). */
export const organizationsIndexKey = (kind: string, organizationId: string) => ({
  GSI1PK: ORGANIZATIONS_PARTITION,
  GSI1SK: `${kind}#${organizationId}`,
});
export const ORGANIZATIONS_PARTITION = 'ORGS';
export const organizationsOfKindPrefix = (kind: string) => `${kind}#`;

/** A1: account by id. */
export const accountKey = (accountId: string): Key => ({ PK: `ACCOUNT#${accountId}`, SK: '#ACCOUNT' });

/** A2: all accounts by role (GSI1). */
export const accountsIndexKey = (role: string, accountId: string) => ({
  GSI1PK: ACCOUNTS_PARTITION,
  GSI1SK: `${role}#${accountId}`,
});
export const ACCOUNTS_PARTITION = 'ACCOUNTS';

/** I1: the stored outcome of one Idempotency-Key of one caller. */
export const idempotencyKey = (actorId: string, key: string): Key => ({
  PK: `IDEMPOTENCY#${actorId}#${segment(key)}`,
  SK: '#IDEMPOTENCY',
});

/** M1: marks that the demo data of a given version has been seeded. */
export const seedMarkerKey = (): Key => ({ PK: 'META#SEED', SK: '#META' });

/** R0: an order by id. */
export const orderKey = (orderId: string): Key => ({ PK: `ORDER#${orderId}`, SK: '#ORDER' });

/** R1: a buyer's orders, newest first (GSI1). */
export const ordersOfBuyerIndexKey = (buyerId: string, orderId: string) => ({ GSI1PK: ordersOfBuyerPartition(buyerId), GSI1SK: orderId });
export const ordersOfBuyerPartition = (buyerId: string) => `BUYER#${buyerId}#ORDERS`;

/** R3: orders awaiting payment by deadline (GSI2, sparse: removed when the order leaves pending_payment). */
export const pendingOrderIndexKey = (payBy: string, orderId: string) => ({ GSI2PK: PENDING_ORDERS_PARTITION, GSI2SK: `${payBy}#${orderId}` });
export const PENDING_ORDERS_PARTITION = 'ORDERS#PENDING';

/** R2: a village's share of an order; indexed so the cooperative lists its orders, newest first (GSI2). */
export const orderPartKey = (orderId: string, villageId: string): Key => ({ PK: `ORDER#${orderId}`, SK: `VILLAGE#${villageId}` });
export const ordersOfVillageIndexKey = (villageId: string, orderId: string) => ({ GSI2PK: ordersOfVillagePartition(villageId), GSI2SK: orderId });
export const ordersOfVillagePartition = (villageId: string) => `VILLAGE#${villageId}#ORDERS`;

/** R4: a group buy by id; indexed by status and deadline, so "open, soonest deadline first" and "due to close" are one Query (GSI1). */
export const groupBuyKey = (groupBuyId: string): Key => ({ PK: `GROUP_BUY#${groupBuyId}`, SK: '#GROUP_BUY' });
export const groupBuysIndexKey = (status: string, deadline: string, groupBuyId: string) => ({
  GSI1PK: groupBuysPartition(status),
  GSI1SK: `${deadline}#${groupBuyId}`,
});
export const groupBuysPartition = (status: string) => `GROUP_BUYS#${status}`;

/** R6: a leader's group buys, newest first (GSI2). */
export const groupBuysOfLeaderIndexKey = (leaderId: string, groupBuyId: string) => ({ GSI2PK: groupBuysOfLeaderPartition(leaderId), GSI2SK: groupBuyId });
export const groupBuysOfLeaderPartition = (leaderId: string) => `LEADER#${leaderId}#GROUP_BUYS`;

/** R5: the joins of a group buy (who takes how much), for closing and for the hand-out list. */
export const groupBuyJoinKey = (groupBuyId: string, orderId: string): Key => ({ PK: `GROUP_BUY#${groupBuyId}`, SK: `JOIN#${orderId}` });
export const JOINS_PREFIX = 'JOIN#';

/** W1: a payment provider event already handled (TTL 30 days, beyond Stripe's 3 days of retries). */
export const paymentEventKey = (eventId: string): Key => ({ PK: `PAYMENT_EVENT#${eventId}`, SK: '#EVENT' });

/** S2: one sale, keyed by its source so that each source writes once, ever (a conditional put). */
export const saleKey = (source: string): Key => ({ PK: `SALE#${source}`, SK: '#SALE' });

/** S1: a village's sales in time order (GSI1); a time range is a BETWEEN on the sort key. */
export const salesOfVillageIndexKey = (villageId: string, occurredAt: string, source: string) => ({
  GSI1PK: salesOfVillagePartition(villageId),
  GSI1SK: saleTimeSortKey(occurredAt, source),
});
export const salesOfVillagePartition = (villageId: string) => `SALES#VILLAGE#${villageId}`;

/** S3: a buyer organisation's purchases in time order (GSI2). */
export const salesOfOrganizationIndexKey = (organizationId: string, occurredAt: string, source: string) => ({
  GSI2PK: salesOfOrganizationPartition(organizationId),
  GSI2SK: saleTimeSortKey(occurredAt, source),
});
export const salesOfOrganizationPartition = (organizationId: string) => `SALES#ORG#${organizationId}`;

/** S1/S3 sort key: the UTC instant first, so string order is time order; the source breaks ties. */
export const saleTimeSortKey = (occurredAt: string, source: string) => `${occurredAt}#${source}`;
/** S1/S3: sort-key bounds that include every sale from `from` (inclusive) to `to` (exclusive), both UTC ISO instants. */
export const saleTimeRange = (from: string, to: string) => ({ lower: `${from}#`, upper: `${to}#` });

/** G1: a village's sums for one Asia/Shanghai month; one Query reads any run of months (base). */
export const villageMonthKey = (villageId: string, month: string): Key => ({ PK: villageAggregatePartition(villageId), SK: monthSortKey(month) });
export const villageAggregatePartition = (villageId: string) => `AGG#VILLAGE#${villageId}`;
/** G1: every village's months of one year in one partition (GSI1), for rankings and county or category sums. */
export const villageMonthIndexKey = (villageId: string, month: string) => ({
  GSI1PK: villageMonthsOfYearPartition(month.slice(0, 4)),
  GSI1SK: `${villageId}#${month}`,
});
export const villageMonthsOfYearPartition = (year: string | number) => `AGGS#VILLAGE#${year}`;

/** G2: a buyer organisation's sums for one Asia/Shanghai month (base), and every organisation's of a year (GSI1). */
export const organizationMonthKey = (organizationId: string, month: string): Key => ({
  PK: organizationAggregatePartition(organizationId),
  SK: monthSortKey(month),
});
export const organizationAggregatePartition = (organizationId: string) => `AGG#ORG#${organizationId}`;
export const organizationMonthIndexKey = (organizationId: string, month: string) => ({
  GSI1PK: organizationMonthsOfYearPartition(month.slice(0, 4)),
  GSI1SK: `${organizationId}#${month}`,
});
export const organizationMonthsOfYearPartition = (year: string | number) => `AGGS#ORG#${year}`;

/** G1/G2 sort key of a month (`yyyy-mm`); months sort as strings. */
export const monthSortKey = (month: string) => `MONTH#${month}`;

// Issue 5: pairings, pledges, weekly reports, exports

/** PR1: a pairing (结对) by id. */
export const pairingKey = (pairingId: string): Key => ({ PK: `PAIRING#${pairingId}`, SK: '#PAIRING' });

/** PR2: every pairing, grouped by village, so "all" and "of one village" are one Query (GSI1). */
export const pairingsIndexKey = (villageId: string, pairingId: string) => ({ GSI1PK: PAIRINGS_PARTITION, GSI1SK: `${villageId}#${pairingId}` });
export const PAIRINGS_PARTITION = 'PAIRINGS';
export const pairingsOfVillagePrefix = (villageId: string) => `${villageId}#`;

/** PR3: the pairings of one organisation, oldest first (GSI2). */
export const pairingsOfOrganizationIndexKey = (organizationId: string, pairingId: string) => ({
  GSI2PK: pairingsOfOrganizationPartition(organizationId),
  GSI2SK: pairingId,
});
export const pairingsOfOrganizationPartition = (organizationId: string) => `ORG#${organizationId}#PAIRINGS`;

/** PR4: at most one pairing per organisation and village (a conditional put beside the pairing). */
export const pairingUniquenessKey = (organizationId: string, villageId: string): Key => ({
  PK: `PAIRED#${organizationId}#${villageId}`,
  SK: '#PAIRED',
});

/** PL1: an organisation's pledge (认购承诺) for one year, in the organisation's partition. */
export const pledgeKey = (organizationId: string, year: number): Key => ({ PK: `ORG#${organizationId}`, SK: `PLEDGE#${year}` });

/** PL2: every pledge of one year (rankings, GSI1). */
export const pledgesOfYearIndexKey = (year: number, organizationId: string) => ({ GSI1PK: pledgesOfYearPartition(year), GSI1SK: organizationId });
export const pledgesOfYearPartition = (year: number) => `PLEDGES#${year}`;

/** WR1: a pairing's weekly report for one ISO week (`2026-W47`); one per pairing and week. */
export const weeklyReportKey = (pairingId: string, week: string): Key => ({ PK: `PAIRING#${pairingId}`, SK: `WEEKLY#${week}` });

/** WR2: every weekly report of one ISO week (organizers' late and missing list, GSI1). */
export const weeklyReportsOfWeekIndexKey = (week: string, pairingId: string) => ({ GSI1PK: weeklyReportsOfWeekPartition(week), GSI1SK: pairingId });
export const weeklyReportsOfWeekPartition = (week: string) => `WEEKLY_REPORTS#${week}`;

/** EX1: an export's record (who asked, where its file is); TTL matches the bucket's 7-day expiry. */
export const exportKey = (exportId: string): Key => ({ PK: `EXPORT#${exportId}`, SK: '#EXPORT' });

// Issue 4: buyback guarantees

/** B1: a guarantee by id; its partition also holds its terms versions (B4), deliveries (B5) and closing entry (B6). */
export const guaranteeKey = (guaranteeId: string): Key => ({ PK: guaranteePartition(guaranteeId), SK: '#GUARANTEE' });
export const guaranteePartition = (guaranteeId: string) => `GUARANTEE#${guaranteeId}`;

/** B2: every guarantee, or one village's with `begins_with(GSI1SK, <villageId>#)` (GSI1). */
export const guaranteesIndexKey = (villageId: string, guaranteeId: string) => ({ GSI1PK: GUARANTEES_PARTITION, GSI1SK: `${villageId}#${guaranteeId}` });
export const GUARANTEES_PARTITION = 'GUARANTEES';
export const guaranteesOfVillagePrefix = (villageId: string) => `${villageId}#`;

/** B3: an organisation's guarantees, newest first (GSI2). */
export const guaranteesOfOrganizationIndexKey = (organizationId: string, guaranteeId: string) => ({
  GSI2PK: guaranteesOfOrganizationPartition(organizationId),
  GSI2SK: guaranteeId,
});
export const guaranteesOfOrganizationPartition = (organizationId: string) => `ORG#${organizationId}#GUARANTEES`;

/** B4: one version of a guarantee's terms; zero-padded so versions sort in order. */
export const guaranteeTermsKey = (guaranteeId: string, version: number): Key => ({
  PK: guaranteePartition(guaranteeId),
  SK: `${GUARANTEE_TERMS_PREFIX}${String(version).padStart(4, '0')}`,
});
export const GUARANTEE_TERMS_PREFIX = 'TERMS#';

/** B5: one delivery of a guarantee (ULIDs order them by recording time). */
export const guaranteeDeliveryKey = (guaranteeId: string, deliveryId: string): Key => ({
  PK: guaranteePartition(guaranteeId),
  SK: `${GUARANTEE_DELIVERY_PREFIX}${deliveryId}`,
});
export const GUARANTEE_DELIVERY_PREFIX = 'DELIVERY#';

/** B6: a guarantee's closing entry, indexed by when it closes or, still offered, lapses (GSI1, sparse: only while offered or active). */
export const guaranteeClosingKey = (guaranteeId: string): Key => ({ PK: guaranteePartition(guaranteeId), SK: '#CLOSING' });
export const guaranteeClosingIndexKey = (closesAt: string, guaranteeId: string) => ({
  GSI1PK: GUARANTEES_CLOSING_PARTITION,
  GSI1SK: `${closesAt}#${guaranteeId}`,
});
export const GUARANTEES_CLOSING_PARTITION = 'GUARANTEES#CLOSING';

/** B7: a settlement by id (the payment event names only the settlement). */
export const settlementKey = (settlementId: string): Key => ({ PK: `SETTLEMENT#${settlementId}`, SK: '#SETTLEMENT' });

/** B8: a guarantee's settlements, oldest first (GSI1). */
export const settlementsOfGuaranteeIndexKey = (guaranteeId: string, settlementId: string) => ({
  GSI1PK: settlementsOfGuaranteePartition(guaranteeId),
  GSI1SK: settlementId,
});
export const settlementsOfGuaranteePartition = (guaranteeId: string) => `GUARANTEE#${guaranteeId}#SETTLEMENTS`;

/** B9: unpaid settlements by payment deadline (GSI2, sparse: removed when the settlement is paid or fails). */
export const pendingSettlementIndexKey = (payBy: string, settlementId: string) => ({ GSI2PK: PENDING_SETTLEMENTS_PARTITION, GSI2SK: `${payBy}#${settlementId}` });
export const PENDING_SETTLEMENTS_PARTITION = 'SETTLEMENTS#PENDING';

/** B10: a product's market reference price for one ISO week; `begins_with(SK, MARKET_PRICE#)` lists them all. */
export const marketPriceKey = (productId: string, isoWeek: string): Key => ({ PK: productKey(productId).PK, SK: `${MARKET_PRICES_PREFIX}${isoWeek}` });
export const MARKET_PRICES_PREFIX = 'MARKET_PRICE#';
