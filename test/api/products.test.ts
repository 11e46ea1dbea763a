import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, coopOf, leaderOf, organizer, productInput, villageInput } from '../support/fixtures.js';
import { createTestStack, type TestStack } from '../support/test-stack.js';

describe('products: what each role may do', () => {
  let stack: TestStack;
  let tudiao: string;
  let gaoqiao: string;
  const office = organizer();
  beforeAll(async () => {
    stack = await createTestStack();
    tudiao = (await stack.call('POST', '/api/villages', { as: office, body: villageInput() })).json.villageId;
    gaoqiao = (await stack.call('POST', '/api/villages', { as: office, body: villageInput({ name: '高桥村', county: '清水县' }) })).json.villageId;
  });

  it("lets a cooperative list a product of its own village, stamped with the village's county", async () => {
    // Act
    const created = await stack.call('POST', `/api/villages/${tudiao}/products`, { as: coopOf(tudiao), body: productInput() });
    // Assess
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      villageId: tudiao,
      county: '简阳市',
      name: '土鸡',
      priceFen: 16_800,
      stock: 50,
      status: 'active',
      photos: [],
      farmerShareBps: 10_000,
      version: 1,
    });
    expect(created.json.productId).toMatch(/^prd_[0-9A-Z]{26}$/);
    expect((await stack.call('GET', `/api/products/${created.json.productId}`)).json.name).toBe('土鸡');
  });

  it("forbids a cooperative to list a product in another village's name", async () => {
    const response = await stack.call('POST', `/api/villages/${gaoqiao}/products`, { as: coopOf(tudiao), body: productInput() });
    expect(response.status).toBe(403);
    expect((await stack.call('GET', `/api/products?villageId=${gaoqiao}`)).json.items).toEqual([]);
  });

  it('forbids buyers, leaders and organizers to create products', async () => {
    for (const actor of [buyer(), leaderOf('org_01JAAAAAAAAAAAAAAAAAAAAAAA'), office]) {
      const response = await stack.call('POST', `/api/villages/${tudiao}/products`, { as: actor, body: productInput() });
      expect(response.status, actor.role).toBe(403);
    }
  });

  it("forbids a cooperative to edit, restock, photograph or see withdrawn products of another village", async () => {
    // Prepare
    const owner = coopOf(gaoqiao);
    const honey = (await stack.call('POST', `/api/villages/${gaoqiao}/products`, { as: owner, body: productInput({ name: '蜂蜜', category: 'honey', unit: '瓶' }) })).json;
    const intruder = coopOf(tudiao);
    // Act
    const edit = await stack.call('PATCH', `/api/products/${honey.productId}`, { as: intruder, body: { priceFen: 1 } });
    const restock = await stack.call('POST', `/api/products/${honey.productId}/stock-adjustments`, { as: intruder, body: { delta: -50, reason: '偷偷改' } });
    const photo = await stack.call('POST', `/api/products/${honey.productId}/photos`, { as: intruder, body: { contentType: 'image/png' } });
    const withdrawn = await stack.call('GET', `/api/products?villageId=${gaoqiao}&status=withdrawn`, { as: intruder });
    // Assess
    expect([edit.status, restock.status, photo.status, withdrawn.status]).toEqual([403, 403, 403, 403]);
    const after = (await stack.call('GET', `/api/products/${honey.productId}`)).json;
    expect(after).toMatchObject({ priceFen: 16_800, stock: 50, version: 1 });
  });

  it('answers 404 for an unknown product and 401 for an anonymous edit', async () => {
    const unknown = await stack.call('PATCH', '/api/products/prd_01JAAAAAAAAAAAAAAAAAAAAAAA', { as: coopOf(tudiao), body: { priceFen: 100 } });
    expect(unknown.status).toBe(404);
    const { productId } = (await stack.call('POST', `/api/villages/${tudiao}/products`, { as: coopOf(tudiao), body: productInput() })).json;
    expect((await stack.call('PATCH', `/api/products/${productId}`, { body: { priceFen: 100 } })).status).toBe(401);
  });

  it('edits, reprices, withdraws and re-lists its own product', async () => {
    // Prepare
    const coop = coopOf(tudiao);
    const { productId } = (await stack.call('POST', `/api/villages/${tudiao}/products`, { as: coop, body: productInput({ name: '脆红李', category: 'fruit', unit: '斤', priceFen: 1_200 }) })).json;
    // Act
    const repriced = await stack.call('PATCH', `/api/products/${productId}`, { as: coop, body: { priceFen: 990, harvestWindow: { start: '06-20', end: '08-10' } }, headers: { 'if-match': '"1"' } });
    const withdrawn = await stack.call('PATCH', `/api/products/${productId}`, { as: coop, body: { status: 'withdrawn' } });
    const publicView = await stack.call('GET', `/api/products/${productId}`, { as: buyer() });
    const ownerView = await stack.call('GET', `/api/products?villageId=${tudiao}&status=withdrawn`, { as: coop });
    const organizerView = await stack.call('GET', `/api/products/${productId}`, { as: office });
    const relisted = await stack.call('PATCH', `/api/products/${productId}`, { as: coop, body: { status: 'active' } });
    // Assess
    expect(repriced.json).toMatchObject({ priceFen: 990, harvestWindow: { start: '06-20', end: '08-10' }, version: 2 });
    // Fields the patch did not name keep their values (no defaults leak into a patch).
    expect(repriced.json).toMatchObject({ description: '林下散养一年以上。', farmerShareBps: 10_000, nameEn: 'Free-range chicken' });
    expect(repriced.headers.get('etag')).toBe('"2"');
    expect(withdrawn.json.status).toBe('withdrawn');
    expect(publicView.status).toBe(404);
    expect(ownerView.json.items.map((p: { productId: string }) => p.productId)).toEqual([productId]);
    expect(organizerView.status).toBe(200);
    expect(relisted.json).toMatchObject({ status: 'active', version: 4 });
    const listed = await stack.call('GET', `/api/products?villageId=${tudiao}&category=fruit`);
    expect(listed.json.items.map((p: { productId: string }) => p.productId)).toEqual([productId]);
  });

  it('rejects a stale If-Match with 412', async () => {
    const coop = coopOf(tudiao);
    const { productId } = (await stack.call('POST', `/api/villages/${tudiao}/products`, { as: coop, body: productInput() })).json;
    await stack.call('PATCH', `/api/products/${productId}`, { as: coop, body: { priceFen: 100 } });
    const stale = await stack.call('PATCH', `/api/products/${productId}`, { as: coop, body: { priceFen: 200 }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect((await stack.call('GET', `/api/products/${productId}`)).json.priceFen).toBe(100);
  });
});

