import { ConflictError } from '../../domain/errors.js';
import type { WeeklyReportRepository } from '../../domain/ports.js';
import { WeeklyReport } from '../../domain/weekly-report.js';
import { getItem, parseItem, queryAll, transactWrite, type Db } from '../dynamo.js';
import { weeklyReportKey, weeklyReportsOfWeekIndexKey, weeklyReportsOfWeekPartition } from '../keys.js';

/** Weekly reports in DynamoDB (WR1, indexed for WR2). */
export function weeklyReportRepository(db: Db): WeeklyReportRepository {
  return {
    async create(report, idempotency) {
      await transactWrite(
        db,
        [
          {
            Put: {
              TableName: db.tableName,
              Item: { ...weeklyReportKey(report.pairingId, report.week), ...weeklyReportsOfWeekIndexKey(report.week, report.pairingId), entity: 'WeeklyReport', ...report },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
        { idempotency, onConditionFailed: () => new ConflictError(`This pairing has already reported on ${report.week}`, 'week') },
      );
    },

    async get(pairingId, week) {
      const item = await getItem(db, weeklyReportKey(pairingId, week));
      return item ? parseItem(WeeklyReport, item) : undefined;
    },

    async listOfWeek(week) {
      const items = await queryAll(db, { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': weeklyReportsOfWeekPartition(week) } });
      return items.map((item) => parseItem(WeeklyReport, item));
    },
  };
}
