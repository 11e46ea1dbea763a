import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Pledge } from '../../domain/pairing.js';
import type { PledgeRepository } from '../../domain/ports.js';
import { getItem, parseItem, queryAll, type Db } from '../dynamo.js';
import { pledgeKey, pledgesOfYearIndexKey, pledgesOfYearPartition } from '../keys.js';

/** Pledges in DynamoDB (PL1, indexed for PL2). */
export function pledgeRepository(db: Db): PledgeRepository {
  return {
    async put(pledge) {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...pledgeKey(pledge.organizationId, pledge.year), ...pledgesOfYearIndexKey(pledge.year, pledge.organizationId), entity: 'Pledge', ...pledge },
        }),
      );
    },

    async get(organizationId, year) {
      const item = await getItem(db, pledgeKey(organizationId, year));
      return item ? parseItem(Pledge, item) : undefined;
    },

    async listOfYear(year) {
      const items = await queryAll(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': pledgesOfYearPartition(year) } });
      return items.map((item) => parseItem(Pledge, item));
    },
  };
}
