import { beforeAll, describe, expect, it } from 'vitest';
import { buyer, coopOf, leaderOf } from '../../support/fixtures.js';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';
import { appendSales, office, organizationWithLeader, saleOf, uploadReceipt, villageWithProduct, type TestVillage } from './support.js';

const NOW = '2026-11-21T04:00:00.000Z';

describe('offline sales and their reversal', () => {
  let stack: TestStack;
  let village: TestVillage;
  beforeAll(async () => {
    stack = await createTestStack({ clock: manualClock(NOW) });
    village = await villageWithProduct(stack, { name: '土地坳村' });
  });

  async function offlineSale(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const receiptPhotoKey = await uploadReceipt(stack, village);
    return stack.call('POST', `/api/villages/${village.villageId}/sales`, {
      as: village.coop,
      headers,
      body: { productId: village.productId, quantity: 10, amountFen: 150_001, occurredAt: '2026-11-20T10:00:00+08:00', counterparty: '永辉超市成华店（代销）', receiptPhotoKey, ...overrides },
    });
  }

  it('records an offline sale with its receipt, the farmer share from the product, in the ledger and its sums', async () => {
    // Act
    const created = await offlineSale();
    const report = await stack.call('GET', `/api/reports/villages/${village.villageId}?year=2026`, { as: village.coop });
    // Assess: 70 % of 150,001 fen is 105,000.7 → 105,001; the instant is stored in UTC.
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      channel: 'offline',
      villageId: village.villageId,
      amountFen: 150_001,
      householdFen: 105_001,
      farmerShareBps: 7_000,
      occurredAt: '2026-11-20T02:00:00.000Z',
      counterparty: '永辉超市成华店（代销）',
      recordedBy: village.coop.accountId,
    });
    expect(created.json.source).toMatch(/^offline:sale_[0-9A-Z]{26}$/);
    expect(report.json.monthly[10]).toMatchObject({ month: '2026-11', salesFen: 150_001 });
    expect(report.json.householdIncomeFen).toBe(105_001);
    expect(report.json.byChannel).toEqual({ offline: 150_001 });
  });

  it('replays a retried sale with the same Idempotency-Key instead of booking it twice', async () => {
    // Prepare
    const local = await createTestStack({ clock: manualClock(NOW) });
    const v = await villageWithProduct(local);
    const receiptPhotoKey = await uploadReceipt(local, v);
    const body = { productId: v.productId, quantity: 1, amountFen: 5_000, occurredAt: '2026-11-20T10:00:00+08:00', counterparty: '集市', receiptPhotoKey };
    const headers = { 'idempotency-key': 'offline-sale-0001' };
    // Act
    const [first, second] = await Promise.all([
      local.call('POST', `/api/villages/${v.villageId}/sales`, { as: v.coop, body, headers }),
      local.call('POST', `/api/villages/${v.villageId}/sales`, { as: v.coop, body, headers }),
    ]);
    const third = await local.call('POST', `/api/villages/${v.villageId}/sales`, { as: v.coop, body, headers });
    const listed = await local.call('GET', '/api/sales', { as: v.coop });
    // Assess
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(new Set([first.json.source, second.json.source, third.json.source]).size).toBe(1);
    expect(listed.json.items).toHaveLength(1);
  });

  it('names the field at fault and books nothing on bad input', async () => {
    // Prepare
    const local = await createTestStack({ clock: manualClock(NOW) });
    const v = await villageWithProduct(local);
    const other = await villageWithProduct(local, { name: '高桥村' });
    const receipt = await uploadReceipt(local, v);
    const othersReceipt = await uploadReceipt(local, other);
    const presignedOnly = (await local.call('POST', `/api/villages/${v.villageId}/sales/receipts`, { as: v.coop, body: { contentType: 'image/jpeg' } })).json.receiptPhotoKey;
    const base = { productId: v.productId, quantity: 1, amountFen: 5_000, occurredAt: '2026-11-20T10:00:00+08:00', counterparty: '集市', receiptPhotoKey: receipt };
    const cases: [Record<string, unknown>, string][] = [
      [{ amountFen: 12.5 }, 'amountFen'],
      [{ amountFen: 0 }, 'amountFen'],
      [{ quantity: -1 }, 'quantity'],
      // More than the 5 minutes a phone's clock may run ahead of the server's.
      [{ occurredAt: '2026-11-21T12:05:01+08:00' }, 'occurredAt'],
      [{ occurredAt: '昨天' }, 'occurredAt'],
      [{ productId: other.productId }, 'productId'],
      [{ receiptPhotoKey: othersReceipt }, 'receiptPhotoKey'],
      [{ receiptPhotoKey: presignedOnly }, 'receiptPhotoKey'],
      [{ receiptPhotoKey: 'receipts/evil.png' }, 'receiptPhotoKey'],
      [{ organizationId: 'org_01JAAAAAAAAAAAAAAAAAAAAAAA' }, 'organizationId'],
      [{ counterparty: '' }, 'counterparty'],
      [{ channel: 'order' }, 'channel'],
    ];
    for (const [patch, field] of cases) {
      // Act
      const response = await local.call('POST', `/api/villages/${v.villageId}/sales`, { as: v.coop, body: { ...base, ...patch } });
      // Assess
      expect(response.status, field).toBe(400);
      expect(response.json.error.field, JSON.stringify(patch)).toBe(field);
    }
    expect((await local.call('GET', '/api/sales', { as: v.coop })).json.items).toEqual([]);
  });

  it("accepts a sale dated by a phone whose clock runs up to 5 minutes ahead of the server's", async () => {
    // Act
    const ahead = await offlineSale({ occurredAt: '2026-11-21T12:04:59+08:00' });
    // Assess
    expect(ahead.status).toBe(201);
    expect(ahead.json.occurredAt).toBe('2026-11-21T04:04:59.000Z');
  });

  it("refuses other roles and other villages' cooperatives", async () => {
    const asOrganizer = await stack.call('POST', `/api/villages/${village.villageId}/sales/receipts`, { as: office, body: { contentType: 'image/png' } });
    const anonymous = await stack.call('POST', `/api/villages/${village.villageId}/sales/receipts`, { body: { contentType: 'image/png' } });
    const receipt = await uploadReceipt(stack, village);
    const forbidden = await stack.call('POST', `/api/villages/${village.villageId}/sales`, {
      as: coopOf('vil_01JAAAAAAAAAAAAAAAAAAAAAAA'),
      body: { productId: village.productId, quantity: 1, amountFen: 100, occurredAt: NOW, counterparty: '集市', receiptPhotoKey: receipt },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.field).toBe('villageId');
    expect([asOrganizer.status, anonymous.status]).toEqual([403, 401]);
  });

  it('reverses an offline sale once, by an exact negative record dated like the sale, so its month nets to zero', async () => {
    // Prepare
    const local = await createTestStack({ clock: manualClock(NOW) });
    const v = await villageWithProduct(local);
    const receiptPhotoKey = await uploadReceipt(local, v);
    const sale = (
      await local.call('POST', `/api/villages/${v.villageId}/sales`, {
        as: v.coop,
        body: { productId: v.productId, quantity: 3, amountFen: 33_333, occurredAt: '2026-10-31T23:59:59+08:00', counterparty: '集市', receiptPhotoKey },
      })
    ).json;
    const path = `/api/sales/${encodeURIComponent(sale.source)}/reversal`;
    // Act
    const reversed = await local.call('POST', path, { as: v.coop, body: { reason: '金额录错' } });
    const again = await local.call('POST', path, { as: v.coop, body: { reason: '再冲一次' } });
    const reverseTheReversal = await local.call('POST', `/api/sales/${encodeURIComponent(reversed.json.source)}/reversal`, { as: v.coop, body: { reason: 'x' } });
    const report = (await local.call('GET', `/api/reports/villages/${v.villageId}?year=2026`, { as: v.coop })).json;
    const rows = (await local.call('GET', '/api/sales', { as: v.coop })).json.items;
    // Assess
    expect(reversed.status).toBe(201);
    expect(reversed.json).toMatchObject({
      source: `reversal:${sale.source}`,
      reverses: sale.source,
      quantity: -3,
      amountFen: -33_333,
      householdFen: -sale.householdFen,
      occurredAt: sale.occurredAt,
    });
    expect(again.status).toBe(409);
    expect(again.json.error.field).toBe('source');
    expect(reverseTheReversal.status).toBe(409);
    expect(report.monthly[9]).toMatchObject({ month: '2026-10', salesFen: 0 });
    expect(report.householdIncomeFen).toBe(0);
    expect(rows.map((r: { amountFen: number }) => r.amountFen).sort()).toEqual([-33_333, 33_333]);
  });

  it("refuses to reverse an order's sale, another village's sale, or an unknown one", async () => {
    // Prepare
    const order = saleOf({ villageId: village.villageId, amountFen: 16_800, occurredAt: '2026-11-19T02:00:00Z' });
    await appendSales(stack, [order]);
    const other = await villageWithProduct(stack, { name: '梨湾村' });
    const receiptPhotoKey = await uploadReceipt(stack, other);
    const othersSale = (
      await stack.call('POST', `/api/villages/${other.villageId}/sales`, {
        as: other.coop,
        body: { productId: other.productId, quantity: 1, amountFen: 100, occurredAt: NOW, counterparty: '集市', receiptPhotoKey },
      })
    ).json;
    // Act
    const ofOrder = await stack.call('POST', `/api/sales/${encodeURIComponent(order.source)}/reversal`, { as: village.coop, body: { reason: '退款' } });
    const ofOther = await stack.call('POST', `/api/sales/${encodeURIComponent(othersSale.source)}/reversal`, { as: village.coop, body: { reason: 'x' } });
    const unknown = await stack.call('POST', `/api/sales/${encodeURIComponent('offline:sale_01JAAAAAAAAAAAAAAAAAAAAAAA')}/reversal`, { as: village.coop, body: { reason: 'x' } });
    const byOrganizer = await stack.call('POST', `/api/sales/${encodeURIComponent(othersSale.source)}/reversal`, { as: office, body: { reason: 'x' } });
    // Assess
    expect(ofOrder.status).toBe(409);
    expect(ofOther.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(byOrganizer.status).toBe(403);
  });
});

