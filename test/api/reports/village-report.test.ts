import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApp } from '../../../functions/api/app.js';
import { createDb } from '../../../shared/db/dynamo.js';
import { repositories } from '../../../shared/db/repositories/index.js';
import { buyer, coopOf, leaderOf } from '../../support/fixtures.js';
import { createTestStack, manualClock, requestHelpers, type TestStack } from '../../support/test-stack.js';
import { appendSales, office, organizationWithLeader, saleOf, villageWithProduct, type TestVillage } from './support.js';

/** 21 November 2026, 12:00 Beijing time: day 21 of 30 in November. */
const NOW = '2026-11-21T04:00:00.000Z';

describe('village report', () => {
  let stack: TestStack;
  let village: TestVillage;
  beforeAll(async () => {
    // Prepare: population 1,380; baseline 2025 sales ¥1,200,000.00, so +15 % is a target of 138,000,000 fen.
    stack = await createTestStack({ clock: manualClock(NOW) });
    village = await villageWithProduct(stack, { name: '土地坳村' });
    await stack.call('PUT', `/api/villages/${village.villageId}/targets/2026`, { as: office, body: { perCapitaIncomeIncreaseFen: 120_000, salesGrowthBps: 1_500 } });
    const sale = (amountFen: number, occurredAt: string) => saleOf({ villageId: village.villageId, amountFen, occurredAt, farmerShareBps: 8_000 });
    await appendSales(stack, [
      sale(10_000_000, '2025-01-15T10:00:00+08:00'),
      sale(5_000_000, '2025-11-10T10:00:00+08:00'),
      sale(15_000_000, '2025-12-10T10:00:00+08:00'),
      sale(12_000_000, '2026-01-15T10:00:00+08:00'),
      // March 2026 has no counterpart in March 2025: a "new" month.
      sale(3_000_000, '2026-03-15T10:00:00+08:00'),
      sale(6_000_000, '2026-11-20T10:00:00+08:00'),
    ]);
  });

  it('reports sales to date, year-on-year over whole months, targets, per-capita income and the projection, to the fen', async () => {
    // Act
    const response = await stack.call('GET', `/api/reports/villages/${village.villageId}?year=2026`, { as: village.coop });
    // Assess
    expect(response.status).toBe(200);
    const report = response.json;
    expect(report).toMatchObject({
      villageId: village.villageId,
      name: '土地坳村',
      nameEn: 'Tudiao Village',
      year: 2026,
      salesFen: 21_000_000,
      comparedThrough: '2026-10',
      comparedSalesFen: 15_000_000,
      lastYearSameToDateFen: 10_000_000,
      lastYearFullYearFen: 30_000_000,
      yoyBps: 5_000,
      yoyPct: 50,
      yoyStatus: 'rate',
      // 80 % of 21,000,000 is 16,800,000; ÷ 1,380 people = 12,173.9 → 12,174.
      householdIncomeFen: 16_800_000,
      perCapitaIncomeIncreaseFen: 12_174,
      // 21,000,000 ÷ 138,000,000 = 15.217… %; 12,174 ÷ 120,000 = 10.145 % → 1,015 bps (half away from zero).
      salesProgressBps: 1_522,
      salesProgressPct: 15.22,
      perCapitaProgressBps: 1_015,
      perCapitaProgressPct: 10.15,
      // Last year to 21 Nov: 10,000,000 + 5,000,000 × 21/30 = 13,500,000; 21,000,000 × 30,000,000 ÷ 13,500,000.
      projectedYearEndFen: 46_666_667,
      projection: 'last_year_shape',
      projectedSalesProgressBps: 3_382,
      // Households: 16,800,000 × 24,000,000 ÷ 10,800,000 = 37,333,333; ÷ 1,380 = 27,053.
      projectedPerCapitaIncomeIncreaseFen: 27_053,
      byChannel: { order: 21_000_000 },
      byCategory: { poultry: 21_000_000 },
    });
    expect(report.target).toMatchObject({ year: 2026, salesTargetFen: 138_000_000, perCapitaIncomeIncreaseFen: 120_000 });
    expect(report.monthly).toHaveLength(12);
    expect(report.monthly[0]).toMatchObject({ month: '2026-01', salesFen: 12_000_000, lastYearSalesFen: 10_000_000, yoyBps: 2_000, yoyPct: 20, yoyStatus: 'rate', state: 'complete' });
    expect(report.monthly[2]).toMatchObject({ month: '2026-03', salesFen: 3_000_000, lastYearSalesFen: 0, yoyBps: null, yoyPct: null, yoyStatus: 'new' });
    expect(report.monthly[10]).toMatchObject({ month: '2026-11', salesFen: 6_000_000, lastYearSalesFen: 5_000_000, yoyStatus: 'pending', state: 'partial' });
  });

  it("lists what each buyer organisation bought from the village this year, largest first, with the organisations' names", async () => {
    // Prepare: a fresh village; 玉林社区 has an English name, 成都银行 none; 新华书店 bought only last year.
    const local = await createTestStack({ clock: manualClock(NOW) });
    const v = await villageWithProduct(local, { name: '高桥村', nameEn: 'Gaoqiao Village' });
    const created = await local.call('POST', '/api/organizations', { as: office, body: { name: '玉林社区', nameEn: 'Yulin Community', kind: 'community', city: '成都市' } });
    const yulin = created.json.organizationId as string;
    const bank = (await organizationWithLeader(local, '成都银行', 'enterprise')).organizationId;
    const bookshop = (await organizationWithLeader(local, '新华书店', 'public_unit')).organizationId;
    await appendSales(local, [
      saleOf({ villageId: v.villageId, organizationId: yulin, amountFen: 30_000, occurredAt: '2026-02-01T10:00:00+08:00' }),
      saleOf({ villageId: v.villageId, organizationId: yulin, amountFen: 12_345, occurredAt: '2026-11-20T10:00:00+08:00' }),
      saleOf({ villageId: v.villageId, organizationId: bank, amountFen: 50_000, occurredAt: '2026-06-01T10:00:00+08:00' }),
      saleOf({ villageId: v.villageId, organizationId: bookshop, amountFen: 99_999, occurredAt: '2025-06-01T10:00:00+08:00' }),
      saleOf({ villageId: v.villageId, amountFen: 7_000, occurredAt: '2026-06-01T10:00:00+08:00' }),
    ]);
    // Act
    const report = (await local.call('GET', `/api/reports/villages/${v.villageId}?year=2026`, { as: v.coop })).json;
    const lastYear = (await local.call('GET', `/api/reports/villages/${v.villageId}?year=2025`, { as: office })).json;
    // Assess: sales without an organisation are in the total, not in the list.
    expect(report.salesFen).toBe(99_345);
    expect(report.byOrganization).toEqual([
      { organizationId: bank, name: '成都银行', purchasesFen: 50_000 },
      { organizationId: yulin, name: '玉林社区', nameEn: 'Yulin Community', purchasesFen: 42_345 },
    ]);
    expect(lastYear.byOrganization).toEqual([{ organizationId: bookshop, name: '新华书店', purchasesFen: 99_999 }]);
    expect(report).toMatchObject({ name: '高桥村', nameEn: 'Gaoqiao Village' });
    const ofYulin = (await local.call('GET', `/api/reports/organizations/${yulin}?year=2026`, { as: office })).json;
    expect(ofYulin).toMatchObject({ name: '玉林社区', nameEn: 'Yulin Community', salesFen: 42_345 });
  });

  it('answers a year without targets with null progress, never a division by zero', async () => {
    const report = (await stack.call('GET', `/api/reports/villages/${village.villageId}?year=2025`, { as: office })).json;
    expect(report).toMatchObject({ salesFen: 30_000_000, target: null, salesProgressBps: null, salesProgressPct: null, comparedThrough: '2025-12', yoyStatus: 'new', projection: 'actual' });
  });

  it('shows the report to the village’s cooperative and organizers only', async () => {
    const path = `/api/reports/villages/${village.villageId}?year=2026`;
    const statuses = await Promise.all(
      [coopOf('vil_01JAAAAAAAAAAAAAAAAAAAAAAA'), leaderOf('org_01JAAAAAAAAAAAAAAAAAAAAAAA'), buyer(), undefined, office].map(async (as) => (await stack.call('GET', path, as ? { as } : {})).status),
    );
    expect(statuses).toEqual([403, 403, 403, 401, 200]);
    const unknown = await stack.call('GET', '/api/reports/villages/vil_01JAAAAAAAAAAAAAAAAAAAAAAA?year=2026', { as: office });
    const noYear = await stack.call('GET', `/api/reports/villages/${village.villageId}`, { as: office });
    const badYear = await stack.call('GET', `/api/reports/villages/${village.villageId}?year=26`, { as: office });
    expect(unknown.status).toBe(404);
    expect([noYear.status, noYear.json.error.field]).toEqual([400, 'year']);
    expect([badYear.status, badYear.json.error.field]).toEqual([400, 'year']);
  });
});

