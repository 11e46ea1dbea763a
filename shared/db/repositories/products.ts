import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Page } from '../../domain/common.js';
import { Product, StockAdjustment } from '../../domain/product.js';
import type { IdempotencyWrite, ProductListQuery, ProductRepository, StoredProduct } from '../../domain/ports.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { batchGetItems, getItem, parseItem, queryFilteredPage, queryPage, transactWrite, type Db } from '../dynamo.js';
import {
  ADJUSTMENTS_PREFIX,
  listingKey,
  listingPartition,
  listingPriceSortKey,
  listingScopesOf,
  productKey,
  productsOfVillageIndexKey,
  productsOfVillagePartition,
  stockAdjustmentKey,
  type ListingScope,
} from '../keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const StoredProductSchema = Product.omit({ photos: true }).extend({ photoKeys: Product.shape.photos.element.shape.key.array() });

/** The product item itself (P1, indexed for P2). */
export function productItem(product: StoredProduct) {
  return {
    ...productKey(product.productId),
    ...productsOfVillageIndexKey(product.villageId, product.productId),
    entity: 'Product',
    ...product,
  };
}

/** A listing item (P3, P4): just enough to find, order and season-filter the product it points at. */
export function listingItem(scope: ListingScope, product: StoredProduct) {
  const window = product.harvestWindow;
  return {
    ...listingKey(scope, product.productId),
    ...listingPriceSortKey(product.priceFen, product.productId),
    entity: 'ProductListing',
    productId: product.productId,
    ...(window
      ? { harvestStart: window.start, harvestEnd: window.end, harvestWraps: window.start > window.end }
      : {}),
  };
}

const listedScopes = (product: StoredProduct): ListingScope[] =>
  product.status === 'active' ? listingScopesOf(product) : [];

/** Content fields an edit may change; stock is absent on purpose: it moves only by atomic ADD. */
const EDITABLE_FIELDS = [
  'name',
  'nameEn',
  'category',
  'unit',
  'priceFen',
  'harvestWindow',
  'description',
  'descriptionEn',
  'farmerShareBps',
  'photoKeys',
  'status',
  'updatedAt',
  'version',
] as const;

