import { describe, expect, it } from 'vitest';
import { barPercent, breakdownRows, growthOf, shareBps, yearSeries } from './figures';

const month = (m: number, salesFen: number, lastYearSalesFen: number, state: 'complete' | 'partial' | 'future' = 'complete') => ({
  month: `2026-${String(m).padStart(2, '0')}`,
  salesFen,
  lastYearSalesFen,
  state,
  yoyBps: null,
  yoyPct: null,
  yoyStatus: 'pending' as const,
});

describe('year-on-year growth', () => {
  it('is exact integer basis points, rounded half away from zero', () => {
    expect(growthOf(115_000, 100_000)).toEqual({ yoyBps: 1500, yoyPct: 15, yoyStatus: 'rate' });
    expect(growthOf(96_000, 100_000)).toEqual({ yoyBps: -400, yoyPct: -4, yoyStatus: 'rate' });
    expect(growthOf(2, 3).yoyBps).toBe(-3333);
    expect(growthOf(1, 8).yoyBps).toBe(-8750);
    // 9_007_199_254_740_991 fen × 10 000 passes 2^53: BigInt keeps it exact.
    expect(growthOf(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).yoyBps).toBe(0);
  });

  it('never divides by zero: new, none or not comparable instead of a rate', () => {
    expect(growthOf(5_000, 0)).toEqual({ yoyBps: null, yoyPct: null, yoyStatus: 'new' });
    expect(growthOf(0, 0)).toEqual({ yoyBps: null, yoyPct: null, yoyStatus: 'none' });
    expect(growthOf(5_000, -100)).toEqual({ yoyBps: null, yoyPct: null, yoyStatus: 'not_comparable' });
  });
});

describe('progress and shares', () => {
  it('are basis points of a positive whole, else null', () => {
    expect(shareBps(1_200, 120_000)).toBe(100);
    expect(shareBps(1, 3)).toBe(3333);
    expect(shareBps(5, 0)).toBeNull();
    expect(shareBps(5, null)).toBeNull();
  });

  it('fill a bar to 100% at most and never below empty', () => {
    expect(barPercent(2_550)).toBe(25.5);
    expect(barPercent(13_000)).toBe(100);
    expect(barPercent(-200)).toBe(0);
    expect(barPercent(null)).toBe(0);
  });

  it('sort a breakdown largest first with each share', () => {
    expect(breakdownRows({ offline: 3_000, order: 6_000, buyback: 1_000 })).toEqual([
      { key: 'order', fen: 6_000, shareBps: 6_000 },
      { key: 'offline', fen: 3_000, shareBps: 3_000 },
      { key: 'buyback', fen: 1_000, shareBps: 1_000 },
    ]);
    expect(breakdownRows({})).toEqual([]);
  });
});

describe('chart series', () => {
  it("draws no bar for months still ahead, and last year's whole year", () => {
    expect(yearSeries([month(10, 5, 4), month(11, 3, 6, 'partial'), month(12, 0, 9, 'future')])).toEqual({ thisYear: [5, 3, null], lastYear: [4, 6, 9] });
  });
});
