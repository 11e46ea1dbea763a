import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyer } from '../../support/fixtures.js';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';
import { appendSales, office, organizationWithLeader, saleOf, villageWithProduct, type TestVillage } from './support.js';

/** 21 November 2026, 12:00 Beijing time: January–October are whole months, November is running. */
const NOW = '2026-11-21T04:00:00.000Z';

describe('programme report', () => {
  let stack: TestStack;
  let tudiao: TestVillage;
  let gaoqiao: TestVillage;
  let liwan: TestVillage;
  beforeAll(async () => {
    stack = await createTestStack({ clock: manualClock(NOW) });
    // Prepare: three villages in two counties. 土地坳村 has an English name and targets (sales 138,000,000 =
    // its 120,000,000 baseline + 15 %; ¥1,200 per head); 高桥村 has neither; 梨湾村 has targets and no sales.
    tudiao = await villageWithProduct(stack, { name: '土地坳村', nameEn: 'Tudiao Village', county: '简阳市', population: 1_380 });
    gaoqiao = await villageWithProduct(stack, { name: '高桥村', nameEn: undefined, county: '清水县', population: 1_000 });
    liwan = await villageWithProduct(stack, { name: '梨湾村', county: '清水县', population: 500, baseline: { year: 2025, salesFen: 1_000_000, perCapitaIncomeFen: 500_000 } });
    await stack.call('PUT', `/api/villages/${tudiao.villageId}/targets/2026`, { as: office, body: { perCapitaIncomeIncreaseFen: 120_000, salesGrowthBps: 1_500 } });
    await stack.call('PUT', `/api/villages/${liwan.villageId}/targets/2026`, { as: office, body: { perCapitaIncomeIncreaseFen: 1_000, salesGrowthBps: 0 } });
    await appendSales(stack, [
      saleOf({ villageId: tudiao.villageId, amountFen: 10_000_000, occurredAt: '2025-01-15T10:00:00+08:00', farmerShareBps: 8_000 }),
      saleOf({ villageId: tudiao.villageId, amountFen: 12_000_000, occurredAt: '2026-01-15T10:00:00+08:00', farmerShareBps: 8_000 }),
      saleOf({ villageId: tudiao.villageId, amountFen: 6_000_000, occurredAt: '2026-11-20T10:00:00+08:00', farmerShareBps: 8_000 }),
      saleOf({ villageId: gaoqiao.villageId, amountFen: 1_000_000, occurredAt: '2025-03-10T10:00:00+08:00', category: 'fruit' }),
      { ...saleOf({ villageId: gaoqiao.villageId, amountFen: 1_234_500, occurredAt: '2026-03-10T10:00:00+08:00', category: 'fruit' }), channel: 'group_buy' },
    ]);
  });

  it('sums every village of the year from the monthly sums, year-on-year over whole months, with breakdowns and target progress', async () => {
    // Act
    const response = await stack.call('GET', '/api/reports/programme?year=2026', { as: office });
    // Assess
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      year: 2026,
      villageCount: 3,
      // 12,000,000 + 6,000,000 + 1,234,500.
      salesFen: 19_234_500,
      comparedThrough: '2026-10',
      comparedSalesFen: 13_234_500,
      lastYearSameToDateFen: 11_000_000,
      lastYearFullYearFen: 11_000_000,
      // 2,234,500 ÷ 11,000,000 = 20.3136… %.
      yoyBps: 2_031,
      yoyPct: 20.31,
      yoyStatus: 'rate',
      // 80 % of 18,000,000 + 100 % of 1,234,500.
      householdIncomeFen: 15_634_500,
      // Targets of 土地坳村 and 梨湾村: 138,000,000 + 1,000,000; their sales 18,000,000 ÷ 139,000,000 = 12.9496… %.
      salesTargetFen: 139_000_000,
      villagesWithTarget: 2,
      salesProgressBps: 1_295,
      salesProgressPct: 12.95,
      byChannel: { order: 18_000_000, group_buy: 1_234_500 },
      byCategory: { poultry: 18_000_000, fruit: 1_234_500 },
    });
    expect(response.json.monthly).toHaveLength(12);
    expect(response.json.monthly[0]).toMatchObject({ month: '2026-01', salesFen: 12_000_000, lastYearSalesFen: 10_000_000, yoyBps: 2_000, state: 'complete' });
    expect(response.json.monthly[2]).toMatchObject({ month: '2026-03', salesFen: 1_234_500, lastYearSalesFen: 1_000_000, yoyBps: 2_345, yoyPct: 23.45 });
    expect(response.json.monthly[10]).toMatchObject({ month: '2026-11', salesFen: 6_000_000, lastYearSalesFen: 0, yoyStatus: 'pending', state: 'partial' });
  });

  it("gives each village's line its per-capita income increase (household share ÷ population, to the fen) against its target", async () => {
    // Act
    const report = (await stack.call('GET', '/api/reports/programme?year=2026', { as: office })).json;
    const line = (villageId: string) => report.villages.find((l: { villageId: string }) => l.villageId === villageId);
    // Assess
    expect(report.villages).toHaveLength(3);
    expect(line(tudiao.villageId)).toEqual({
      villageId: tudiao.villageId,
      name: '土地坳村',
      nameEn: 'Tudiao Village',
      county: '简阳市',
      population: 1_380,
      salesFen: 18_000_000,
      comparedSalesFen: 12_000_000,
      lastYearSameToDateFen: 10_000_000,
      yoyBps: 2_000,
      yoyPct: 20,
      yoyStatus: 'rate',
      salesTargetFen: 138_000_000,
      // 18,000,000 ÷ 138,000,000 = 13.0434… %.
      salesProgressBps: 1_304,
      salesProgressPct: 13.04,
      householdIncomeFen: 14_400_000,
      // 14,400,000 ÷ 1,380 = 10,434.78… → 10,435; 10,435 ÷ 120,000 = 8.6958… %.
      perCapitaIncomeIncreaseFen: 10_435,
      perCapitaTargetFen: 120_000,
      perCapitaProgressBps: 870,
      perCapitaProgressPct: 8.7,
    });
    // 1,234,500 ÷ 1,000 = 1,234.5: half away from zero, 1,235. No targets: progress null, never a division by zero.
    expect(line(gaoqiao.villageId)).toMatchObject({ householdIncomeFen: 1_234_500, perCapitaIncomeIncreaseFen: 1_235, perCapitaTargetFen: null, perCapitaProgressBps: null, perCapitaProgressPct: null, salesTargetFen: null });
    expect(line(gaoqiao.villageId)).not.toHaveProperty('nameEn');
    expect(line(liwan.villageId)).toMatchObject({ salesFen: 0, yoyStatus: 'none', salesTargetFen: 1_000_000, salesProgressBps: 0, perCapitaIncomeIncreaseFen: 0, perCapitaTargetFen: 1_000, perCapitaProgressBps: 0 });
  });

  it("computes a village's line exactly as its own report does, and a county's lines the same way", async () => {
    // Act
    const programme = (await stack.call('GET', '/api/reports/programme?year=2026', { as: office })).json;
    const county = (await stack.call('GET', `/api/reports/counties/${encodeURIComponent('清水县')}?year=2026`, { as: office })).json;
    // Assess
    for (const village of [tudiao, gaoqiao, liwan]) {
      const own = (await stack.call('GET', `/api/reports/villages/${village.villageId}?year=2026`, { as: office })).json;
      const line = programme.villages.find((l: { villageId: string }) => l.villageId === village.villageId);
      expect(line, village.name).toMatchObject({
        salesFen: own.salesFen,
        householdIncomeFen: own.householdIncomeFen,
        perCapitaIncomeIncreaseFen: own.perCapitaIncomeIncreaseFen,
        perCapitaProgressBps: own.perCapitaProgressBps,
        salesProgressBps: own.salesProgressBps,
        yoyBps: own.yoyBps,
      });
    }
    expect(county).toMatchObject({ county: '清水县', villageCount: 2, salesFen: 1_234_500, byChannel: { group_buy: 1_234_500 }, byCategory: { fruit: 1_234_500 } });
    expect(county.villages).toEqual(programme.villages.filter((l: { county: string }) => l.county === '清水县'));
  });

  it('answers a year before any sale with zeros and a programme without villages with an empty report, not an error', async () => {
    const early = await stack.call('GET', '/api/reports/programme?year=2024', { as: office });
    const empty = await (await createTestStack({ clock: manualClock(NOW) })).call('GET', '/api/reports/programme?year=2026', { as: office });
    expect(early.json).toMatchObject({ salesFen: 0, yoyStatus: 'none', villageCount: 3, salesTargetFen: null, salesProgressBps: null, byChannel: {}, byCategory: {} });
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ villageCount: 0, salesFen: 0, villages: [], salesTargetFen: null });
  });

  it('is for organizers only, and names the field of a bad year', async () => {
    const leader = (await organizationWithLeader(stack, '玉林社区')).leader;
    const statuses = await Promise.all([tudiao.coop, leader, buyer(), undefined].map(async (as) => (await stack.call('GET', '/api/reports/programme?year=2026', as ? { as } : {})).status));
    const noYear = await stack.call('GET', '/api/reports/programme', { as: office });
    const badYear = await stack.call('GET', '/api/reports/programme?year=twenty', { as: office });
    const extra = await stack.call('GET', '/api/reports/programme?year=2026&county=x', { as: office });
    expect(statuses).toEqual([403, 403, 403, 401]);
    expect([noYear.status, noYear.json.error.field]).toEqual([400, 'year']);
    expect([badYear.status, badYear.json.error.field]).toEqual([400, 'year']);
    expect([extra.status, extra.json.error.field]).toEqual([400, 'county']);
  });

  it('exports the programme report as CSV with the same figures, village lines with their county and per-capita figures', async () => {
    // Act
    const created = await stack.call('POST', '/api/exports', { as: office, body: { kind: 'programme_report', year: 2026 } });
    const refused = await stack.call('POST', '/api/exports', { as: tudiao.coop, body: { kind: 'programme_report', year: 2026 } });
    const rows: string[][] = parse(Buffer.from(await (await fetch(created.json.downloadUrl)).arrayBuffer()).toString('utf8'), { bom: true, relax_column_count: true });
    // Assess
    expect(created.status).toBe(201);
    expect(created.json.filename).toBe('programme-report-2026.csv');
    expect(refused.status).toBe(403);
    const value = (item: string) => rows.find((row) => row[0] === item)?.[1];
    expect(value('村数 villages')).toBe('3');
    expect(value('本年累计(元) sales_to_date_yuan')).toBe('192345.00');
    expect(value('同比(%) yoy_pct')).toBe('20.31');
    const header = rows.find((row) => row[0] === '村 village')!;
    const tudiaoRow = rows.find((row) => row[1] === tudiao.villageId)!;
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    expect(cell(tudiaoRow, '县 county')).toBe('简阳市');
    expect(cell(tudiaoRow, '人均增收(元) per_capita_increase_yuan')).toBe('104.35');
    expect(cell(tudiaoRow, '人均增收目标(元) per_capita_target_yuan')).toBe('1200.00');
    expect(cell(tudiaoRow, '人均增收完成(%) per_capita_progress_pct')).toBe('8.70');
  });
});
