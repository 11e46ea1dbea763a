import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../domain/common.js';
import { ConflictError } from '../domain/errors.js';
import type { IdempotencyWrite, LedgerRepository, SaleListQuery } from '../domain/ports.js';
import { Sale, SaleChannel, householdFenOf, type OrganizationMonth, type VillageMonth } from '../domain/sale.js';
import { ProductCategory } from '../domain/product.js';
import { monthInShanghai } from '../domain/season.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { getItem, parseItem, queryAll, queryFilteredPage, transactWrite, type Db } from './dynamo.js';
import {
  monthSortKey,
  organizationAggregatePartition,
  organizationMonthIndexKey,
  organizationMonthKey,
  organizationMonthsOfYearPartition,
  saleKey,
  saleTimeRange,
  salesOfOrganizationIndexKey,
  salesOfOrganizationPartition,
  salesOfVillageIndexKey,
  salesOfVillagePartition,
  villageAggregatePartition,
  villageMonthIndexKey,
  villageMonthKey,
  villageMonthsOfYearPartition,
} from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Counter attribute names on aggregate items. Breakdowns are flat top-level attributes (`fen_channel_order`)
 * rather than maps, because `ADD` creates a missing top-level number but cannot create a missing map.
 */
const CHANNEL_PREFIX = 'fen_channel_';
const CATEGORY_PREFIX = 'fen_category_';
const ORGANIZATION_PREFIX = 'fen_org_';
const VILLAGE_PREFIX = 'fen_village_';

/** The `entity` tags of ledger items; the reconcile script finds sales and sums by them. */
export const SALE_ENTITY = 'Sale';
export const AGGREGATE_ENTITY = 'Aggregate';

/** A sale's item as stored (S1/S2, and S3 when an organisation bought); the bulk import writes the same item. */
export function saleItem(sale: Sale): Record<string, unknown> {
  return {
    ...saleKey(sale.source),
    ...salesOfVillageIndexKey(sale.villageId, sale.occurredAt, sale.source),
    ...(sale.organizationId ? salesOfOrganizationIndexKey(sale.organizationId, sale.occurredAt, sale.source) : {}),
    entity: SALE_ENTITY,
    ...sale,
    householdFen: householdFenOf(sale),
  };
}