describe('products: bad input gets a 400 naming the field, and writes nothing', () => {
  let stack: TestStack;
  let villageId: string;
  beforeAll(async () => {
    stack = await createTestStack();
    villageId = (await stack.call('POST', '/api/villages', { as: organizer(), body: villageInput() })).json.villageId;
  });

  it.each([
    ['a negative price', { ...productInput(), priceFen: -100 }, 'priceFen'],
    ['a price in yuan with decimals', { ...productInput(), priceFen: 168.5 }, 'priceFen'],
    ['a price as a string', { ...productInput(), priceFen: '16800' }, 'priceFen'],
    ['a zero price', { ...productInput(), priceFen: 0 }, 'priceFen'],
    ['an unknown unit', { ...productInput(), unit: 'ton' }, 'unit'],
    ['an unknown category', { ...productInput(), category: 'gadgets' }, 'category'],
    ['an unknown field', { ...productInput(), discount: 10 }, 'discount'],
    ['a huge name', { ...productInput(), name: '鸡'.repeat(10_000) }, 'name'],
    ['a missing name', { ...productInput(), name: undefined }, 'name'],
    ['an impossible harvest day', { ...productInput(), harvestWindow: { start: '02-30', end: '03-10' } }, 'harvestWindow.start'],
    ['negative stock', { ...productInput(), stock: -1 }, 'stock'],
    ['a farmer share over 100%', { ...productInput(), farmerShareBps: 10_001 }, 'farmerShareBps'],
  ])('rejects %s', async (_label, body, field) => {
    const response = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coopOf(villageId), body });
    expect(response.status).toBe(400);
    expect(response.json.error.field).toBe(field);
    expect((await stack.call('GET', `/api/products?villageId=${villageId}`)).json.items).toEqual([]);
  });

  it('rejects malformed JSON, a wrong content type and an oversized body without a 500', async () => {
    const coop = coopOf(villageId);
    const malformed = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: '{"name":' });
    const wrongType = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: 'name=土鸡', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const oversized = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: { ...productInput(), description: 'x'.repeat(70_000) } });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.field).toBe('body');
    expect(wrongType.status).toBe(415);
    expect(oversized.status).toBe(413);
    expect((await stack.call('GET', `/api/products?villageId=${villageId}`)).json.items).toEqual([]);
  });

  it('rejects bad query parameters by name', async () => {
    const cases: [string, string][] = [
      ['sort=priciest', 'sort'],
      ['limit=1000', 'limit'],
      ['limit=-1', 'limit'],
      ['inSeason=yes', 'inSeason'],
      ['villageId=123', 'villageId'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const response = await stack.call('GET', `/api/products?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.json.error.field, query).toBe(field);
    }
  });

  it('rejects an empty patch and an attempt to overwrite stock', async () => {
    const coop = coopOf(villageId);
    const { productId } = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput() })).json;
    const empty = await stack.call('PATCH', `/api/products/${productId}`, { as: coop, body: {} });
    const stock = await stack.call('PATCH', `/api/products/${productId}`, { as: coop, body: { stock: 1_000 } });
    expect(empty.status).toBe(400);
    expect(stock.status).toBe(400);
    expect(stock.json.error.field).toBe('stock');
    expect((await stack.call('GET', `/api/products/${productId}`)).json.stock).toBe(50);
  });
});

describe('products: Idempotency-Key on creates', () => {
  let stack: TestStack;
  let villageId: string;
  beforeAll(async () => {
    stack = await createTestStack();
    villageId = (await stack.call('POST', '/api/villages', { as: organizer(), body: villageInput() })).json.villageId;
  });

  it('replays the first answer for the same key and body, and creates one product', async () => {
    // Prepare
    const coop = coopOf(villageId);
    const headers = { 'idempotency-key': 'a5a4c0de-0000-4000-8000-000000000001' };
    // Act
    const first = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput(), headers });
    const again = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput(), headers });
    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await stack.call('GET', `/api/products?villageId=${villageId}`)).json.items).toHaveLength(1);
  });

  it('answers 422 when the same key comes with a different body', async () => {
    const coop = coopOf(villageId);
    const headers = { 'idempotency-key': 'a5a4c0de-0000-4000-8000-000000000002' };
    await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput({ name: '土鸡蛋' }), headers });
    const different = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput({ name: '鸭蛋' }), headers });
    expect(different.status).toBe(422);
    expect(different.json.error.field).toBe('Idempotency-Key');
    const names = (await stack.call('GET', `/api/products?villageId=${villageId}`)).json.items.map((p: { name: string }) => p.name);
    expect(names).not.toContain('鸭蛋');
  });

  it('creates exactly one product when retries race', async () => {
    // Prepare
    const local = await createTestStack();
    const village = (await local.call('POST', '/api/villages', { as: organizer(), body: villageInput() })).json.villageId;
    const coop = coopOf(village);
    const headers = { 'idempotency-key': 'a5a4c0de-0000-4000-8000-000000000003' };
    // Act
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => local.call('POST', `/api/villages/${village}/products`, { as: coop, body: productInput(), headers })),
    );
    // Assess
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.json.productId)).size).toBe(1);
    expect((await local.call('GET', `/api/products?villageId=${village}`)).json.items).toHaveLength(1);
  });

  it('keeps keys apart between callers and treats key order in the body as the same request', async () => {
    const headers = { 'idempotency-key': 'a5a4c0de-0000-4000-8000-000000000004' };
    const one = coopOf(villageId);
    const other = coopOf(villageId);
    const body = productInput({ name: '花生' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const a = await stack.call('POST', `/api/villages/${villageId}/products`, { as: one, body, headers });
    const b = await stack.call('POST', `/api/villages/${villageId}/products`, { as: other, body, headers });
    const c = await stack.call('POST', `/api/villages/${villageId}/products`, { as: one, body: reordered, headers });
    expect(a.json.productId).not.toBe(b.json.productId);
    expect(c.json.productId).toBe(a.json.productId);
  });

  it('rejects a key that is too short to be unique', async () => {
    const response = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coopOf(villageId), body: productInput(), headers: { 'idempotency-key': 'x' } });
    expect(response.status).toBe(400);
    expect(response.json.error.field).toBe('Idempotency-Key');
  });
});

describe('products: stock adjustments', () => {
  let stack: TestStack;
  let villageId: string;
  beforeAll(async () => {
    stack = await createTestStack();
    villageId = (await stack.call('POST', '/api/villages', { as: organizer(), body: villageInput() })).json.villageId;
  });

  it('restocks and writes off, never below zero', async () => {
    // Prepare
    const coop = coopOf(villageId);
    const { productId } = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput({ stock: 5 }) })).json;
    // Act
    const restock = await stack.call('POST', `/api/products/${productId}/stock-adjustments`, { as: coop, body: { delta: 30, reason: '新一批出栏' } });
    const tooMuch = await stack.call('POST', `/api/products/${productId}/stock-adjustments`, { as: coop, body: { delta: -36, reason: '损耗' } });
    const writeOff = await stack.call('POST', `/api/products/${productId}/stock-adjustments`, { as: coop, body: { delta: -35, reason: '集市售出' } });
    const zero = await stack.call('POST', `/api/products/${productId}/stock-adjustments`, { as: coop, body: { delta: 0, reason: '无' } });
    // Assess
    expect(restock.status).toBe(201);
    expect(restock.json).toMatchObject({ productId, delta: 30, accountId: coop.accountId });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.json.error.field).toBe('delta');
    expect(writeOff.status).toBe(201);
    expect(zero.status).toBe(400);
    expect((await stack.call('GET', `/api/products/${productId}`)).json.stock).toBe(0);
    const history = await stack.call('GET', `/api/products/${productId}/stock-adjustments`, { as: coop });
    expect(history.json.items.map((a: { delta: number }) => a.delta)).toEqual([-35, 30]);
    expect((await stack.call('GET', `/api/products/${productId}/stock-adjustments`, { as: coopOf('vil_01JAAAAAAAAAAAAAAAAAAAAAAA') })).status).toBe(403);
    expect((await stack.call('GET', `/api/products/${productId}/stock-adjustments`)).status).toBe(401);
  });

  it('replays a retried restock instead of adding twice', async () => {
    const coop = coopOf(villageId);
    const { productId } = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput({ stock: 0 }) })).json;
    const headers = { 'idempotency-key': 'restock-2026-11-21-0001' };
    const first = await stack.call('POST', `/api/products/${productId}/stock-adjustments`, { as: coop, body: { delta: 12, reason: '补货' }, headers });
    const retry = await stack.call('POST', `/api/products/${productId}/stock-adjustments`, { as: coop, body: { delta: 12, reason: '补货' }, headers });
    expect(retry.json).toEqual(first.json);
    expect((await stack.call('GET', `/api/products/${productId}`)).json.stock).toBe(12);
  });

  it('never oversells when write-offs race', async () => {
    // Prepare
    const coop = coopOf(villageId);
    const { productId } = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput({ stock: 10 }) })).json;
    // Act
    const results = await Promise.all(
      Array.from({ length: 25 }, () => stack.call('POST', `/api/products/${productId}/stock-adjustments`, { as: coop, body: { delta: -1, reason: '售出' } })),
    );
    // Assess
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409)).toHaveLength(15);
    expect((await stack.call('GET', `/api/products/${productId}`)).json.stock).toBe(0);
  });
});
