import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../shared/domain/errors.js';
import type { StoredProduct } from '../../../shared/domain/ports.js';
import type { HarvestWindow, StockAdjustment } from '../../../shared/domain/product.js';
import type { IdGenerator } from '../../../shared/domain/ids.js';
import { allPages, freshTable, makeProduct, makeVillage, type Repos } from './db-fixtures.js';

const idOf = (p: StoredProduct) => p.productId;

function adjustment(ids: IdGenerator, product: StoredProduct, delta: number, reason = '盘点'): StockAdjustment {
  return {
    adjustmentId: ids.next('stockAdjustment'),
    productId: product.productId,
    villageId: product.villageId,
    accountId: ids.next('account'),
    delta,
    reason,
    createdAt: '2026-03-01T03:00:00.000Z',
  };
}

async function createAll(repos: Repos, products: StoredProduct[]) {
  for (const product of products) await repos.products.create(product);
}

describe('products in DynamoDB', () => {
  it('P1: gets a product by id exactly as created; a second create with the same id is a ConflictError', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const product = makeProduct(ids, village, {
      name: '冬笋',
      nameEn: 'Winter bamboo shoots',
      category: 'vegetable',
      unit: '斤',
      priceFen: 2_400,
      stock: 80,
      harvestWindow: { start: '11-15', end: '02-28' },
      descriptionEn: 'Dug before the frost.',
      farmerShareBps: 9_000,
    });
    // Act
    await repos.products.create(product);
    const found = await repos.products.get(product.productId);
    const missing = await repos.products.get(ids.next('product'));
    const duplicate = await repos.products.create({ ...product, name: '重复' }).catch((error: unknown) => error);
    // Assess
    expect(found).toEqual(product);
    expect(missing).toBeUndefined();
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect((await repos.products.get(product.productId))?.name).toBe('冬笋');
  });

  it('P2: lists every product of one village whatever its status, newest first, with a cursor', async () => {
    // Prepare: five products of the village (two withdrawn) and two of a neighbour.
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const neighbour = makeVillage(ids, { name: '邻村' });
    const mine = [0, 1, 2, 3, 4].map((i) => makeProduct(ids, village, { name: `产品${i}`, status: i % 2 ? 'withdrawn' : 'active' }));
    const theirs = [makeProduct(ids, neighbour), makeProduct(ids, neighbour)];
    await createAll(repos, [mine[0]!, theirs[0]!, mine[1]!, mine[2]!, theirs[1]!, mine[3]!, mine[4]!]);
    // Act
    const { pages, last } = await allPages(
      (cursor) => repos.products.listByVillage({ villageId: village.villageId, status: 'all', limit: 2, cursor }),
      idOf,
    );
    const firstPage = await repos.products.listByVillage({ villageId: village.villageId, status: 'all', limit: 2 });
    // Assess
    const newestFirst = [...mine].reverse().map(idOf);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(newestFirst);
    expect(last).toBeNull();
    expect(firstPage.items).toEqual([mine[4], mine[3]]);
  });

  it('P3: lists active products of each listing scope newest first, with a cursor', async () => {
    // Prepare: villages A and B in 简阳市, C in 蒲江县; p1..p5 created in this order.
    const { repos, ids } = await freshTable();
    const a = makeVillage(ids, { county: '简阳市', name: 'A村' });
    const b = makeVillage(ids, { county: '简阳市', name: 'B村' });
    const c = makeVillage(ids, { county: '蒲江县', name: 'C村' });
    const p1 = makeProduct(ids, a, { category: 'fruit' });
    const p2 = makeProduct(ids, a, { category: 'poultry' });
    const p3 = makeProduct(ids, b, { category: 'fruit' });
    const p4 = makeProduct(ids, c, { category: 'fruit' });
    const p5 = makeProduct(ids, c, { category: 'tea' });
    const hidden = makeProduct(ids, a, { category: 'fruit', status: 'withdrawn' });
    await createAll(repos, [p1, p2, p3, p4, p5, hidden]);
    const list = async (filters: { villageId?: string; county?: string; category?: StoredProduct['category'] }) =>
      (await repos.products.listActive({ ...filters, sort: 'newest', limit: 100 })).items.map(idOf);
    // Act
    const everything = await repos.products.listActive({ sort: 'newest', limit: 100 });
    const byScope = {
      village: await list({ villageId: a.villageId }),
      county: await list({ county: '简阳市' }),
      category: await list({ category: 'fruit' }),
      villageCategory: await list({ villageId: a.villageId, category: 'fruit' }),
      countyCategory: await list({ county: '简阳市', category: 'fruit' }),
      otherCounty: await list({ county: '蒲江县' }),
    };
    const paged = await allPages((cursor) => repos.products.listActive({ sort: 'newest', limit: 2, cursor }), idOf);
    // Assess
    expect(everything.items).toEqual([p5, p4, p3, p2, p1]);
    expect(everything.nextCursor).toBeNull();
    expect(byScope).toEqual({
      village: [p2, p1].map(idOf),
      county: [p3, p2, p1].map(idOf),
      category: [p4, p3, p1].map(idOf),
      villageCategory: [p1].map(idOf),
      countyCategory: [p3, p1].map(idOf),
      otherCounty: [p5, p4].map(idOf),
    });
    expect(paged.pages).toEqual([[p5, p4].map(idOf), [p3, p2].map(idOf), [p1].map(idOf)]);
    expect(paged.last).toBeNull();
  });

  it('P4: lists active products cheapest first (ties by age), with a cursor, in every scope', async () => {
    // Prepare: prices chosen so that string order of unpadded numbers would differ from numeric order.
    const { repos, ids } = await freshTable();
    const a = makeVillage(ids, { county: '简阳市', name: 'A村' });
    const c = makeVillage(ids, { county: '蒲江县', name: 'C村' });
    const p1 = makeProduct(ids, a, { priceFen: 500, category: 'fruit' });
    const p2 = makeProduct(ids, a, { priceFen: 50, category: 'fruit' });
    const p3 = makeProduct(ids, c, { priceFen: 999_999_999, category: 'fruit' });
    const p4 = makeProduct(ids, c, { priceFen: 5, category: 'tea' });
    const p5 = makeProduct(ids, a, { priceFen: 1_000, category: 'tea' });
    const p6 = makeProduct(ids, c, { priceFen: 50, category: 'fruit' });
    const p7 = makeProduct(ids, a, { priceFen: 1_000_000_000, category: 'fruit' });
    await createAll(repos, [p1, p2, p3, p4, p5, p6, p7]);
    // Act
    const paged = await allPages((cursor) => repos.products.listActive({ sort: 'cheapest', limit: 3, cursor }), idOf);
    const firstPage = await repos.products.listActive({ sort: 'cheapest', limit: 3 });
    const fruit = await repos.products.listActive({ sort: 'cheapest', category: 'fruit', limit: 100 });
    const villageA = await repos.products.listActive({ sort: 'cheapest', villageId: a.villageId, limit: 100 });
    const countyC = await repos.products.listActive({ sort: 'cheapest', county: '蒲江县', limit: 100 });
    // Assess
    expect(paged.pages).toEqual([[p4, p2, p6].map(idOf), [p1, p5, p3].map(idOf), [p7].map(idOf)]);
    expect(paged.last).toBeNull();
    expect(firstPage.items).toEqual([p4, p2, p6]);
    expect(fruit.items.map(idOf)).toEqual([p2, p6, p1, p3, p7].map(idOf));
    expect(villageA.items.map(idOf)).toEqual([p2, p1, p5, p7].map(idOf));
    expect(countyC.items.map(idOf)).toEqual([p4, p6, p3].map(idOf));
  });

  it('P3/P4 in season: filters by a (possibly year-wrapping) harvest window and still fills pages past many misses', async () => {
    // Prepare: 33 products; only three are in season on 01-10, at creation positions 0, 1 and 32, so that a page
    // of 2 must read past more than one DynamoDB page (25 items) of misses, both newest and cheapest first.
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const winterShoots: HarvestWindow = { start: '11-15', end: '02-28' };
    const summer: HarvestWindow = { start: '03-01', end: '10-31' };
    const earlyWinter: HarvestWindow = { start: '12-01', end: '01-05' };
    const inSeason: StoredProduct[] = [];
    const summerProducts: StoredProduct[] = [];
    const earlyWinterProducts: StoredProduct[] = [];
    const all: StoredProduct[] = [];
    let outIndex = 0;
    for (let position = 0; position < 33; position++) {
      if (position === 0 || position === 1 || position === 32) {
        const k = inSeason.length;
        const window = [winterShoots, null, { start: '01-01', end: '01-31' }][k] ?? null;
        const product = makeProduct(ids, village, { name: `应季${k}`, harvestWindow: window, priceFen: [100, 9_500, 9_600][k] });
        inSeason.push(product);
        all.push(product);
      } else {
        const window = outIndex % 3 === 2 ? earlyWinter : summer;
        const product = makeProduct(ids, village, { name: `过季${outIndex}`, harvestWindow: window, priceFen: 200 + outIndex * 300 });
        (window === summer ? summerProducts : earlyWinterProducts).push(product);
        all.push(product);
        outIndex++;
      }
    }
    await createAll(repos, all);
    const [shoots, allYear, january] = inSeason as [StoredProduct, StoredProduct, StoredProduct];
    const seasonIds = async (day: string) =>
      (
        await allPages(
          (cursor) => repos.products.listActive({ sort: 'newest', inSeasonOn: day, limit: 7, cursor }),
          idOf,
        )
      ).pages.flat();
    // Act
    const newest = await allPages((cursor) => repos.products.listActive({ sort: 'newest', inSeasonOn: '01-10', limit: 2, cursor }), idOf);
    const cheapest = await allPages((cursor) => repos.products.listActive({ sort: 'cheapest', inSeasonOn: '01-10', limit: 2, cursor }), idOf);
    const scoped = await repos.products.listActive({ sort: 'newest', inSeasonOn: '01-10', villageId: village.villageId, category: 'poultry', limit: 5 });
    const onJan10 = await seasonIds('01-10');
    const onDec1 = await seasonIds('12-01');
    const onJun1 = await seasonIds('06-01');
    // Assess
    expect(newest.pages).toEqual([[january, allYear].map(idOf), [shoots].map(idOf)]);
    expect(newest.last).toBeNull();
    expect(cheapest.pages).toEqual([[shoots, allYear].map(idOf), [january].map(idOf)]);
    expect(cheapest.last).toBeNull();
    expect(scoped.items).toEqual([january, allYear, shoots]);
    expect(scoped.nextCursor).toBeNull();
    expect(onJan10).toEqual([january, allYear, shoots].map(idOf));
    expect(new Set(onDec1)).toEqual(new Set([shoots, allYear, ...earlyWinterProducts].map(idOf)));
    expect(onDec1).toHaveLength(2 + earlyWinterProducts.length);
    expect(new Set(onJun1)).toEqual(new Set([allYear, ...summerProducts].map(idOf)));
    expect(onJun1).toHaveLength(1 + summerProducts.length);
    expect(onJun1).not.toContain(shoots.productId);
  });

  it('moves a product between category listings when an update changes its category and reorders it by a new price', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids, { county: '简阳市' });
    const moved = makeProduct(ids, village, { category: 'fruit', priceFen: 100 });
    const stays = makeProduct(ids, village, { category: 'fruit', priceFen: 200 });
    await createAll(repos, [moved, stays]);
    const next: StoredProduct = { ...moved, category: 'tea', priceFen: 300, version: 2, updatedAt: '2026-03-02T00:00:00.000Z' };
    const list = async (filters: { villageId?: string; county?: string; category?: StoredProduct['category'] }, sort: 'newest' | 'cheapest' = 'newest') =>
      (await repos.products.listActive({ ...filters, sort, limit: 100 })).items.map(idOf);
    // Act
    await repos.products.update(next, moved);
    // Assess
    expect(await repos.products.get(moved.productId)).toEqual(next);
    expect(await list({ category: 'fruit' })).toEqual([stays.productId]);
    expect(await list({ category: 'tea' })).toEqual([moved.productId]);
    expect(await list({ villageId: village.villageId, category: 'fruit' })).toEqual([stays.productId]);
    expect(await list({ villageId: village.villageId, category: 'tea' })).toEqual([moved.productId]);
    expect(await list({ county: '简阳市', category: 'fruit' })).toEqual([stays.productId]);
    expect(await list({ county: '简阳市', category: 'tea' })).toEqual([moved.productId]);
    expect(await list({ category: 'fruit' }, 'cheapest')).toEqual([stays.productId]);
    expect(await list({}, 'cheapest')).toEqual([stays.productId, moved.productId]);
    expect(await list({})).toEqual([stays.productId, moved.productId]);
  });

  it('drops a withdrawn product from every active listing but keeps it in listByVillage all and withdrawn', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids, { county: '简阳市' });
    const withdrawnLater = makeProduct(ids, village, { category: 'fruit' });
    const active = makeProduct(ids, village, { category: 'fruit' });
    await createAll(repos, [withdrawnLater, active]);
    const withdrawn: StoredProduct = { ...withdrawnLater, status: 'withdrawn', version: 2 };
    const listings = async () =>
      Promise.all(
        [{}, { villageId: village.villageId }, { county: '简阳市' }, { category: 'fruit' as const }, { villageId: village.villageId, category: 'fruit' as const }, { county: '简阳市', category: 'fruit' as const }].flatMap(
          (filters) =>
            (['newest', 'cheapest'] as const).map(async (sort) => (await repos.products.listActive({ ...filters, sort, limit: 100 })).items.map(idOf)),
        ),
      );
    const byStatus = async (status: 'all' | 'active' | 'withdrawn') =>
      (await repos.products.listByVillage({ villageId: village.villageId, status, limit: 100 })).items.map(idOf);
    // Act
    await repos.products.update(withdrawn, withdrawnLater);
    const afterWithdrawal = { listings: await listings(), all: await byStatus('all'), withdrawn: await byStatus('withdrawn'), active: await byStatus('active') };
    const relisted: StoredProduct = { ...withdrawn, status: 'active', version: 3 };
    await repos.products.update(relisted, withdrawn);
    const afterRelisting = await listings();
    // Assess
    expect(afterWithdrawal.listings).toEqual(Array(12).fill([active.productId]));
    expect(afterWithdrawal.all).toEqual([active.productId, withdrawn.productId]);
    expect(afterWithdrawal.withdrawn).toEqual([withdrawn.productId]);
    expect(afterWithdrawal.active).toEqual([active.productId]);
    // Newest first: the later-created `active` leads; cheapest first at equal prices: the older id leads.
    expect(afterRelisting).toEqual(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? [active.productId, withdrawn.productId] : [withdrawn.productId, active.productId])),
    );
    expect(await repos.products.get(withdrawn.productId)).toEqual(relisted);
  });

  it('rejects a products.update from a stale version with ConflictError and leaves listings untouched', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const product = makeProduct(ids, village, { category: 'fruit' });
    await repos.products.create(product);
    const first: StoredProduct = { ...product, name: '第一次编辑', version: 2 };
    await repos.products.update(first, product);
    // Act: a second editor still holds version 1 and moves it to another category.
    const error = await repos.products
      .update({ ...product, category: 'tea', version: 2 }, product)
      .catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).field).toBe('If-Match');
    expect(await repos.products.get(product.productId)).toEqual(first);
    expect((await repos.products.listActive({ category: 'tea', sort: 'newest', limit: 10 })).items).toEqual([]);
    expect((await repos.products.listActive({ category: 'fruit', sort: 'newest', limit: 10 })).items).toEqual([first]);
  });

  it('P5: adjusts stock atomically, never below zero, and records each applied adjustment under the product', async () => {
    // Prepare
    const { db, repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const product = makeProduct(ids, village, { stock: 10 });
    await repos.products.create(product);
    const restock = adjustment(ids, product, 5, '补货');
    const writeOff = adjustment(ids, product, -15, '霜冻损耗');
    const tooMuch = adjustment(ids, product, -1, '线下售出');
    // Act
    await repos.products.adjustStock(restock);
    const afterRestock = (await repos.products.get(product.productId))?.stock;
    await repos.products.adjustStock(writeOff);
    const belowZero = await repos.products.adjustStock(tooMuch).catch((e: unknown) => e);
    const replayed = await repos.products.adjustStock({ ...restock }).catch((e: unknown) => e);
    const unknownProduct = await repos.products
      .adjustStock({ ...adjustment(ids, product, 1), productId: ids.next('product') })
      .catch((e: unknown) => e);
    const recorded = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `PRODUCT#${product.productId}`, ':prefix': 'ADJUSTMENT#' },
        ConsistentRead: true,
      }),
    );
    // Assess
    expect(afterRestock).toBe(15);
    expect(belowZero).toBeInstanceOf(ConflictError);
    expect((belowZero as ConflictError).field).toBe('delta');
    expect(replayed).toBeInstanceOf(ConflictError);
    expect(unknownProduct).toBeInstanceOf(NotFoundError);
    expect((await repos.products.get(product.productId))?.stock).toBe(0);
    expect(recorded.Items?.map((item) => ({ adjustmentId: item.adjustmentId, delta: item.delta, reason: item.reason }))).toEqual([
      { adjustmentId: restock.adjustmentId, delta: 5, reason: '补货' },
      { adjustmentId: writeOff.adjustmentId, delta: -15, reason: '霜冻损耗' },
    ]);
    expect(await repos.products.get(ids.next('product'))).toBeUndefined();
  });

  it('lets exactly 10 of 20 concurrent -1 adjustments on stock 10 succeed, ending at stock 0', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const product = makeProduct(ids, village, { stock: 10 });
    await repos.products.create(product);
    const adjustments = Array.from({ length: 20 }, () => adjustment(ids, product, -1, '线下售出'));
    // Act
    const results = await Promise.allSettled(adjustments.map((a) => repos.products.adjustStock(a)));
    // Assess
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(fulfilled).toHaveLength(10);
    expect(rejected).toHaveLength(10);
    for (const reason of rejected) {
      expect(reason).toBeInstanceOf(ConflictError);
      expect((reason as ConflictError).field).toBe('delta');
    }
    expect((await repos.products.get(product.productId))?.stock).toBe(0);
  });
});
