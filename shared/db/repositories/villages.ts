import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import type { Page } from '../../domain/common.js';
import type { IdempotencyWrite, VillageRepository } from '../../domain/ports.js';
import { Village, VillageTargets } from '../../domain/village.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { getItem, parseItem, queryAll, queryPage, transactWrite, type Db } from '../dynamo.js';
import {
  TARGETS_PREFIX,
  VILLAGES_PARTITION,
  villageKey,
  villageTargetsKey,
  villagesIndexKey,
  villagesOfCountyPrefix,
} from '../keys.js';

/** The stored item of a village (V1, indexed for V2). */
export function villageItem(village: Village) {
  return { ...villageKey(village.villageId), ...villagesIndexKey(village.county, village.villageId), entity: 'Village', ...village };
}

/** Villages in DynamoDB. */
export function villageRepository(db: Db): VillageRepository {
  return {
    async create(village: Village, idempotency?: IdempotencyWrite) {
      await transactWrite(
        db,
        [{ Put: { TableName: db.tableName, Item: villageItem(village), ConditionExpression: 'attribute_not_exists(PK)' } }],
        { idempotency, onConditionFailed: () => new ConflictError('A village with this id already exists') },
      );
    },

    async get(villageId) {
      const item = await getItem(db, villageKey(villageId));
      return item ? parseItem(Village, item) : undefined;
    },

    async list({ county, limit, cursor }): Promise<Page<Village>> {
      const queryId = `villages:${county ?? ''}`;
      const page = await queryPage(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: county ? 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)' : 'GSI1PK = :pk',
        ExpressionAttributeValues: {
          ':pk': VILLAGES_PARTITION,
          ...(county ? { ':prefix': villagesOfCountyPrefix(county) } : {}),
        },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(queryId, cursor),
      });
      return { items: page.items.map((item) => parseItem(Village, item)), nextCursor: encodeCursor(queryId, page.lastKey) };
    },

    async update(village: Village, expectedVersion: number) {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: villageItem(village),
            ConditionExpression: 'attribute_exists(PK) AND version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new ConflictError('The village was changed by someone else; reload and try again', 'If-Match');
        }
        throw error;
      }
    },

    async putTargets(targets: VillageTargets) {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...villageTargetsKey(targets.villageId, targets.year), entity: 'VillageTargets', ...targets },
        }),
      );
    },

    async listTargets(villageId: string) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': villageKey(villageId).PK, ':prefix': TARGETS_PREFIX },
        ConsistentRead: true,
      });
      return items.map((item) => parseItem(VillageTargets, item));
    },
  };
}
