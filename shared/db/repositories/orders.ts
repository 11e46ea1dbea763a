import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ReservationRefused } from '../../domain/errors.js';
import { Order } from '../../domain/order.js';
import type { IdempotencyWrite, OrderRepository, OrderTransition } from '../../domain/ports.js';
import { ledgerWrites } from '../ledger.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { batchGetItems, getItem, parseItem, putNew, queryPage, transactWrite, type Db } from '../dynamo.js';
import {
  PENDING_ORDERS_PARTITION,
  groupBuyJoinKey,
  groupBuyKey,
  orderKey,
  orderPartKey,
  ordersOfBuyerIndexKey,
  ordersOfBuyerPartition,
  ordersOfVillageIndexKey,
  ordersOfVillagePartition,
  paymentEventKey,
  pendingOrderIndexKey,
  productKey,
} from '../keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const EVENT_TTL_SECONDS = 30 * 24 * 60 * 60;

/** The order item (R0), indexed for its buyer (R1) and, while unpaid, for expiry (R3). */
export function orderItem(order: Order) {
  return {
    ...orderKey(order.orderId),
    ...ordersOfBuyerIndexKey(order.buyerId, order.orderId),
    ...(order.status === 'pending_payment' ? pendingOrderIndexKey(order.payBy, order.orderId) : {}),
    entity: 'Order',
    ...order,
  };
}

/** One village's share of an order (R2): just enough for the cooperative's list to find and filter it. */
export function orderPartItem(order: Order, villageId: string) {
  return {
    ...orderPartKey(order.orderId, villageId),
    ...ordersOfVillageIndexKey(villageId, order.orderId),
    entity: 'OrderPart',
    orderId: order.orderId,
    villageId,
    status: order.status,
  };
}

const villagesOf = (order: Order) => [...new Set(order.lines.map((l) => l.villageId))];

export function eventPut(db: Db, eventId: string, at: Date): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: { ...paymentEventKey(eventId), entity: 'PaymentEvent', eventId, handledAt: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + EVENT_TTL_SECONDS },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Orders in DynamoDB. */
export function orderRepository(db: Db): OrderRepository {
  const batchGetOrders = (orderIds: string[]): Promise<Order[]> => batchGetItems(db, orderIds.map(orderKey), Order, (o) => o.orderId, orderIds);

  return {
    async get(orderId) {
      const item = await getItem(db, orderKey(orderId));
      return item ? parseItem(Order, item) : undefined;
    },

    async listByBuyer({ buyerId, limit, cursor }) {
      const queryId = `buyer-orders:${buyerId}`;
      const page = await queryPage(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': ordersOfBuyerPartition(buyerId) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(queryId, cursor),
      });
      return { items: page.items.map((item) => parseItem(Order, item)), nextCursor: encodeCursor(queryId, page.lastKey) };
    },

    async listByVillage({ villageId, limit, cursor }) {
      const queryId = `village-orders:${villageId}`;
      const page = await queryPage(db, {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': ordersOfVillagePartition(villageId) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(queryId, cursor),
      });
      const orders = await batchGetOrders(page.items.map((item) => String(item.orderId)));
      return { items: orders, nextCursor: encodeCursor(queryId, page.lastKey) };
    },

    async listPaymentOverdue(now, limit) {
      const page = await queryPage(db, {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :now',
        ExpressionAttributeValues: { ':pk': PENDING_ORDERS_PARTITION, ':now': now.toISOString() },
        Limit: limit,
      });
      return page.items.map((item) => parseItem(Order, item));
    },

    async place(order: Order, idempotency?: IdempotencyWrite) {
      const reservations: TransactItem[] = order.lines.map((line) => ({
        Update: {
          TableName: db.tableName,
          Key: productKey(line.productId),
          UpdateExpression: 'ADD stock :minus',
          ConditionExpression: 'attribute_exists(PK) AND #status = :active AND priceFen = :price AND stock >= :quantity',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':minus': -line.quantity, ':active': 'active', ':price': line.unitPriceFen, ':quantity': line.quantity },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      }));
      const writes: TransactItem[] = [
        { Put: { TableName: db.tableName, Item: orderItem(order), ConditionExpression: 'attribute_not_exists(PK)' } },
        ...villagesOf(order).map((villageId) => ({ Put: { TableName: db.tableName, Item: orderPartItem(order, villageId) } })),
      ];
      await transactWrite(db, [...reservations, ...writes], {
        idempotency,
        onConditionFailed: (index) => {
          const line = order.lines[index];
          if (!line) return new ConflictError('This order was already placed');
          return new ReservationRefused('sold_out', `Not enough ${line.productName} left for ${line.quantity} ${line.unit}, or its price or availability changed; reload and try again`, `lines.${index}.quantity`);
        },
      });
    },

    async transition(t: OrderTransition) {
      const { next } = t;
      const items: TransactItem[] = [
        {
          Put: {
            TableName: db.tableName,
            Item: orderItem(next),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': t.expectedVersion },
          },
        },
        ...villagesOf(next).map((villageId) => ({ Put: { TableName: db.tableName, Item: orderPartItem(next, villageId) } })),
        ...(t.releaseStock ?? []).map((release) => ({
          Update: {
            TableName: db.tableName,
            Key: productKey(release.productId),
            UpdateExpression: 'ADD stock :quantity',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':quantity': release.quantity },
          },
        })),
        ...(t.groupBuy
          ? [
              {
                Update: {
                  TableName: db.tableName,
                  Key: groupBuyKey(t.groupBuy.groupBuyId),
                  UpdateExpression: 'ADD joinedQuantity :joined, paidQuantity :paid',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeValues: { ':joined': t.groupBuy.joinedDelta, ':paid': t.groupBuy.paidDelta },
                },
              },
              {
                Update: {
                  TableName: db.tableName,
                  Key: groupBuyJoinKey(t.groupBuy.groupBuyId, next.orderId),
                  UpdateExpression: 'SET #status = :status',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':status': t.groupBuy.joinStatus },
                },
              },
            ]
          : []),
        ...ledgerWrites(db, t.sales ?? []),
        ...(t.eventId ? [eventPut(db, t.eventId, new Date(next.updatedAt))] : []),
      ];
      try {
        await transactWrite(db, items, { onConditionFailed: () => new StaleTransition() });
        return true;
      } catch (error) {
        if (error instanceof StaleTransition) return false;
        throw error;
      }
    },

    async hasEvent(eventId) {
      return (await getItem(db, paymentEventKey(eventId))) !== undefined;
    },

    async recordEvent(eventId, at) {
      try {
        const put = eventPut(db, eventId, at).Put!;
        await putNew(db, put.Item as Record<string, unknown>, 'This payment event');
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },
  };
}

/** The order (or a sale or event it carries) moved on since it was read: the caller re-reads and decides again. */
class StaleTransition extends Error {}