describe('dashboard request counts', () => {
  it('reads the same few items with 10 sales and with 400: reports never read the ledger', async () => {
    // Prepare: an app whose DynamoDB client counts requests, over the same table.
    const stack = await createTestStack({ clock: manualClock(NOW) });
    const village = await villageWithProduct(stack);
    const org = await organizationWithLeader(stack, '玉林社区');
    const pairing = (
      await stack.call('POST', '/api/pairings', { as: office, body: { organizationId: org.organizationId, villageId: village.villageId, startDate: '2026-01-01', annualTargetFen: 1_000_000 } })
    ).json;
    const counting = createDb({ tableName: stack.db.tableName, endpoint: inject('dynamoEndpoint'), region: 'local' });
    let requests = 0;
    const send = counting.doc.send.bind(counting.doc) as (command: unknown) => Promise<unknown>;
    (counting.doc as unknown as { send: (command: unknown) => Promise<unknown> }).send = (command) => {
      requests++;
      return send(command);
    };
    const api = requestHelpers(createApp({ ...stack.deps, ...repositories(counting) }), stack.issuer);
    const history = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        return saleOf({
          villageId: village.villageId,
          organizationId: org.organizationId,
          amountFen: 1_000 + i,
          occurredAt: new Date(Date.UTC(2025 + (i % 2), i % 10, 1 + (i % 27), 2)).toISOString(),
        });
      });
    const first = history(0, 10);
    const rest = history(10, 400);
    const measure = async () => {
      const counts: number[] = [];
      for (const path of [
        `/api/reports/villages/${village.villageId}?year=2026`,
        `/api/reports/organizations/${org.organizationId}?year=2026`,
        `/api/reports/pairings/${pairing.pairingId}?year=2026`,
        '/api/reports/programme?year=2026',
        `/api/reports/counties/${encodeURIComponent(village.county)}?year=2026`,
      ]) {
        requests = 0;
        const response = await api.call('GET', path, { as: office });
        expect(response.status, path).toBe(200);
        counts.push(requests);
      }
      return counts;
    };
    await appendSales(stack, first);
    // Act
    const small = await measure();
    await appendSales(stack, rest);
    const large = await measure();
    // Assess: village + targets + one G1 Query + the organisations (O2) naming its buyers; organisation + pledge
    // + one G2 Query; pairing + one G1 Query; programme and county: the villages (V2), G1′ of this year and of
    // last year, and their targets (V3′).
    expect(small).toEqual([4, 3, 2, 4, 4]);
    expect(large).toEqual(small);
    const report = (await api.call('GET', `/api/reports/pairings/${pairing.pairingId}?year=2026`, { as: office })).json;
    const programme = (await api.call('GET', '/api/reports/programme?year=2026', { as: office })).json;
    const ofVillage = (await api.call('GET', `/api/reports/villages/${village.villageId}?year=2026`, { as: office })).json;
    const expected2026 = [...first, ...rest].filter((s) => s.occurredAt.startsWith('2026')).reduce((sum, s) => sum + s.amountFen, 0);
    const expected2025 = [...first, ...rest].filter((s) => s.occurredAt.startsWith('2025')).reduce((sum, s) => sum + s.amountFen, 0);
    expect(report.salesFen).toBe(expected2026);
    expect(programme).toMatchObject({ salesFen: expected2026, lastYearFullYearFen: expected2025, householdIncomeFen: expected2026 });
    expect(ofVillage.byOrganization).toEqual([{ organizationId: org.organizationId, name: '玉林社区', purchasesFen: expected2026 }]);
  });
});
