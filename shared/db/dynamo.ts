import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { ConflictError, IdempotencyKeyReusedError, IdempotentReplay, ServiceBusyError, ValidationError } from '../domain/errors.js';
import type { IdempotencyWrite } from '../domain/ports.js';
import { idempotencyKey } from './keys.js';
import { TABLE_DESIGN, keyAttributeNames } from './table-design.js';

/** The table and the client that reaches it. */
export interface Db {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export interface DbConfig {
  tableName: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string;
  region?: string;
}

/** Builds the document client once per process (Lambda container or local server). */
export function createDb(config: DbConfig): Db {
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: config.tableName };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attributes the table adds to every entity: its keys (from TABLE_DESIGN), the entity tag and the TTL. */
const KEY_ATTRIBUTES = [...keyAttributeNames(), 'entity', TABLE_DESIGN.ttlAttribute];

/** Removes table bookkeeping so an item can be parsed as the entity it stores. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete rest[attribute];
  return rest;
}

/** Parses a stored item with its schema: a malformed item fails loudly instead of leaking into responses. */
export function parseItem<T extends z.ZodType>(schema: T, item: Record<string, unknown>): z.infer<T> {
  return schema.parse(withoutKeys(item));
}

/** Reads one item, strongly consistent (a write just made must be visible to the next read). */
export async function getItem(db: Db, key: { PK: string; SK: string }): Promise<Record<string, unknown> | undefined> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
  return result.Item;
}

/** Puts an item that must not exist yet; an existing one is a ConflictError, not a raw SDK error. */
export async function putNew(db: Db, item: Record<string, unknown>, what: string): Promise<void> {
  try {
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`${what} already exists`);
    throw error;
  }
}

/** The Put that records an idempotent create's response beside the item it creates. */
export function idempotencyPut(db: Db, write: IdempotencyWrite): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...idempotencyKey(write.actorId, write.key),
        entity: 'IdempotencyRecord',
        fingerprint: write.fingerprint,
        status: write.successStatus,
        body: write.body,
        expiresAt: Math.floor(write.expiresAt.getTime() / 1000),
      },
      // An expired record that TTL has not yet removed no longer holds the key.
      ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': Math.floor(write.now.getTime() / 1000) },
    },
  };
}

/**
 * Runs a transaction. When it is cancelled by a failed condition, `onConditionFailed` turns the index of the
 * failed item into a domain error; a failed idempotency condition becomes a replay or a 422 instead.
 */
export async function transactWrite(
  db: Db,
  items: TransactItem[],
  options: { idempotency?: IdempotencyWrite; onConditionFailed?: (index: number, item?: Record<string, unknown>) => Error } = {},
): Promise<void> {
  const all = options.idempotency ? [...items, idempotencyPut(db, options.idempotency)] : items;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: all }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (!isContentionOnly(reasons)) throw (await cancellationError(db, reasons, all.length, options)) ?? error;
      // Another transaction held one of the items (or the table throttled): nothing was written, so retry.
      if (attempt >= TRANSACTION_ATTEMPTS) throw new ServiceBusyError('Too many people are changing this right now; try again');
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

const TRANSACTION_ATTEMPTS = 4;

type CancellationReason = { Code?: string; Item?: Record<string, AttributeValue> };

