import { Organization } from '../../domain/organization.js';
import type { OrganizationRepository } from '../../domain/ports.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { getItem, parseItem, putNew, queryPage, type Db } from '../dynamo.js';
import { ORGANIZATIONS_PARTITION, organizationKey, organizationsIndexKey, organizationsOfKindPrefix } from '../keys.js';

/** Organisations in DynamoDB (O1, indexed for O2). */
export function organizationRepository(db: Db): OrganizationRepository {
  return {
    async create(organization) {
      await putNew(
        db,
        {
          ...organizationKey(organization.organizationId),
          ...organizationsIndexKey(organization.kind, organization.organizationId),
          entity: 'Organization',
          ...organization,
        },
        'An organisation with this id',
      );
    },

    async get(organizationId) {
      const item = await getItem(db, organizationKey(organizationId));
      return item ? parseItem(Organization, item) : undefined;
    },

    async list({ kind, limit, cursor }) {
      const queryId = `organizations:${kind ?? ''}`;
      const page = await queryPage(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: kind ? 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)' : 'GSI1PK = :pk',
        ExpressionAttributeValues: {
          ':pk': ORGANIZATIONS_PARTITION,
          ...(kind ? { ':prefix': organizationsOfKindPrefix(kind) } : {}),
        },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(queryId, cursor),
      });
      return {
        items: page.items.map((item) => parseItem(Organization, item)),
        nextCursor: encodeCursor(queryId, page.lastKey),
      };
    },
  };
}
