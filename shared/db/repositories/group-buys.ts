import { UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ConflictError, ReservationRefused } from '../../domain/errors.js';
import { GroupBuy } from '../../domain/group-buy.js';
import type { OrderStatus } from '../../domain/order.js';
import type { GroupBuyRepository } from '../../domain/ports.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { getItem, parseItem, queryAll, queryPage, transactWrite, withoutKeys, type Db } from '../dynamo.js';
import {
  JOINS_PREFIX,
  groupBuyJoinKey,
  groupBuyKey,
  groupBuysIndexKey,
  groupBuysOfLeaderIndexKey,
  groupBuysOfLeaderPartition,
  groupBuysPartition,
  productKey,
} from '../keys.js';
import { orderItem, orderPartItem } from './orders.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The group buy item (R4), indexed by status and deadline. */
export function groupBuyItem(groupBuy: GroupBuy) {
  return {
    ...groupBuyKey(groupBuy.groupBuyId),
    ...groupBuysIndexKey(groupBuy.status, groupBuy.deadline, groupBuy.groupBuyId),
    ...groupBuysOfLeaderIndexKey(groupBuy.leaderId, groupBuy.groupBuyId),
    entity: 'GroupBuy',
    ...groupBuy,
  };
}

/** How long a join may rely on a cached copy of a group buy's terms. */
const JOIN_CACHE_TTL_MS = 5_000;
const JOIN_CACHE_MAX = 1_000;

