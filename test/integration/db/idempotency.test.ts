import { describe, expect, it } from 'vitest';
import { IdempotencyKeyReusedError, IdempotentReplay } from '../../../shared/domain/errors.js';
import type { IdempotencyWrite } from '../../../shared/domain/ports.js';
import { freshTable, makeProduct, makeVillage } from './db-fixtures.js';

const T0 = new Date('2026-03-01T02:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('idempotency records in DynamoDB', () => {
  it('I1: stores the first response beside the create; a retry replays it, a different request is refused, one product exists', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const actorId = ids.next('account');
    const first = makeProduct(ids, village, { name: '冬笋' });
    const retry = makeProduct(ids, village, { name: '冬笋' });
    const other = makeProduct(ids, village, { name: '腊肉' });
    const key = 'create#冬笋/1';
    const write = (overrides: Partial<IdempotencyWrite>): IdempotencyWrite => ({
      actorId,
      key,
      fingerprint: 'sha256:first',
      successStatus: 201,
      body: { productId: first.productId, name: '冬笋' },
      now: T0,
      expiresAt: at(24 * HOUR),
      ...overrides,
    });
    // Act
    await repos.products.create(first, write({}));
    const replay = await repos.products
      .create(retry, write({ now: at(HOUR), body: { productId: retry.productId, name: '冬笋' } }))
      .catch((e: unknown) => e);
    const reused = await repos.products.create(other, write({ now: at(HOUR), fingerprint: 'sha256:other' })).catch((e: unknown) => e);
    const stored = await repos.idempotency.find(actorId, key, at(HOUR));
    const otherActor = await repos.idempotency.find(ids.next('account'), key, at(HOUR));
    const listed = await repos.products.listByVillage({ villageId: village.villageId, status: 'all', limit: 10 });
    // Assess
    expect(replay).toBeInstanceOf(IdempotentReplay);
    expect((replay as IdempotentReplay).status).toBe(201);
    expect((replay as IdempotentReplay).body).toEqual({ productId: first.productId, name: '冬笋' });
    expect(reused).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((reused as IdempotencyKeyReusedError).field).toBe('Idempotency-Key');
    expect(stored).toEqual({ fingerprint: 'sha256:first', status: 201, body: { productId: first.productId, name: '冬笋' } });
    expect(otherActor).toBeUndefined();
    expect(listed.items).toEqual([first]);
    expect(await repos.products.get(retry.productId)).toBeUndefined();
    expect(await repos.products.get(other.productId)).toBeUndefined();
    expect((await repos.products.listActive({ sort: 'newest', limit: 10 })).items).toEqual([first]);
  });

  it('lets an expired record (not yet removed by TTL) stop blocking its key', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const actorId = ids.next('account');
    const first = makeProduct(ids, village);
    const later = makeProduct(ids, village);
    const key = 'daily-import';
    await repos.products.create(first, {
      actorId,
      key,
      fingerprint: 'sha256:a',
      successStatus: 201,
      body: { n: 1 },
      now: T0,
      expiresAt: at(HOUR),
    });
    // Act
    const beforeExpiry = await repos.idempotency.find(actorId, key, at(HOUR - 1_000));
    const afterExpiry = await repos.idempotency.find(actorId, key, at(2 * HOUR));
    await repos.products.create(later, {
      actorId,
      key,
      fingerprint: 'sha256:b',
      successStatus: 201,
      body: { n: 2 },
      now: at(2 * HOUR),
      expiresAt: at(26 * HOUR),
    });
    const renewed = await repos.idempotency.find(actorId, key, at(2 * HOUR));
    // Assess
    expect(beforeExpiry).toEqual({ fingerprint: 'sha256:a', status: 201, body: { n: 1 } });
    expect(afterExpiry).toBeUndefined();
    expect(renewed).toEqual({ fingerprint: 'sha256:b', status: 201, body: { n: 2 } });
    expect((await repos.products.listByVillage({ villageId: village.villageId, status: 'all', limit: 10 })).items).toEqual([later, first]);
  });

  it('moves stock only once when a stock adjustment is retried with the same key', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const product = makeProduct(ids, village, { stock: 10 });
    await repos.products.create(product);
    const accountId = ids.next('account');
    const attempt = () => ({
      adjustmentId: ids.next('stockAdjustment'),
      productId: product.productId,
      villageId: village.villageId,
      accountId,
      delta: 4,
      reason: '补货',
      createdAt: T0.toISOString(),
    });
    const original = attempt();
    const write: IdempotencyWrite = {
      actorId: accountId,
      key: 'restock-1',
      fingerprint: 'sha256:restock',
      successStatus: 201,
      body: original,
      now: T0,
      expiresAt: at(24 * HOUR),
    };
    // Act
    await repos.products.adjustStock(original, write);
    const replay = await repos.products.adjustStock(attempt(), { ...write, now: at(HOUR) }).catch((e: unknown) => e);
    // Assess
    expect(replay).toBeInstanceOf(IdempotentReplay);
    expect((replay as IdempotentReplay).body).toEqual(original);
    expect((await repos.products.get(product.productId))?.stock).toBe(14);
  });
});
