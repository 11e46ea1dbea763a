import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { percentOf, textCell, toCsv, yuanOf } from '../../shared/domain/csv.js';
import {
  compareYears,
  divideRounded,
  growthOf,
  largestFirst,
  pctOf,
  projectYearEnd,
  rankEntries,
  ratioBps,
  seriesOf,
  yearPosition,
} from '../../shared/domain/reports.js';
import { IsoWeek, isLate, isoWeekOf, weekBounds } from '../../shared/domain/weekly-report.js';

const series = (entries: Record<string, number>) => seriesOf(Object.entries(entries).map(([month, amount]) => ({ month, amount })));

describe('rates in basis points', () => {
  it('rounds half away from zero, exactly, in both directions', () => {
    // Prepare / Act / Assess
    expect(divideRounded(5n, 2n)).toBe(3);
    expect(divideRounded(-5n, 2n)).toBe(-3);
    expect(divideRounded(4n, 3n)).toBe(1);
    expect(divideRounded(-4n, 3n)).toBe(-1);
    expect(ratioBps(1, 3)).toBe(3_333);
    expect(ratioBps(2, 3)).toBe(6_667);
    expect(ratioBps(1_000_000_000_000, 1)).toBe(10_000_000_000_000_000);
  });

  it('answers null rather than dividing by zero or by a negative whole', () => {
    expect(ratioBps(500, 0)).toBeNull();
    expect(ratioBps(500, null)).toBeNull();
    expect(ratioBps(500, -10)).toBeNull();
  });

  it('gives the percentage as the exact two-decimal value of the basis points', () => {
    expect(pctOf(1_523)).toBe(15.23);
    expect(JSON.stringify({ p: pctOf(1_523), q: pctOf(-5), r: pctOf(10_000), s: pctOf(1) })).toBe('{"p":15.23,"q":-0.05,"r":100,"s":0.01}');
    expect(pctOf(null)).toBeNull();
  });

  it('marks growth from nothing as new, nothing on both sides as none, and a negative base as not comparable', () => {
    expect(growthOf(115_230, 100_000)).toEqual({ yoyBps: 1_523, yoyPct: 15.23, yoyStatus: 'rate' });
    expect(growthOf(50_000, 100_000)).toEqual({ yoyBps: -5_000, yoyPct: -50, yoyStatus: 'rate' });
    expect(growthOf(80_000, 0)).toEqual({ yoyBps: null, yoyPct: null, yoyStatus: 'new' });
    expect(growthOf(0, 0)).toEqual({ yoyBps: null, yoyPct: null, yoyStatus: 'none' });
    expect(growthOf(10, -10)).toEqual({ yoyBps: null, yoyPct: null, yoyStatus: 'not_comparable' });
  });
});

