/**
 * Arithmetic the reporting pages do on the API's figures: integer fen and basis points throughout, exactly
 * (BigInt where a product could pass 2^53), and a rate is null — never a division by zero — when there is
 * nothing to compare with. The API computes every figure of a report (the whole programme's included); these
 * only restate a month's rate where a chart needs one and shape figures for charts, bars and tables.
 */
import type { Growth, MonthlyFigure, YearComparison } from '../../api/reports';

/** `n ÷ d` rounded half away from zero; `d` must not be zero. */
function divideRounded(n: bigint, d: bigint): number {
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = a / b + ((a % b) * 2n >= b ? 1n : 0n);
  return Number(negative ? -q : q);
}

/** Year-on-year growth from `previous` to `current`, as the API states it (`yoyStatus` says why there is no rate). */
export function growthOf(current: number, previous: number): Growth {
  if (previous > 0) {
    const yoyBps = divideRounded(BigInt(current - previous) * 10_000n, BigInt(previous));
    return { yoyBps, yoyPct: yoyBps / 100, yoyStatus: 'rate' };
  }
  return { yoyBps: null, yoyPct: null, yoyStatus: previous < 0 ? 'not_comparable' : current === 0 ? 'none' : 'new' };
}

/** `part ÷ whole` in basis points, or null when `whole` is not positive. */
export function shareBps(part: number, whole: number | null | undefined): number | null {
  if (whole === null || whole === undefined || whole <= 0) return null;
  return divideRounded(BigInt(part) * 10_000n, BigInt(whole));
}

/** The width of a progress bar, 0–100 (%), from basis points of a target; past the target the bar is full. */
export function barPercent(bps: number | null): number {
  if (bps === null || bps <= 0) return 0;
  return Math.min(100, bps / 100);
}

/** The year-on-year figures every report shares, as the stats and the chart show them. */
export type Comparison = Pick<
  YearComparison,
  'salesFen' | 'comparedThrough' | 'comparedSalesFen' | 'lastYearSameToDateFen' | 'lastYearFullYearFen' | 'yoyBps' | 'yoyPct' | 'yoyStatus'
> & { monthly: Pick<MonthlyFigure, 'month' | 'salesFen' | 'lastYearSalesFen' | 'state'>[] };

/** The chart's two series: this year's months (none for months still ahead) and last year's same months. */
export function yearSeries(monthly: Pick<MonthlyFigure, 'salesFen' | 'lastYearSalesFen' | 'state'>[]): {
  thisYear: (number | null)[];
  lastYear: number[];
} {
  return {
    thisYear: monthly.map((m) => (m.state === 'future' ? null : m.salesFen)),
    lastYear: monthly.map((m) => m.lastYearSalesFen),
  };
}

/** A breakdown (`{ key: fen }`) as rows, largest first, each with its share of the total in basis points. */
export function breakdownRows(breakdown: Record<string, number>): { key: string; fen: number; shareBps: number | null }[] {
  const total = Object.values(breakdown).reduce((a, b) => a + b, 0);
  return Object.entries(breakdown)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1))
    .map(([key, fen]) => ({ key, fen, shareBps: shareBps(fen, total) }));
}
