import { ConflictError } from '../../domain/errors.js';
import { ExportRecord } from '../../domain/export.js';
import type { ExportRepository } from '../../domain/ports.js';
import { getItem, parseItem, transactWrite, type Db } from '../dynamo.js';
import { exportKey } from '../keys.js';

/** Export records in DynamoDB (EX1); TTL removes each with its file. */
export function exportRepository(db: Db): ExportRepository {
  return {
    async create(record, idempotency) {
      await transactWrite(
        db,
        [
          {
            Put: {
              TableName: db.tableName,
              Item: {
                ...exportKey(record.exportId),
                entity: 'Export',
                ...record,
                expiresAt: Math.floor(new Date(record.fileExpiresAt).getTime() / 1000),
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
        { idempotency, onConditionFailed: () => new ConflictError('An export with this id already exists') },
      );
    },

    async get(exportId) {
      const item = await getItem(db, exportKey(exportId));
      return item ? parseItem(ExportRecord, item) : undefined;
    },
  };
}
