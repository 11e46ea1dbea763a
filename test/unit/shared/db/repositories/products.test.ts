import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../../../../../shared/db/dynamo.js';
import { productItem, productRepository } from '../../../../../shared/db/repositories/products.js';
import { ConflictError, IdempotencyKeyReusedError, IdempotentReplay, ServiceBusyError } from '../../../../../shared/domain/errors.js';
import type { IdempotencyWrite, StoredProduct } from '../../../../../shared/domain/ports.js';
import type { StockAdjustment } from '../../../../../shared/domain/product.js';
import { ulidIds } from '../../../../../shared/runtime/ids.js';

// Nothing listens on port 1: any request that escaped the mock would fail loudly.
const db = createDb({ tableName: 't', endpoint: 'http://127.0.0.1:1' });
const dynamo = mockClient(db.doc);
const products = productRepository(db);
const ids = ulidIds();

function product(): StoredProduct {
  return {
    productId: ids.next('product'),
    villageId: ids.next('village'),
    county: '简阳市',
    name: '土鸡',
    category: 'poultry',
    unit: '只',
    priceFen: 16_800,
    stock: 10,
    harvestWindow: null,
    description: '',
    farmerShareBps: 10_000,
    photoKeys: [],
    status: 'active',
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    version: 1,
  };
}

const cancelled = (reasons: CancellationReason[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });
const none = (n: number): CancellationReason[] => Array.from({ length: n }, () => ({ Code: 'None' }));

function idempotency(overrides: Partial<IdempotencyWrite> = {}): IdempotencyWrite {
  return {
    actorId: ids.next('account'),
    key: 'k-1',
    fingerprint: 'sha256:a',
    successStatus: 201,
    body: { ok: true },
    now: new Date('2026-03-01T02:00:00Z'),
    expiresAt: new Date('2026-03-02T02:00:00Z'),
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
}

describe('product repository under injected DynamoDB faults', () => {
  beforeEach(() => dynamo.reset());
  afterAll(() => dynamo.restore());

  it('turns a cancelled create whose product Put failed its condition into ConflictError', async () => {
    // Prepare: item 0 is the product, items 1–6 its listings.
    dynamo.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ConditionalCheckFailed' }, ...none(6)]));
    const p = product();
    // Act
    const error = await failure(products.create(p));
    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    const sent = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(sent).toHaveLength(7);
    expect(sent[0]?.Put?.Item).toEqual(productItem(p));
    expect(sent[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(PK)');
  });

  it('replays or refuses when the idempotency Put (the last item) failed, by the stored fingerprint', async () => {
    // Prepare: 7 product items, then the idempotency record at index 7.
    const write = idempotency();
    dynamo.on(TransactWriteCommand).rejects(cancelled([...none(7), { Code: 'ConditionalCheckFailed' }]));
    dynamo.on(GetCommand).resolvesOnce({ Item: { fingerprint: 'sha256:a', status: 201, body: { productId: 'prd_first' } } }).resolvesOnce({
      Item: { fingerprint: 'sha256:other', status: 201, body: { productId: 'prd_first' } },
    });
    // Act
    const replay = await failure(products.create(product(), write));
    const reused = await failure(products.create(product(), write));
    // Assess
    expect(replay).toBeInstanceOf(IdempotentReplay);
    expect((replay as IdempotentReplay).status).toBe(201);
    expect((replay as IdempotentReplay).body).toEqual({ productId: 'prd_first' });
    expect(reused).toBeInstanceOf(IdempotencyKeyReusedError);
    const read = dynamo.commandCalls(GetCommand)[0]?.args[0].input;
    expect(read?.ConsistentRead).toBe(true);
    expect(read?.Key).toEqual({ PK: `IDEMPOTENCY#${write.actorId}#k-1`, SK: '#IDEMPOTENCY' });
  });

  it('maps a failed stock condition to ConflictError on delta and a duplicate adjustment to ConflictError', async () => {
    // Prepare
    const p = product();
    const adjustment: StockAdjustment = {
      adjustmentId: ids.next('stockAdjustment'),
      productId: p.productId,
      villageId: p.villageId,
      accountId: ids.next('account'),
      delta: -3,
      reason: '损耗',
      createdAt: '2026-03-01T03:00:00.000Z',
    };
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }]))
      .rejectsOnce(cancelled([{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }]));
    // Act
    const tooLow = await failure(products.adjustStock(adjustment));
    const duplicate = await failure(products.adjustStock(adjustment));
    // Assess
    expect(tooLow).toBeInstanceOf(ConflictError);
    expect((tooLow as ConflictError).field).toBe('delta');
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect((duplicate as ConflictError).field).toBeUndefined();
  });

  it('retries a transaction cancelled only by contention, and succeeds once the contention clears', async () => {
    // Prepare: real DynamoDB cancels with TransactionConflict when another transaction holds an item.
    const conflict = cancelled([{ Code: 'TransactionConflict' }, ...none(6)]);
    dynamo.on(TransactWriteCommand).rejectsOnce(conflict).rejectsOnce(conflict).resolves({});
    // Act
    await products.create(product());
    // Assess
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('gives up on lasting contention with ServiceBusyError (503), having written nothing', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled([{ Code: 'TransactionConflict' }, ...none(6)]));
    // Act
    const error = await failure(products.create(product()));
    // Assess
    expect(error).toBeInstanceOf(ServiceBusyError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(4);
  });

  it('lets a cancellation that is neither a failed condition nor contention propagate unchanged', async () => {
    // Prepare
    const invalid = cancelled([{ Code: 'ValidationError' }, ...none(6)]);
    dynamo.on(TransactWriteCommand).rejects(invalid);
    // Act
    const error = await failure(products.create(product()));
    // Assess
    expect(error).toBe(invalid);
  });

  it('lets throttling on GetCommand and QueryCommand propagate unchanged so the API can map it', async () => {
    // Prepare
    const throttled = new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });
    dynamo.on(GetCommand).rejects(throttled);
    dynamo.on(QueryCommand).rejects(throttled);
    // Act
    const onGet = await failure(products.get(ids.next('product')));
    const onQuery = await failure(products.listActive({ sort: 'newest', limit: 5 }));
    // Assess
    expect(onGet).toBe(throttled);
    expect(onQuery).toBe(throttled);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('retries keys BatchGet left unprocessed and returns products in listing order', async () => {
    // Prepare
    const first = product();
    const second = product();
    dynamo.on(QueryCommand).resolves({
      Items: [
        { PK: 'LISTING#all', SK: second.productId, productId: second.productId },
        { PK: 'LISTING#all', SK: first.productId, productId: first.productId },
      ],
    });
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { t: [productItem(first)] }, UnprocessedKeys: { t: { Keys: [{ PK: `PRODUCT#${second.productId}`, SK: '#PRODUCT' }] } } })
      .resolvesOnce({ Responses: { t: [productItem(second)] } });
    // Act
    const page = await products.listActive({ sort: 'newest', limit: 2 });
    // Assess
    expect(page.items).toEqual([second, first]);
    expect(page.nextCursor).toBeNull();
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(2);
    expect(dynamo.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.t?.Keys).toEqual([{ PK: `PRODUCT#${second.productId}`, SK: '#PRODUCT' }]);
  });
});