/** Group buys in DynamoDB. */
export function groupBuyRepository(db: Db): GroupBuyRepository {
  // Per process (one Lambda container, the local server): during a flash sale every join of one group buy
  // would otherwise read the same item.
  const joinCache = new Map<string, { groupBuy: GroupBuy; until: number }>();
  return {
    async create(groupBuy, idempotency) {
      await transactWrite(
        db,
        [
          {
            Update: {
              TableName: db.tableName,
              Key: productKey(groupBuy.productId),
              UpdateExpression: 'ADD stock :minus',
              ConditionExpression: 'attribute_exists(PK) AND #status = :active AND stock >= :maximum',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':minus': -groupBuy.maxQuantity, ':active': 'active', ':maximum': groupBuy.maxQuantity },
            },
          },
          { Put: { TableName: db.tableName, Item: groupBuyItem(groupBuy), ConditionExpression: 'attribute_not_exists(PK)' } },
        ],
        {
          idempotency,
          onConditionFailed: (index) =>
            index === 0
              ? new ReservationRefused('over_maximum', `maxQuantity is more than the ${groupBuy.productName} in stock (or the product was withdrawn)`, 'maxQuantity')
              : new ConflictError('This group buy already exists'),
        },
      );
    },

    async get(groupBuyId) {
      const item = await getItem(db, groupBuyKey(groupBuyId));
      return item ? parseItem(GroupBuy, item) : undefined;
    },

    async getForJoin(groupBuyId) {
      const cached = joinCache.get(groupBuyId);
      if (cached && cached.until > Date.now()) return cached.groupBuy;
      const item = await getItem(db, groupBuyKey(groupBuyId));
      if (!item) return undefined;
      const groupBuy = parseItem(GroupBuy, item);
      if (joinCache.size >= JOIN_CACHE_MAX) joinCache.clear();
      joinCache.set(groupBuyId, { groupBuy, until: Date.now() + JOIN_CACHE_TTL_MS });
      return groupBuy;
    },

    async list({ status, limit, cursor }) {
      const queryId = `group-buys:${status}`;
      const page = await queryPage(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': groupBuysPartition(status) },
        // Open ones soonest deadline first; closed ones most recent first.
        ScanIndexForward: status === 'open',
        Limit: limit,
        ExclusiveStartKey: decodeCursor(queryId, cursor),
      });
      return { items: page.items.map((item) => parseItem(GroupBuy, item)), nextCursor: encodeCursor(queryId, page.lastKey) };
    },

    async listByLeader({ leaderId, limit, cursor }) {
      const queryId = `leader-group-buys:${leaderId}`;
      const page = await queryPage(db, {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': groupBuysOfLeaderPartition(leaderId) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(queryId, cursor),
      });
      return { items: page.items.map((item) => parseItem(GroupBuy, item)), nextCursor: encodeCursor(queryId, page.lastKey) };
    },

    async listDue(now, limit) {
      const [due, closing] = await Promise.all([
        queryPage(db, {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
          ExpressionAttributeValues: { ':pk': groupBuysPartition('open'), ':now': `${now.toISOString()}#~` },
          Limit: limit,
        }),
        queryPage(db, {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': groupBuysPartition('closing') },
          Limit: limit,
        }),
      ]);
      return [...closing.items, ...due.items].map((item) => parseItem(GroupBuy, item));
    },

    async join({ groupBuy, order, now, idempotency }) {
      const line = order.lines[0]!;
      const items: TransactItem[] = [
        {
          Update: {
            TableName: db.tableName,
            Key: groupBuyKey(groupBuy.groupBuyId),
            UpdateExpression: 'ADD joinedQuantity :quantity, joinCount :one',
            // No arithmetic in conditions: "joined + quantity <= max" is "joined <= max - quantity".
            ConditionExpression: '#status = :open AND deadline > :now AND joinedQuantity <= :room',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':quantity': line.quantity,
              ':one': 1,
              ':open': 'open',
              ':now': now.toISOString(),
              ':room': groupBuy.maxQuantity - line.quantity,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Put: { TableName: db.tableName, Item: orderItem(order), ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: db.tableName, Item: orderPartItem(order, line.villageId) } },
        {
          Put: {
            TableName: db.tableName,
            Item: {
              ...groupBuyJoinKey(groupBuy.groupBuyId, order.orderId),
              entity: 'GroupBuyJoin',
              orderId: order.orderId,
              buyerId: order.buyerId,
              buyerName: order.buyerName,
              quantity: line.quantity,
              status: order.status,
            },
          },
        },
      ];
      try {
        await transactWrite(db, items, {
          idempotency,
          onConditionFailed: (index, item) => (index === 0 ? refusalOf(item, now) : new ConflictError('This join was already made')),
        });
      } catch (error) {
        if (error instanceof ReservationRefused && error.code === 'unknown') throw await refusalRead(db, groupBuy.groupBuyId, now);
        throw error;
      }
    },

    async joins(groupBuyId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': groupBuyKey(groupBuyId).PK, ':prefix': JOINS_PREFIX },
        ConsistentRead: true,
      });
      return items.map((item) => ({
        orderId: String(item.orderId),
        buyerId: String(item.buyerId),
        buyerName: String(item.buyerName),
        quantity: Number(item.quantity),
        status: item.status as OrderStatus,
      }));
    },

    async beginClosing({ groupBuyId, outcome, now, early }) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: groupBuyKey(groupBuyId),
            UpdateExpression: 'SET #status = :closing, outcome = :outcome, GSI1PK = :pk, version = version + :one',
            ConditionExpression: early
              ? '#status = :open AND paidQuantity >= minQuantity'
              : `#status = :open AND deadline <= :now AND ${outcome === 'confirmed' ? 'paidQuantity >= minQuantity' : 'paidQuantity < minQuantity'}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':closing': 'closing',
              ':open': 'open',
              ':outcome': outcome,
              ':pk': groupBuysPartition('closing'),
              ':one': 1,
              ...(early ? {} : { ':now': now.toISOString() }),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async finishClosing({ groupBuy, returnStock, now }) {
      const outcome = groupBuy.outcome ?? 'failed';
      const items: TransactItem[] = [
        {
          Update: {
            TableName: db.tableName,
            Key: groupBuyKey(groupBuy.groupBuyId),
            UpdateExpression: 'SET #status = :outcome, closedAt = :now, GSI1PK = :pk, version = version + :one',
            ConditionExpression: '#status = :closing',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':outcome': outcome, ':now': now.toISOString(), ':pk': groupBuysPartition(outcome), ':closing': 'closing', ':one': 1 },
          },
        },
        ...(returnStock > 0
          ? [
              {
                Update: {
                  TableName: db.tableName,
                  Key: productKey(groupBuy.productId),
                  UpdateExpression: 'ADD stock :quantity',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeValues: { ':quantity': returnStock },
                },
              },
            ]
          : []),
      ];
      try {
        await transactWrite(db, items, { onConditionFailed: () => new JoinConditionFailed() });
        return true;
      } catch (error) {
        if (error instanceof JoinConditionFailed) return false;
        throw error;
      }
    },
  };
}

class JoinConditionFailed extends Error {}

/**
 * Why a join was refused, from the group buy as the failed condition saw it (DynamoDB returns it with the
 * cancellation), so a refusal costs no extra read. Without it, the reason is read afterwards.
 */
function refusalOf(item: Record<string, unknown> | undefined, now: Date): ReservationRefused {
  const parsed = item ? GroupBuy.safeParse(withoutKeys(item)) : undefined;
  if (!parsed?.success) return new ReservationRefused('unknown', 'The join was refused');
  return refusalFrom(parsed.data, now);
}

async function refusalRead(db: Db, groupBuyId: string, now: Date): Promise<ReservationRefused> {
  const item = await getItem(db, groupBuyKey(groupBuyId));
  return refusalFrom(item ? parseItem(GroupBuy, item) : undefined, now);
}

function refusalFrom(current: GroupBuy | undefined, now: Date): ReservationRefused {
  if (!current || current.status !== 'open' || current.deadline <= now.toISOString()) {
    return new ReservationRefused('closed', 'This group buy is closed', 'groupBuyId');
  }
  const left = current.maxQuantity - current.joinedQuantity;
  if (left <= 0) return new ReservationRefused('sold_out', 'This group buy is sold out', 'quantity');
  return new ReservationRefused('over_maximum', `Only ${left} left; join with at most that`, 'quantity');
}

