import { BatchWriteCommand, UpdateCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Sale } from '../domain/sale.js';
import { transactWrite, type Db } from './dynamo.js';
import { AGGREGATE_ENTITY, aggregateDeltas, aggregateUpdate, saleItem, type Deltas } from './ledger.js';

/** Items per request: BatchWriteItem's limit, and TransactWriteItems'. */
const BATCH_SIZE = 25;
const TRANSACTION_SIZE = 100;
const UNPROCESSED_ATTEMPTS = 10;

/**
 * The G1/G2 item that an aggregate's deltas leave behind when they are the only sales it counts: exactly the
 * attributes `ledgerWrites`' SET and ADD create on a missing item, so a recomputation can be compared with
 * what the table holds, attribute for attribute.
 */
export function aggregateItem(deltas: Deltas): Record<string, unknown> {
  return { ...deltas.key, ...deltas.index, entity: AGGREGATE_ENTITY, ...deltas.identity, ...Object.fromEntries(deltas.counters) };
}

/** The G1/G2 items a ledger holding exactly `sales` has. */
export function aggregateItemsOf(sales: Sale[]): Record<string, unknown>[] {
  return aggregateDeltas(sales).map(aggregateItem);
}

/** Folds one batch's deltas into running totals, so a ledger too large for memory can be summed batch by batch. */
export function mergeDeltas(into: Map<string, Deltas>, batch: Deltas[]): void {
  for (const deltas of batch) {
    const id = `${deltas.key.PK}|${deltas.key.SK}`;
    const existing = into.get(id);
    if (!existing) {
      into.set(id, { ...deltas, counters: new Map(deltas.counters) });
      continue;
    }
    for (const [attribute, amount] of deltas.counters) existing.counters.set(attribute, (existing.counters.get(attribute) ?? 0) + amount);
  }
}

export interface ImportOptions {
  /** Requests in flight at once. */
  concurrency?: number;
  /**
   * `batch` (the default, and the one for AWS): sales by BatchWriteItem, 25 a request at one write unit each,
   * and each sum by its own UpdateItem, so live sales racing the import never make it retry. `transaction`:
   * both by TransactWriteItems of 100, for DynamoDB Local on disk, which commits every item of a BatchWriteItem
   * on its own but a transaction once: about 4× faster there (seeding `npm start`'s .data/), at twice the
   * write units in AWS.
   */
  writeWith?: 'batch' | 'transaction';
  /** Called after each batch of sales is written, with the running count. */
  onProgress?: (salesWritten: number) => void;
}

export interface ImportResult {
  sales: number;
  aggregates: number;
  requests: number;
}

/**
 * Bulk-loads sales that are new to the ledger: sale items in batches (a few requests in flight) and then one
 * `ADD` per G1/G2 item with the sums of all of them, built by the same `aggregateUpdate` as `ledgerWrites`, so
 * the format has one definition and sums already in the table (sales appended meanwhile through the app) are
 * added to, never overwritten. Not conditional: a source already in the ledger is overwritten and its amount
 * counted again, so callers import each source once (the seed keeps a marker).
 * A failure midway leaves sales without their sums; `npm run reconcile` shows which.
 * @example await importSales(db, demoHistory({ now, ids }), { concurrency: 4 });
 */
export async function importSales(db: Db, sales: Iterable<Sale>, options: ImportOptions = {}): Promise<ImportResult> {
  const concurrency = options.concurrency ?? 4;
  const transactions = options.writeWith === 'transaction';
  const chunkSize = transactions ? TRANSACTION_SIZE : BATCH_SIZE;
  const totals = new Map<string, Deltas>();
  let written = 0;
  let requests = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const send = async (task: () => Promise<number>) => {
    // Past the limit, wait for any request to finish before starting another.
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure.error;
    const running: Promise<void> = task().then(
      (n) => void (requests += n),
      (error: unknown) => void (failure ??= { error }),
    );
    inFlight.add(running);
    void running.then(() => inFlight.delete(running));
  };
  const drain = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure.error;
  };
  let batch: Sale[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const chunk = batch;
    batch = [];
    mergeDeltas(totals, aggregateDeltas(chunk));
    await send(() => (transactions ? transactPut(db, chunk.map(saleItem)) : batchPut(db, chunk.map(saleItem))));
    written += chunk.length;
    options.onProgress?.(written);
  };
  for (const sale of sales) {
    batch.push(sale);
    if (batch.length === chunkSize) await flush();
  }
  await flush();
  await drain();
  const sums = [...totals.values()];
  if (transactions) {
    for (let i = 0; i < sums.length; i += TRANSACTION_SIZE) {
      const chunk = sums.slice(i, i + TRANSACTION_SIZE);
      await send(async () => {
        await transactWrite(db, chunk.map((deltas) => aggregateUpdate(db, deltas)));
        return 1;
      });
    }
  } else {
    for (const deltas of sums) {
      await send(async () => {
        await db.doc.send(new UpdateCommand(aggregateUpdate(db, deltas).Update!));
        return 1;
      });
    }
  }
  await drain();
  return { sales: written, aggregates: totals.size, requests };
}

/** One BatchWriteItem of puts, retrying what DynamoDB leaves unprocessed with back-off; returns the requests sent. */
async function batchPut(db: Db, items: Record<string, unknown>[]): Promise<number> {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; attempt < UNPROCESSED_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** Math.min(attempt, 6)));
    const result: BatchWriteCommandOutput = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }));
    pending = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
    if (pending.length === 0) return attempt + 1;
  }
  throw new Error(`DynamoDB kept ${pending.length} sale items unprocessed after ${UNPROCESSED_ATTEMPTS} attempts`);
}

/** One TransactWriteItems of unconditional puts (retried by `transactWrite` if another transaction holds an item). */
async function transactPut(db: Db, items: Record<string, unknown>[]): Promise<number> {
  await transactWrite(db, items.map((Item) => ({ Put: { TableName: db.tableName, Item } })));
  return 1;
}