describe('reporting years in Asia/Shanghai', () => {
  it('counts 23:59:59 on 31 December Beijing time in that year and 00:00:00 in the next', () => {
    // Prepare: 2026-12-31T23:59:59+08:00 and 2027-01-01T00:00:00+08:00
    const lastSecond = new Date('2026-12-31T15:59:59.000Z');
    const firstSecond = new Date('2026-12-31T16:00:00.000Z');
    // Act / Assess
    expect(yearPosition(2026, lastSecond)).toMatchObject({ state: 'current', completeMonths: 11, today: { month: 12, dayOfMonth: 31, dayOfYear: 365 } });
    expect(yearPosition(2026, firstSecond)).toEqual({ year: 2026, state: 'past', completeMonths: 12 });
    expect(yearPosition(2027, firstSecond)).toMatchObject({ state: 'current', completeMonths: 0, today: { month: 1, dayOfMonth: 1 } });
  });

  it('compares whole months only: through October on 21 November, month by month with new months flagged', () => {
    // Prepare: 2025 had no sales in March; 2026 did.
    const sales = series({ '2025-01': 100_000, '2025-02': 50_000, '2025-11': 70_000, '2026-01': 120_000, '2026-02': 50_000, '2026-03': 30_000, '2026-11': 99_000 });
    // Act
    const report = compareYears(sales, 2026, new Date('2026-11-21T04:00:00.000Z'));
    // Assess
    expect(report.comparedThrough).toBe('2026-10');
    expect(report.salesFen).toBe(299_000);
    expect(report.comparedSalesFen).toBe(200_000);
    expect(report.lastYearSameToDateFen).toBe(150_000);
    expect(report.lastYearFullYearFen).toBe(220_000);
    expect(report).toMatchObject({ yoyBps: 3_333, yoyPct: 33.33, yoyStatus: 'rate' });
    expect(report.monthly[0]).toMatchObject({ month: '2026-01', salesFen: 120_000, lastYearSalesFen: 100_000, yoyBps: 2_000, state: 'complete' });
    expect(report.monthly[2]).toMatchObject({ month: '2026-03', salesFen: 30_000, lastYearSalesFen: 0, yoyBps: null, yoyStatus: 'new' });
    expect(report.monthly[3]).toMatchObject({ month: '2026-04', yoyStatus: 'none' });
    expect(report.monthly[10]).toMatchObject({ month: '2026-11', salesFen: 99_000, lastYearSalesFen: 70_000, yoyStatus: 'pending', state: 'partial' });
    expect(report.monthly[11]).toMatchObject({ month: '2026-12', state: 'future', yoyStatus: 'pending' });
  });

  it('compares nothing yet in January, and the whole of a past year', () => {
    const sales = series({ '2025-01': 100, '2026-01': 300 });
    const january = compareYears(sales, 2026, new Date('2026-01-15T04:00:00.000Z'));
    const later = compareYears(sales, 2026, new Date('2027-03-01T04:00:00.000Z'));
    expect(january).toMatchObject({ comparedThrough: null, comparedSalesFen: 0, lastYearSameToDateFen: 0, yoyBps: null, yoyStatus: 'pending', salesFen: 300 });
    expect(later).toMatchObject({ comparedThrough: '2026-12', comparedSalesFen: 300, lastYearSameToDateFen: 100, yoyBps: 20_000, yoyPct: 200 });
  });
});

describe('year-end projection', () => {
  it("scales this year to date by last year's shape, counting last year's current month by its days elapsed", () => {
    // Prepare: on 15 June (day 15 of 30). Last year: Jan–May 500,000, June 300,000, whole year 2,000,000.
    const sales = series({ '2025-01': 500_000, '2025-06': 300_000, '2025-12': 1_200_000, '2026-01': 600_000, '2026-06': 120_000 });
    // Act
    const projection = projectYearEnd(sales, 2026, new Date('2026-06-15T04:00:00.000Z'));
    // Assess: last year to the same day = 500,000 + 300,000 × 15/30 = 650,000; 720,000 × 2,000,000 / 650,000 = 2,215,384.6…
    expect(projection).toEqual({ projectedFen: 2_215_385, basis: 'last_year_shape' });
  });

  it('falls back to a linear projection when last year has nothing, and reports a past year as it was', () => {
    const sales = series({ '2026-01': 310_000 });
    // 31 January 2026 is day 31 of 365.
    expect(projectYearEnd(sales, 2026, new Date('2026-01-31T04:00:00.000Z'))).toEqual({ projectedFen: 3_650_000, basis: 'linear' });
    expect(projectYearEnd(sales, 2026, new Date('2027-02-01T00:00:00.000Z'))).toEqual({ projectedFen: 310_000, basis: 'actual' });
    expect(projectYearEnd(sales, 2027, new Date('2026-06-01T00:00:00.000Z'))).toEqual({ projectedFen: 0, basis: 'none' });
  });
});

