import { ConflictError } from '../../domain/errors.js';
import { Pairing } from '../../domain/pairing.js';
import type { PairingRepository } from '../../domain/ports.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { getItem, parseItem, queryAll, queryPage, transactWrite, type Db } from '../dynamo.js';
import {
  PAIRINGS_PARTITION,
  pairingKey,
  pairingUniquenessKey,
  pairingsIndexKey,
  pairingsOfOrganizationIndexKey,
  pairingsOfOrganizationPartition,
  pairingsOfVillagePrefix,
} from '../keys.js';

/** The stored item of a pairing (PR1), indexed for PR2 and PR3. */
export function pairingItem(pairing: Pairing) {
  return {
    ...pairingKey(pairing.pairingId),
    ...pairingsIndexKey(pairing.villageId, pairing.pairingId),
    ...pairingsOfOrganizationIndexKey(pairing.organizationId, pairing.pairingId),
    entity: 'Pairing',
    ...pairing,
  };
}

/** Pairings in DynamoDB. */
export function pairingRepository(db: Db): PairingRepository {
  return {
    async create(pairing, idempotency) {
      await transactWrite(
        db,
        [
          { Put: { TableName: db.tableName, Item: pairingItem(pairing), ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Put: {
              TableName: db.tableName,
              Item: { ...pairingUniquenessKey(pairing.organizationId, pairing.villageId), entity: 'PairingUniqueness', pairingId: pairing.pairingId },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
        {
          idempotency,
          onConditionFailed: (index) =>
            index === 1
              ? new ConflictError('This organisation is already paired with this village', 'villageId')
              : new ConflictError('A pairing with this id already exists'),
        },
      );
    },

    async get(pairingId) {
      const item = await getItem(db, pairingKey(pairingId));
      return item ? parseItem(Pairing, item) : undefined;
    },

    async list({ villageId, organizationId, limit, cursor }) {
      const queryId = `pairings:${villageId ?? ''}:${organizationId ?? ''}`;
      const input = organizationId
        ? {
            IndexName: 'GSI2',
            KeyConditionExpression: 'GSI2PK = :pk',
            ExpressionAttributeValues: {
              ':pk': pairingsOfOrganizationPartition(organizationId),
              ...(villageId ? { ':village': villageId } : {}),
            },
            ...(villageId ? { FilterExpression: 'villageId = :village' } : {}),
          }
        : {
            IndexName: 'GSI1',
            KeyConditionExpression: villageId ? 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)' : 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': PAIRINGS_PARTITION, ...(villageId ? { ':prefix': pairingsOfVillagePrefix(villageId) } : {}) },
          };
      const page = await queryPage(db, { ...input, Limit: limit, ExclusiveStartKey: decodeCursor(queryId, cursor) });
      return { items: page.items.map((item) => parseItem(Pairing, item)), nextCursor: encodeCursor(queryId, page.lastKey) };
    },

    async listAll() {
      const items = await queryAll(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': PAIRINGS_PARTITION } });
      return items.map((item) => parseItem(Pairing, item));
    },
  };
}