/** The transaction items that move a product from `previous` to `next`, listings included. */
export function productUpdateItems(db: Db, next: StoredProduct, previous: StoredProduct): TransactItem[] {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': previous.version };
  const sets: string[] = [];
  const removes: string[] = [];
  EDITABLE_FIELDS.forEach((field, i) => {
    names[`#f${i}`] = field;
    const value = next[field];
    if (value === undefined) removes.push(`#f${i}`);
    else {
      sets.push(`#f${i} = :v${i}`);
      values[`:v${i}`] = value;
    }
  });
  const update: TransactItem = {
    Update: {
      TableName: db.tableName,
      Key: productKey(next.productId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(PK) AND version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
  const nextScopes = listedScopes(next);
  const keep = new Set(nextScopes.map(listingPartition));
  const deletes: TransactItem[] = listedScopes(previous)
    .filter((scope) => !keep.has(listingPartition(scope)))
    .map((scope) => ({ Delete: { TableName: db.tableName, Key: listingKey(scope, previous.productId) } }));
  const puts: TransactItem[] = nextScopes.map((scope) => ({
    Put: { TableName: db.tableName, Item: listingItem(scope, next) },
  }));
  return [update, ...deletes, ...puts];
}

/** Products in DynamoDB. */
export function productRepository(db: Db): ProductRepository {
  const batchGetProducts = (productIds: string[]): Promise<StoredProduct[]> =>
    batchGetItems(db, productIds.map(productKey), StoredProductSchema, (p) => p.productId, productIds);

  return {
    async create(product, idempotency?: IdempotencyWrite) {
      await transactWrite(
        db,
        [
          { Put: { TableName: db.tableName, Item: productItem(product), ConditionExpression: 'attribute_not_exists(PK)' } },
          ...listedScopes(product).map((scope) => ({ Put: { TableName: db.tableName, Item: listingItem(scope, product) } })),
        ],
        { idempotency, onConditionFailed: () => new ConflictError('A product with this id already exists') },
      );
    },

    async get(productId) {
      const item = await getItem(db, productKey(productId));
      return item ? parseItem(StoredProductSchema, item) : undefined;
    },

    async update(next, previous) {
      await transactWrite(db, productUpdateItems(db, next, previous), {
        onConditionFailed: () =>
          new ConflictError('The product was changed by someone else; reload it and try again', 'If-Match'),
      });
    },

    async adjustStock(adjustment: StockAdjustment, idempotency?: IdempotencyWrite) {
      const lowering = adjustment.delta < 0;
      await transactWrite(
        db,
        [
          {
            Update: {
              TableName: db.tableName,
              Key: productKey(adjustment.productId),
              UpdateExpression: 'ADD stock :delta',
              ConditionExpression: lowering ? 'attribute_exists(PK) AND stock >= :needed' : 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':delta': adjustment.delta, ...(lowering ? { ':needed': -adjustment.delta } : {}) },
            },
          },
          {
            Put: {
              TableName: db.tableName,
              Item: { ...stockAdjustmentKey(adjustment.productId, adjustment.adjustmentId), entity: 'StockAdjustment', ...adjustment },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
        {
          idempotency,
          onConditionFailed: (index) =>
            index === 0
              ? lowering
                ? new ConflictError(`Stock is less than ${-adjustment.delta}; it cannot go below zero`, 'delta')
                : new NotFoundError('No such product')
              : new ConflictError('This adjustment was already recorded'),
        },
      );
    },

    async listAdjustments({ productId, limit, cursor }) {
      const queryId = `adjustments:${productId}`;
      const page = await queryPage(db, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': productKey(productId).PK, ':prefix': ADJUSTMENTS_PREFIX },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(queryId, cursor),
      });
      return {
        items: page.items.map((item) => parseItem(StockAdjustment, item)),
        nextCursor: encodeCursor(queryId, page.lastKey),
      };
    },

    async listActive(query: ProductListQuery): Promise<Page<StoredProduct>> {
      const scope: ListingScope = query.villageId
        ? { villageId: query.villageId, category: query.category }
        : { county: query.county, category: query.category };
      const partition = listingPartition(scope);
      const cheapest = query.sort === 'cheapest';
      const queryId = `products:${partition}:${query.sort}:${query.inSeasonOn ? 'season' : ''}`;
      const base = {
        ...(cheapest ? { IndexName: 'LSI1' } : {}),
        KeyConditionExpression: 'PK = :pk',
        ScanIndexForward: cheapest,
      };
      const startKey = decodeCursor(queryId, query.cursor);
      const page = query.inSeasonOn
        ? await queryFilteredPage(
            db,
            {
              ...base,
              FilterExpression:
                'attribute_not_exists(harvestStart) OR (harvestWraps = :no AND harvestStart <= :day AND harvestEnd >= :day) OR (harvestWraps = :yes AND (harvestStart <= :day OR harvestEnd >= :day))',
              ExpressionAttributeValues: { ':pk': partition, ':day': query.inSeasonOn, ':yes': true, ':no': false },
            },
            {
              limit: query.limit,
              startKey,
              keyOf: (item) => ({ PK: item.PK, SK: item.SK, ...(cheapest ? { LSI1SK: item.LSI1SK } : {}) }),
            },
          )
        : await queryPage(db, { ...base, ExpressionAttributeValues: { ':pk': partition }, Limit: query.limit, ExclusiveStartKey: startKey });
      const products = await batchGetProducts(page.items.map((item) => String(item.productId)));
      return { items: products, nextCursor: encodeCursor(queryId, page.lastKey) };
    },

    async listByVillage({ villageId, status, limit, cursor }) {
      const queryId = `village-products:${villageId}:${status}`;
      const base = {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ScanIndexForward: false,
      };
      const startKey = decodeCursor(queryId, cursor);
      const page =
        status === 'all'
          ? await queryPage(db, { ...base, ExpressionAttributeValues: { ':pk': productsOfVillagePartition(villageId) }, Limit: limit, ExclusiveStartKey: startKey })
          : await queryFilteredPage(
              db,
              {
                ...base,
                FilterExpression: '#status = :status',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pk': productsOfVillagePartition(villageId), ':status': status },
              },
              { limit, startKey, keyOf: (item) => ({ PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK }) },
            );
      return {
        items: page.items.map((item) => parseItem(StoredProductSchema, item)),
        nextCursor: encodeCursor(queryId, page.lastKey),
      };
    },
  };
}
