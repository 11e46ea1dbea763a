/**
 * The single table's physical design: attribute and index names. Infra (CDK), the local stack, tests and
 * repositories all read these constants, so the table that is deployed is the table the code queries.
 * What each key holds is in access-patterns.md and keys.ts.
 */
export const TABLE_DESIGN = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Items that carry this attribute (epoch seconds) are deleted by DynamoDB after that time. */
  ttlAttribute: 'expiresAt',
  globalIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  localIndexes: [{ indexName: 'LSI1', sortKey: 'LSI1SK' }],
} as const;

export type GlobalIndexName = (typeof TABLE_DESIGN.globalIndexes)[number]['indexName'];
export type LocalIndexName = (typeof TABLE_DESIGN.localIndexes)[number]['indexName'];

/** Every key attribute of the table, for the attribute definitions a CreateTable call needs. */
export function keyAttributeNames(): string[] {
  return [
    TABLE_DESIGN.partitionKey,
    TABLE_DESIGN.sortKey,
    ...TABLE_DESIGN.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
    ...TABLE_DESIGN.localIndexes.map((l) => l.sortKey),
  ];
}

/** Default table name for the local stack and deployments that do not override it. */
export const DEFAULT_TABLE_NAME = 'village-link';
