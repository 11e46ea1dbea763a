import { Account } from '../../domain/account.js';
import type { AccountRepository } from '../../domain/ports.js';
import { getItem, parseItem, putNew, queryAll, type Db } from '../dynamo.js';
import { ACCOUNTS_PARTITION, accountKey, accountsIndexKey } from '../keys.js';

/** Accounts in DynamoDB (A1, indexed for A2). Only the local stack lists them, for its sign-in page. */
export function accountRepository(db: Db): AccountRepository {
  return {
    async create(account) {
      await putNew(
        db,
        { ...accountKey(account.accountId), ...accountsIndexKey(account.role, account.accountId), entity: 'Account', ...account },
        'An account with this id',
      );
    },

    async get(accountId) {
      const item = await getItem(db, accountKey(accountId));
      return item ? parseItem(Account, item) : undefined;
    },

    async list() {
      const items = await queryAll(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': ACCOUNTS_PARTITION },
      });
      return items.map((item) => parseItem(Account, item));
    },
  };
}