describe('rankings', () => {
  it('shares ranks between ties (1, 2, 2, 4), orders ties by name, and leaves unrankable entries unranked at the end', () => {
    // Prepare
    const entries = [
      { id: 'a', name: '宋家村', value: 200 },
      { id: 'b', name: '高桥村', value: 300 },
      { id: 'c', name: '梨湾村', value: 200 },
      { id: 'd', name: '曙光村', value: 100 },
      { id: 'e', name: '阿坝村', value: null },
    ];
    // Act
    const ranked = rankEntries(entries, (e) => e.value, (e) => e.name, (e) => e.id);
    // Assess: 梨 (li) before 宋 (song) in pinyin order.
    expect(ranked.map((e) => [e.name, e.rank])).toEqual([
      ['高桥村', 1],
      ['梨湾村', 2],
      ['宋家村', 2],
      ['曙光村', 4],
      ['阿坝村', null],
    ]);
  });

  it('flags the bottom three, and everyone tied with one of them', () => {
    const values = [900, 800, 700, 600, 500, 500, 400];
    const ranked = rankEntries(values.map((value, i) => ({ id: String(i), name: `村${i}`, value })), (e) => e.value, (e) => e.name, (e) => e.id);
    expect(ranked.map((e) => e.bottomThree)).toEqual([false, false, false, false, true, true, true]);
    const tiedAtBoundary = rankEntries([10, 9, 9, 8, 7].map((value, i) => ({ id: String(i), name: `村${i}`, value })), (e) => e.value, (e) => e.name, (e) => e.id);
    expect(tiedAtBoundary.map((e) => [e.rank, e.bottomThree])).toEqual([[1, false], [2, true], [2, true], [4, true], [5, true]]);
  });

  it('sorts a list largest first, equal amounts by name then id, negatives last, without touching the input', () => {
    // Prepare
    const entries = [
      { id: 'org_b', name: '玉林社区', fen: 500 },
      { id: 'org_c', name: '成都银行', fen: -20 },
      { id: 'org_a', name: '玉林社区', fen: 500 },
      { id: 'org_d', name: '成都银行', fen: 500 },
      { id: 'org_e', name: '新华书店', fen: 900 },
    ];
    // Act
    const sorted = largestFirst(entries, (e) => e.fen, (e) => e.name, (e) => e.id);
    // Assess: 成 (cheng) before 玉 (yu) in pinyin order.
    expect(sorted.map((e) => e.id)).toEqual(['org_e', 'org_d', 'org_a', 'org_b', 'org_c']);
    expect(entries[0]!.id).toBe('org_b');
  });
});

describe('weekly report weeks', () => {
  it('runs ISO week 47 of 2026 from Monday 00:00 Beijing time, due Tuesday 18:00 the week after', () => {
    // Prepare / Act
    const { start, end, deadline } = weekBounds('2026-W47');
    // Assess
    expect(start.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(deadline.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(isLate(new Date('2026-11-24T09:59:59.000Z'), deadline)).toBe(false);
    expect(isLate(new Date('2026-11-24T10:00:00.000Z'), deadline)).toBe(true);
  });

  it('accepts only weeks that exist, and names the week of a Beijing-time instant', () => {
    expect(IsoWeek.safeParse('2026-W53').success).toBe(true);
    expect(IsoWeek.safeParse('2025-W53').success).toBe(false);
    expect(IsoWeek.safeParse('2026-W00').success).toBe(false);
    expect(IsoWeek.safeParse('2026-47').success).toBe(false);
    expect(weekBounds('2026-W01').start.toISOString()).toBe('2025-12-28T16:00:00.000Z');
    expect(isoWeekOf(new Date('2026-11-22T15:59:59.000Z'))).toBe('2026-W47');
    expect(isoWeekOf(new Date('2026-11-22T16:00:00.000Z'))).toBe('2026-W48');
  });
});

describe('CSV', () => {
  it('formats fen as yuan with two decimals by string arithmetic, never a float', () => {
    expect([0, 5, 10, 99, 100, -1_234, 123_456_789, 9_007_199_254_740_991].map(yuanOf)).toEqual([
      '0.00',
      '0.05',
      '0.10',
      '0.99',
      '1.00',
      '-12.34',
      '1234567.89',
      '90071992547409.91',
    ]);
    expect(percentOf(1_523)).toBe('15.23');
    expect(percentOf(null)).toBe('');
    expect(() => yuanOf(1.5)).toThrow(RangeError);
  });

  it('starts with the UTF-8 BOM and round-trips Chinese text, commas, quotes and amounts', () => {
    // Prepare
    const rows = [['土地坳村', textCell('永辉超市, "成华店"'), yuanOf(-16_800)]];
    // Act
    const csv = toCsv(['村 village', '买方 counterparty', '金额(元) amount_yuan'], rows);
    const bytes = Buffer.from(csv, 'utf8');
    // Assess
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parse(csv, { bom: true })).toEqual([
      ['村 village', '买方 counterparty', '金额(元) amount_yuan'],
      ['土地坳村', '永辉超市, "成华店"', '-168.00'],
    ]);
  });

  it('defuses text a spreadsheet would run as a formula, but leaves negative amounts alone', () => {
    expect(textCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(textCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(textCell('永辉超市')).toBe('永辉超市');
    expect(toCsv(['a'], [[yuanOf(-5)]]).endsWith('-0.05\r\n')).toBe(true);
  });
});