describe('reading the ledger', () => {
  let stack: TestStack;
  let village: TestVillage;
  let other: TestVillage;
  let org: Awaited<ReturnType<typeof organizationWithLeader>>;
  beforeAll(async () => {
    stack = await createTestStack({ clock: manualClock('2027-01-10T04:00:00.000Z') });
    village = await villageWithProduct(stack, { name: '宋家村' });
    other = await villageWithProduct(stack, { name: '曙光村' });
    org = await organizationWithLeader(stack, '玉林社区');
    await appendSales(stack, [
      saleOf({ villageId: village.villageId, amountFen: 1_000, occurredAt: '2026-10-31T23:59:59+08:00', organizationId: org.organizationId }),
      saleOf({ villageId: village.villageId, amountFen: 2_000, occurredAt: '2026-11-01T00:00:00+08:00' }),
      saleOf({ villageId: village.villageId, amountFen: 4_000, occurredAt: '2026-12-31T23:59:59+08:00', organizationId: org.organizationId }),
      saleOf({ villageId: village.villageId, amountFen: 8_000, occurredAt: '2027-01-01T00:00:00+08:00' }),
      saleOf({ villageId: other.villageId, amountFen: 16_000, occurredAt: '2026-11-05T12:00:00+08:00', organizationId: org.organizationId }),
    ]);
  });

  const amounts = (response: { json: { items: { amountFen: number }[] } }) => response.json.items.map((s) => s.amountFen);

  it('filters by Asia/Shanghai days: a sale at 23:59:59 stays in its day, one at 00:00:00 starts the next', async () => {
    // Act
    const october31 = await stack.call('GET', `/api/sales?villageId=${village.villageId}&from=2026-10-31&to=2026-10-31`, { as: office });
    const november = await stack.call('GET', `/api/sales?villageId=${village.villageId}&from=2026-11-01&to=2026-11-30`, { as: office });
    const december31 = await stack.call('GET', `/api/sales?villageId=${village.villageId}&from=2026-12-31&to=2026-12-31`, { as: office });
    const instants = await stack.call('GET', `/api/sales?villageId=${village.villageId}&from=2026-11-01T00:00:00%2B08:00&to=2027-01-01T00:00:00%2B08:00`, { as: office });
    const backwards = await stack.call('GET', `/api/sales?villageId=${village.villageId}&from=2026-12-01&to=2026-11-01`, { as: office });
    // Assess
    expect(amounts(october31)).toEqual([1_000]);
    expect(amounts(november)).toEqual([2_000]);
    expect(amounts(december31)).toEqual([4_000]);
    expect(amounts(instants)).toEqual([4_000, 2_000]);
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.field).toBe('to');
  });

  it('books the sale at 23:59:59 on 31 December in that year and the one at 00:00:00 in the next', async () => {
    const y2026 = (await stack.call('GET', `/api/reports/villages/${village.villageId}?year=2026`, { as: office })).json;
    const y2027 = (await stack.call('GET', `/api/reports/villages/${village.villageId}?year=2027`, { as: office })).json;
    expect(y2026.salesFen).toBe(7_000);
    expect(y2026.monthly.slice(9).map((m: { salesFen: number }) => m.salesFen)).toEqual([1_000, 2_000, 4_000]);
    expect(y2027.salesFen).toBe(8_000);
    expect(y2027.monthly[0].salesFen).toBe(8_000);
    expect(y2027.monthly[11].lastYearSalesFen).toBe(4_000);
  });

  it('shows a cooperative its own village by default, a leader its purchases, and refuses anything else', async () => {
    // Act
    const coopDefault = await stack.call('GET', '/api/sales', { as: village.coop });
    const coopOther = await stack.call('GET', `/api/sales?villageId=${other.villageId}`, { as: village.coop });
    const coopByOrg = await stack.call('GET', `/api/sales?organizationId=${org.organizationId}`, { as: village.coop });
    const leaderDefault = await stack.call('GET', '/api/sales', { as: org.leader });
    const leaderOther = await stack.call('GET', '/api/sales?organizationId=org_01JAAAAAAAAAAAAAAAAAAAAAAA', { as: org.leader });
    const leaderVillage = await stack.call('GET', `/api/sales?villageId=${village.villageId}`, { as: org.leader });
    const organizerNone = await stack.call('GET', '/api/sales', { as: office });
    const organizerBoth = await stack.call('GET', `/api/sales?villageId=${village.villageId}&organizationId=${org.organizationId}`, { as: office });
    const organizerOrg = await stack.call('GET', `/api/sales?organizationId=${org.organizationId}`, { as: office });
    const asBuyer = await stack.call('GET', `/api/sales?villageId=${village.villageId}`, { as: buyer() });
    const anonymous = await stack.call('GET', `/api/sales?villageId=${village.villageId}`);
    const strangerLeader = await stack.call('GET', '/api/sales', { as: leaderOf('org_01JAAAAAAAAAAAAAAAAAAAAAAA') });
    // Assess
    expect(amounts(coopDefault)).toEqual([8_000, 4_000, 2_000, 1_000]);
    expect([coopOther.status, coopByOrg.status]).toEqual([403, 403]);
    expect(amounts(leaderDefault)).toEqual([4_000, 16_000, 1_000]);
    expect([leaderOther.status, leaderVillage.status]).toEqual([403, 403]);
    expect([organizerNone.status, organizerBoth.status]).toEqual([400, 400]);
    expect(amounts(organizerOrg)).toEqual([4_000, 16_000, 1_000]);
    expect([asBuyer.status, anonymous.status]).toEqual([403, 401]);
    expect(strangerLeader.json.items).toEqual([]);
  });

  it('pages with a cursor and filters by channel', async () => {
    const first = await stack.call('GET', `/api/sales?villageId=${village.villageId}&limit=3`, { as: office });
    const second = await stack.call('GET', `/api/sales?villageId=${village.villageId}&limit=3&cursor=${first.json.nextCursor}`, { as: office });
    const offline = await stack.call('GET', `/api/sales?villageId=${village.villageId}&channel=offline`, { as: office });
    expect(amounts(first)).toEqual([8_000, 4_000, 2_000]);
    expect(amounts(second)).toEqual([1_000]);
    expect(second.json.nextCursor).toBeNull();
    expect(offline.json.items).toEqual([]);
  });
});
