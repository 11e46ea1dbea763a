import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';
import { appendSales, office, organizationWithLeader, saleOf, villageWithProduct, type TestVillage } from './support.js';

/** 5 December 2026: November is complete, December is running. */
const NOW = '2026-12-05T04:00:00.000Z';

describe('monthly rankings, county and category reports', () => {
  let stack: TestStack;
  const v: Record<string, TestVillage> = {};
  let yulin: Awaited<ReturnType<typeof organizationWithLeader>>;
  let bank: Awaited<ReturnType<typeof organizationWithLeader>>;
  let bookshop: Awaited<ReturnType<typeof organizationWithLeader>>;
  beforeAll(async () => {
    stack = await createTestStack({ clock: manualClock(NOW) });
    // Prepare: each village's 2026 sales target is its 2025 baseline (growth target 0), so attainment is easy to read.
    const villages: [string, string, number, number, number][] = [
      // name, county, baseline 2025 = target 2026, sales Jan–Nov 2025, sales Jan–Nov 2026
      ['高桥村', '清水县', 260_000, 100_000, 130_000],
      ['梨湾村', '清水县', 240_000, 100_000, 120_000],
      ['宋家村', '利州区', 480_000, 200_000, 240_000],
      ['曙光村', '利州区', 90_000, 100_000, 90_000],
      ['阿坝村', '利州区', 1, 0, 50_000],
    ];
    const sales = [];
    for (const [name, county, baseline, lastYear, thisYear] of villages) {
      const village = await villageWithProduct(stack, { name, county, baseline: { year: 2025, salesFen: baseline, perCapitaIncomeFen: 1_000_000 } });
      v[name] = village;
      if (name !== '阿坝村') {
        await stack.call('PUT', `/api/villages/${village.villageId}/targets/2026`, { as: office, body: { perCapitaIncomeIncreaseFen: 100_000, salesGrowthBps: 0 } });
      }
      if (lastYear) sales.push(saleOf({ villageId: village.villageId, amountFen: lastYear, occurredAt: '2025-06-10T10:00:00+08:00', category: 'fruit' }));
      sales.push(saleOf({ villageId: village.villageId, amountFen: thisYear, occurredAt: '2026-06-10T10:00:00+08:00', category: 'fruit' }));
    }
    yulin = await organizationWithLeader(stack, '玉林社区');
    bank = await organizationWithLeader(stack, '成都银行', 'enterprise');
    bookshop = await organizationWithLeader(stack, '新华书店', 'public_unit');
    await stack.call('PUT', `/api/organizations/${yulin.organizationId}/pledges/2026`, { as: office, body: { amountFen: 200_000 } });
    await stack.call('PUT', `/api/organizations/${bank.organizationId}/pledges/2026`, { as: office, body: { amountFen: 100_000 } });
    // The organisations' purchases (also the villages' sales, in another category).
    sales.push(saleOf({ villageId: v['高桥村']!.villageId, amountFen: 100_000, occurredAt: '2026-11-30T23:59:59+08:00', organizationId: yulin.organizationId, category: 'honey' }));
    sales.push(saleOf({ villageId: v['梨湾村']!.villageId, amountFen: 100_000, occurredAt: '2025-11-10T10:00:00+08:00', organizationId: yulin.organizationId, category: 'honey' }));
    sales.push(saleOf({ villageId: v['宋家村']!.villageId, amountFen: 100_000, occurredAt: '2026-05-10T10:00:00+08:00', organizationId: bank.organizationId, category: 'honey' }));
    // December is running: counted in the provisional December ranking, never in a growth rate yet.
    sales.push(saleOf({ villageId: v['曙光村']!.villageId, amountFen: 1_000_000, occurredAt: '2026-12-01T00:00:00+08:00', category: 'fruit' }));
    await appendSales(stack, sales);
  });

  const ranking = (list: { name: string; rank: number | null; bottomThree: boolean }[]) => list.map((e) => [e.name, e.rank, e.bottomThree]);

  it('ranks villages by growth with shared ranks for ties ordered by name, flags the bottom three, and leaves new villages unranked', async () => {
    // Act
    const response = await stack.call('GET', '/api/reports/rankings?year=2026&month=11', { as: office });
    // Assess
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ month: '2026-11', comparedThrough: '2026-11', provisional: false });
    // 2026 vs 2025, Jan–Nov (the organisations' purchases included): 高桥 230,000/100,000 = +130 %; 宋家 340,000/200,000
    // = +70 %; 梨湾 120,000/200,000 = -40 %; 曙光 90,000/100,000 = -10 %; 阿坝 had nothing last year: new, unranked.
    // With four ranked, the bottom three are places 2–4.
    expect(ranking(response.json.villagesByGrowth)).toEqual([
      ['高桥村', 1, false],
      ['宋家村', 2, true],
      ['曙光村', 3, true],
      ['梨湾村', 4, true],
      ['阿坝村', null, false],
    ]);
    expect(response.json.villagesByGrowth[0]).toMatchObject({ yoyBps: 13_000, yoyPct: 130, comparedSalesFen: 230_000, lastYearSameToDateFen: 100_000 });
    expect(response.json.villagesByGrowth[4]).toMatchObject({ yoyBps: null, yoyStatus: 'new' });
    // English names ride along where the village has one (the fixture gives every village one).
    expect(response.json.villagesByGrowth[0].nameEn).toBe('Tudiao Village');
  });

  it('ranks target attainment (January through the month ÷ the annual sales target)', async () => {
    const response = await stack.call('GET', '/api/reports/rankings?year=2026&month=11', { as: office });
    // 曙光 90,000/90,000 = 100 %; 高桥 230,000/260,000 = 88.46 %; 宋家 340,000/480,000 = 70.83 %; 梨湾 120,000/240,000 = 50 %.
    expect(ranking(response.json.villagesByTargetAttainment)).toEqual([
      ['曙光村', 1, false],
      ['高桥村', 2, true],
      ['宋家村', 3, true],
      ['梨湾村', 4, true],
      ['阿坝村', null, false],
    ]);
    expect(response.json.villagesByTargetAttainment.map((e: { attainmentBps: number | null }) => e.attainmentBps)).toEqual([10_000, 8_846, 7_083, 5_000, null]);
  });

  it('ties villages exactly, sharing a rank (1, 2, 2, 4), ordered by name', async () => {
    // Prepare: a fresh programme where 梨湾 and 宋家 both grow exactly 20 %.
    const local = await createTestStack({ clock: manualClock(NOW) });
    const rows: [string, number, number][] = [
      ['宋家村', 200_000, 240_000],
      ['高桥村', 100_000, 130_000],
      ['梨湾村', 100_000, 120_000],
      ['曙光村', 100_000, 90_000],
    ];
    const sales = [];
    for (const [name, lastYear, thisYear] of rows) {
      const village = await villageWithProduct(local, { name });
      sales.push(saleOf({ villageId: village.villageId, amountFen: lastYear, occurredAt: '2025-03-01T00:00:00+08:00' }));
      sales.push(saleOf({ villageId: village.villageId, amountFen: thisYear, occurredAt: '2026-03-01T00:00:00+08:00' }));
    }
    await appendSales(local, sales);
    // Act
    const response = await local.call('GET', '/api/reports/rankings?year=2026&month=11', { as: office });
    // Assess: pinyin order puts 梨 (li) before 宋 (song).
    expect(ranking(response.json.villagesByGrowth)).toEqual([
      ['高桥村', 1, false],
      ['梨湾村', 2, true],
      ['宋家村', 2, true],
      ['曙光村', 4, true],
    ]);
  });

  it('ranks organisations by purchases and by pledge attainment', async () => {
    const response = await stack.call('GET', '/api/reports/rankings?year=2026&month=11', { as: office });
    // 成都银行 and 玉林社区 both bought 100,000 in 2026 (玉林's 2025 purchase does not count): a tie, listed by name.
    expect(ranking(response.json.organizationsByPurchases)).toEqual([
      ['成都银行', 1, true],
      ['玉林社区', 1, true],
      ['新华书店', 3, true],
    ]);
    expect(response.json.organizationsByPurchases[1]).toMatchObject({ purchasesFen: 100_000, monthFen: 100_000 });
    expect(response.json.organizationsByPurchases[0]).toMatchObject({ purchasesFen: 100_000, monthFen: 0 });
    expect(response.json.organizationsByPurchases[0]).not.toHaveProperty('nameEn');
    expect(ranking(response.json.organizationsByPledgeAttainment)).toEqual([
      ['成都银行', 1, true],
      ['玉林社区', 2, true],
      ['新华书店', null, false],
    ]);
    expect(response.json.organizationsByPledgeAttainment[1]).toMatchObject({ attainmentBps: 5_000, attainmentPct: 50, pledgeFen: 200_000 });
    expect(bookshop.organizationId).toBe(response.json.organizationsByPledgeAttainment[2].organizationId);
  });

  it('marks the running month provisional, compares only whole months, and refuses a month not yet begun', async () => {
    const december = await stack.call('GET', '/api/reports/rankings?year=2026&month=12', { as: office });
    const january = await stack.call('GET', '/api/reports/rankings?year=2027&month=1', { as: office });
    const badMonth = await stack.call('GET', '/api/reports/rankings?year=2026&month=13', { as: office });
    expect(december.json).toMatchObject({ month: '2026-12', provisional: true, comparedThrough: '2026-11' });
    const shuguang = december.json.villagesByTargetAttainment.find((e: { name: string }) => e.name === '曙光村');
    const shuguangGrowth = december.json.villagesByGrowth.find((e: { name: string }) => e.name === '曙光村');
    expect(shuguang.salesFen).toBe(1_090_000);
    expect(shuguangGrowth.comparedSalesFen).toBe(90_000);
    expect([january.status, january.json.error.field]).toEqual([400, 'year']);
    expect([badMonth.status, badMonth.json.error.field]).toEqual([400, 'month']);
  });

  it('sums a county from its villages, with progress against the targets of the villages that have one', async () => {
    // Act
    const response = await stack.call('GET', `/api/reports/counties/${encodeURIComponent('利州区')}?year=2026`, { as: office });
    // Assess: 宋家 340,000 + 曙光 1,090,000 + 阿坝 50,000; targets 480,000 + 90,000 (阿坝 has none).
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      county: '利州区',
      villageCount: 3,
      salesFen: 1_480_000,
      comparedThrough: '2026-11',
      comparedSalesFen: 480_000,
      lastYearSameToDateFen: 300_000,
      yoyBps: 6_000,
      salesTargetFen: 570_000,
      villagesWithTarget: 2,
      // (340,000 + 1,090,000) ÷ 570,000 = 250.88 %.
      salesProgressBps: 25_088,
    });
    expect(response.json.villages.map((line: { name: string; salesFen: number }) => [line.name, line.salesFen]).sort()).toEqual([
      ['宋家村', 340_000],
      ['曙光村', 1_090_000],
      ['阿坝村', 50_000],
    ]);
    // The breakdowns of the county's sums: 宋家's honey is the bank's purchase; December's sale counts in the year.
    expect(response.json).toMatchObject({ byChannel: { order: 1_480_000 }, byCategory: { fruit: 1_380_000, honey: 100_000 }, householdIncomeFen: 1_480_000 });
    // Each line's per-capita figures, as the village report computes them: 340,000 ÷ 1,380 people = 246.38 → 246
    // fen a head, 0.246 % of the ¥1,000 target → 25 bps; 阿坝村 has no targets for the year.
    const line = (name: string) => response.json.villages.find((l: { name: string }) => l.name === name);
    expect(line('宋家村')).toMatchObject({ county: '利州区', population: 1_380, householdIncomeFen: 340_000, perCapitaIncomeIncreaseFen: 246, perCapitaTargetFen: 100_000, perCapitaProgressBps: 25, perCapitaProgressPct: 0.25 });
    expect(line('阿坝村')).toMatchObject({ perCapitaIncomeIncreaseFen: 36, perCapitaTargetFen: null, perCapitaProgressBps: null, salesTargetFen: null });
    expect(line('宋家村').nameEn).toBe('Tudiao Village');
    const unknown = await stack.call('GET', `/api/reports/counties/${encodeURIComponent('无此县')}?year=2026`, { as: office });
    expect(unknown.status).toBe(404);
  });

  it('sums a category across every village', async () => {
    const honey = await stack.call('GET', '/api/reports/categories/honey?year=2026', { as: office });
    const bad = await stack.call('GET', '/api/reports/categories/spices?year=2026', { as: office });
    expect(honey.json).toMatchObject({ category: 'honey', salesFen: 200_000, comparedSalesFen: 200_000, lastYearSameToDateFen: 100_000, yoyBps: 10_000 });
    expect([bad.status, bad.json.error.field]).toEqual([400, 'category']);
  });

  it('keeps programme-wide reports for organizers', async () => {
    const paths = ['/api/reports/rankings?year=2026&month=11', `/api/reports/counties/${encodeURIComponent('利州区')}?year=2026`, '/api/reports/categories/honey?year=2026'];
    for (const path of paths) {
      expect((await stack.call('GET', path, { as: v['宋家村']!.coop })).status, path).toBe(403);
      expect((await stack.call('GET', path, { as: yulin.leader })).status, path).toBe(403);
      expect((await stack.call('GET', path)).status, path).toBe(401);
    }
  });
});