/** A sale's item, written only if no sale of the same source exists. */
function salePut(db: Db, sale: Sale): TransactItem {
  return { Put: { TableName: db.tableName, Item: saleItem(sale), ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** Deltas for one aggregate item: plain counters plus named breakdown counters. */
export interface Deltas {
  key: { PK: string; SK: string };
  index: { GSI1PK: string; GSI1SK: string };
  identity: Record<string, string>;
  counters: Map<string, number>;
}

function addTo(deltas: Deltas, attribute: string, amount: number) {
  deltas.counters.set(attribute, (deltas.counters.get(attribute) ?? 0) + amount);
}

/** The `ADD` of one aggregate item's deltas (creating the item if it is missing). */
export function aggregateUpdate(db: Db, deltas: Deltas): TransactItem {
  const names: Record<string, string> = { '#entity': 'entity', '#gpk': 'GSI1PK', '#gsk': 'GSI1SK' };
  const values: Record<string, unknown> = { ':entity': AGGREGATE_ENTITY, ':gpk': deltas.index.GSI1PK, ':gsk': deltas.index.GSI1SK };
  const sets = ['#entity = :entity', '#gpk = :gpk', '#gsk = :gsk'];
  Object.entries(deltas.identity).forEach(([attribute, value], i) => {
    names[`#i${i}`] = attribute;
    values[`:i${i}`] = value;
    sets.push(`#i${i} = :i${i}`);
  });
  const adds = [...deltas.counters].map(([attribute, amount], i) => {
    names[`#c${i}`] = attribute;
    values[`:c${i}`] = amount;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: db.tableName,
      Key: deltas.key,
      UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The writes that append `sales` to the ledger: one conditional put per sale, and one `ADD` per village-month
 * (G1) and per organisation-month (G2) the sales touch, merged so that a transaction never names an item
 * twice. Callers put these into the transaction of whatever caused the sales, so the ledger and its sums
 * move together or not at all.
 */
export function ledgerWrites(db: Db, sales: Sale[]): TransactItem[] {
  return [...sales.map((sale) => salePut(db, sale)), ...aggregateDeltas(sales).map((deltas) => aggregateUpdate(db, deltas))];
}

/**
 * The G1 (village-month) and G2 (organisation-month) deltas that `sales` add, one per item touched. The single
 * definition of what a sale counts where: `ledgerWrites`, the bulk import and the reconcile script all use it.
 */
export function aggregateDeltas(sales: Sale[]): Deltas[] {
  const aggregates = new Map<string, Deltas>();
  const deltasFor = (key: { PK: string; SK: string }, index: Deltas['index'], identity: Record<string, string>) => {
    const id = `${key.PK}|${key.SK}`;
    let deltas = aggregates.get(id);
    if (!deltas) {
      deltas = { key, index, identity, counters: new Map() };
      aggregates.set(id, deltas);
    }
    return deltas;
  };
  for (const sale of sales) {
    const month = monthInShanghai(new Date(sale.occurredAt));
    const householdFen = householdFenOf(sale);
    const village = deltasFor(villageMonthKey(sale.villageId, month), villageMonthIndexKey(sale.villageId, month), { villageId: sale.villageId, month });
    addTo(village, 'salesFen', sale.amountFen);
    addTo(village, 'householdFen', householdFen);
    addTo(village, 'recordCount', 1);
    addTo(village, CHANNEL_PREFIX + sale.channel, sale.amountFen);
    addTo(village, CATEGORY_PREFIX + sale.category, sale.amountFen);
    if (sale.organizationId) {
      addTo(village, ORGANIZATION_PREFIX + sale.organizationId, sale.amountFen);
      const organization = deltasFor(
        organizationMonthKey(sale.organizationId, month),
        organizationMonthIndexKey(sale.organizationId, month),
        { organizationId: sale.organizationId, month },
      );
      addTo(organization, 'salesFen', sale.amountFen);
      addTo(organization, 'householdFen', householdFen);
      addTo(organization, 'recordCount', 1);
      addTo(organization, CHANNEL_PREFIX + sale.channel, sale.amountFen);
      addTo(organization, VILLAGE_PREFIX + sale.villageId, sale.amountFen);
    }
  }
  return [...aggregates.values()];
}

/** The breakdown counters of an aggregate item with one prefix, as a record keyed by what follows it. */
function breakdown(item: Record<string, unknown>, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [attribute, value] of Object.entries(item)) {
    if (attribute.startsWith(prefix) && typeof value === 'number' && value !== 0) out[attribute.slice(prefix.length)] = value;
  }
  return out;
}

const counter = (item: Record<string, unknown>, attribute: string) => (typeof item[attribute] === 'number' ? (item[attribute] as number) : 0);

/** The non-zero breakdown counters for a closed set of names (channels, categories), in the set's order. */
function breakdownOf<Name extends string>(item: Record<string, unknown>, prefix: string, names: readonly Name[]): Partial<Record<Name, number>> {
  const out: Partial<Record<Name, number>> = {};
  for (const name of names) {
    const amount = counter(item, prefix + name);
    if (amount) out[name] = amount;
  }
  return out;
}

export function villageMonthOf(item: Record<string, unknown>): VillageMonth {
  return {
    villageId: String(item.villageId),
    month: String(item.month),
    salesFen: counter(item, 'salesFen'),
    householdFen: counter(item, 'householdFen'),
    recordCount: counter(item, 'recordCount'),
    byChannel: breakdownOf(item, CHANNEL_PREFIX, SaleChannel.options),
    byCategory: breakdownOf(item, CATEGORY_PREFIX, ProductCategory.options),
    byOrganization: breakdown(item, ORGANIZATION_PREFIX),
  };
}

export function organizationMonthOf(item: Record<string, unknown>): OrganizationMonth {
  return {
    organizationId: String(item.organizationId),
    month: String(item.month),
    salesFen: counter(item, 'salesFen'),
    householdFen: counter(item, 'householdFen'),
    recordCount: counter(item, 'recordCount'),
    byChannel: breakdownOf(item, CHANNEL_PREFIX, SaleChannel.options),
    byVillage: breakdown(item, VILLAGE_PREFIX),
  };
}

/** The ledger and its monthly sums in DynamoDB. */
export function ledgerRepository(db: Db): LedgerRepository {
  async function listSales(partition: { index: 'GSI1' | 'GSI2'; pk: string }, query: SaleListQuery): Promise<Page<Sale>> {
    const { from, to, channel, limit, cursor } = query;
    const queryId = `sales:${partition.pk}:${from ?? ''}:${to ?? ''}:${channel ?? ''}`;
    const pkName = `${partition.index}PK`;
    const skName = `${partition.index}SK`;
    const range = saleTimeRange(from ?? '0000', to ?? '9999');
    const page = await queryFilteredPage(
      db,
      {
        IndexName: partition.index,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
        ...(channel ? { FilterExpression: 'channel = :channel' } : {}),
        ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
        ExpressionAttributeValues: { ':pk': partition.pk, ':lower': range.lower, ':upper': range.upper, ...(channel ? { ':channel': channel } : {}) },
        ScanIndexForward: false,
      },
      {
        limit,
        startKey: decodeCursor(queryId, cursor),
        keyOf: (item) => ({ PK: item.PK, SK: item.SK, [pkName]: item[pkName], [skName]: item[skName] }),
      },
    );
    return { items: page.items.map((item) => parseItem(Sale, item)), nextCursor: encodeCursor(queryId, page.lastKey) };
  }

  /** G1/G2: one partition's months from `fromMonth` to `toMonth`, inclusive. */
  const monthsOf = (partition: string, fromMonth: string, toMonth: string) =>
    queryAll(db, {
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': partition, ':from': monthSortKey(fromMonth), ':to': monthSortKey(toMonth) },
    });

  /** G1′/G2′: every month item of one year's partition. */
  const yearPartition = (partition: string) =>
    queryAll(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': partition } });

  return {
    async append(sales, idempotency?: IdempotencyWrite) {
      await transactWrite(db, ledgerWrites(db, sales), {
        idempotency,
        onConditionFailed: (index) => new ConflictError(`A sale with source ${sales[index]?.source ?? '?'} is already in the ledger`, 'source'),
      });
    },

    async get(source) {
      const item = await getItem(db, saleKey(source));
      return item ? parseItem(Sale, item) : undefined;
    },

    listByVillage: ({ villageId, ...query }) => listSales({ index: 'GSI1', pk: salesOfVillagePartition(villageId) }, query),

    listByOrganization: ({ organizationId, ...query }) => listSales({ index: 'GSI2', pk: salesOfOrganizationPartition(organizationId) }, query),

    villageMonths: async (villageId, fromMonth, toMonth) => (await monthsOf(villageAggregatePartition(villageId), fromMonth, toMonth)).map(villageMonthOf),

    villageMonthsOfYear: async (year) => (await yearPartition(villageMonthsOfYearPartition(year))).map(villageMonthOf),

    organizationMonths: async (organizationId, fromMonth, toMonth) =>
      (await monthsOf(organizationAggregatePartition(organizationId), fromMonth, toMonth)).map(organizationMonthOf),

    organizationMonthsOfYear: async (year) => (await yearPartition(organizationMonthsOfYearPartition(year))).map(organizationMonthOf),
  };
}