function isContentionOnly(reasons: CancellationReason[]): boolean {
  const codes = reasons.map((r) => r.Code ?? 'None').filter((code) => code !== 'None');
  return codes.length > 0 && codes.every((code) => code === 'TransactionConflict' || code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded');
}

async function cancellationError(
  db: Db,
  reasons: CancellationReason[],
  itemCount: number,
  options: { idempotency?: IdempotencyWrite; onConditionFailed?: (index: number, item?: Record<string, unknown>) => Error },
): Promise<Error | undefined> {
  const idempotencyIndex = options.idempotency ? itemCount - 1 : -1;
  if (options.idempotency && reasons[idempotencyIndex]?.Code === 'ConditionalCheckFailed') {
    return replayOrReject(db, options.idempotency);
  }
  const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
  // With ReturnValuesOnConditionCheckFailure, the item as the condition saw it comes back (marshalled).
  const seen = reasons[failed]?.Item;
  if (failed >= 0 && options.onConditionFailed) return options.onConditionFailed(failed, seen ? unmarshall(seen) : undefined);
  return undefined;
}

async function replayOrReject(db: Db, write: IdempotencyWrite): Promise<Error> {
  const stored = await getItem(db, idempotencyKey(write.actorId, write.key));
  if (stored && stored.fingerprint === write.fingerprint) {
    return new IdempotentReplay(Number(stored.status), stored.body);
  }
  return new IdempotencyKeyReusedError();
}

/** One page of a Query, with the raw last evaluated key for the caller to turn into a cursor. */
export async function queryPage(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined }> {
  try {
    const result = await db.doc.send(new QueryCommand({ TableName: db.tableName, ...input }));
    return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
  } catch (error) {
    // A cursor edited by hand can name a start key outside the query's partition or index.
    if (input.ExclusiveStartKey && (error as { name?: string }).name === 'ValidationException') {
      throw new ValidationError('cursor does not belong to this query; start from the first page', 'cursor');
    }
    throw error;
  }
}

/**
 * Reads items by key with BatchGetItem (100 keys at most), retrying what DynamoDB leaves unprocessed with
 * back-off, and returns the parsed items in the order of `keys`; missing items are skipped.
 */
export async function batchGetItems<T extends z.ZodType>(
  db: Db,
  keys: { PK: string; SK: string }[],
  schema: T,
  idOf: (item: z.infer<T>) => string,
  ids: string[],
): Promise<z.infer<T>[]> {
  if (keys.length === 0) return [];
  const found = new Map<string, z.infer<T>>();
  let pending: Record<string, unknown>[] | undefined = keys;
  for (let attempt = 0; pending && pending.length > 0 && attempt < 8; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    const result: BatchGetCommandOutput = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: pending } } }));
    for (const item of result.Responses?.[db.tableName] ?? []) {
      const parsed = parseItem(schema, item);
      found.set(idOf(parsed), parsed);
    }
    pending = result.UnprocessedKeys?.[db.tableName]?.Keys;
  }
  if (pending && pending.length > 0) throw new Error('DynamoDB kept items unprocessed after 8 attempts');
  return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
}

/** Reads every page of a Query; only for partitions known to be small (one village's targets). */
export async function queryAll(db: Db, input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryPage(db, { ...input, ExclusiveStartKey: startKey });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items;
}

/**
 * One page of a Query that has a filter expression. DynamoDB applies `Limit` before the filter, so this reads
 * on until `limit` items matched or `maxReads` requests were spent, and points the next page at the last
 * item returned (not at the last item read), so no matching item is ever skipped.
 */
export async function queryFilteredPage(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  options: { limit: number; startKey: Record<string, unknown> | undefined; keyOf: (item: Record<string, unknown>) => Record<string, unknown>; maxReads?: number },
): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined }> {
  const items: Record<string, unknown>[] = [];
  let startKey = options.startKey;
  const maxReads = options.maxReads ?? 10;
  for (let read = 0; read < maxReads; read++) {
    const page = await queryPage(db, { ...input, Limit: Math.max(options.limit * 2, 25), ExclusiveStartKey: startKey });
    for (const item of page.items) {
      items.push(item);
      if (items.length === options.limit) {
        // A full page: continue after this item even if the read went further.
        const more = item !== page.items[page.items.length - 1] || page.lastKey !== undefined;
        return { items, lastKey: more ? options.keyOf(item) : undefined };
      }
    }
    startKey = page.lastKey;
    if (!startKey) return { items, lastKey: undefined };
  }
  // Budget spent on sparse matches: hand back what matched and where reading stopped.
  return { items, lastKey: startKey };
}
