/**
 * Arithmetic the reporting pages do on the API's figures: integer fen and basis points throughout, exactly
 * (BigInt where a product could pass 2^53), and a rate is null — never a division by zero — when there is
 * nothing to compare with. The API computes every figure of a report; these only sum reports for a view
 * the API has no endpoint for (the whole programme) and shape figures for charts and bars.
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

/** The sum of several reports' year comparisons (counties → the programme), with the year-on-year of the sum. */
export type Combined = Pick<
  YearComparison,
  'salesFen' | 'comparedThrough' | 'comparedSalesFen' | 'lastYearSameToDateFen' | 'lastYearFullYearFen' | 'yoyBps' | 'yoyPct' | 'yoyStatus'
> & { monthly: Pick<MonthlyFigure, 'month' | 'salesFen' | 'lastYearSalesFen' | 'state'>[] };

/** Sums reports of the same year month by month; the parts must be disjoint (counties, not villages and their county). */
export function combine(parts: YearComparison[]): Combined | null {
  const first = parts[0];
  if (!first) return null;
  const monthly = first.monthly.map((m, i) => ({
    month: m.month,
    state: m.state,
    salesFen: parts.reduce((sum, p) => sum + (p.monthly[i]?.salesFen ?? 0), 0),
    lastYearSalesFen: parts.reduce((sum, p) => sum + (p.monthly[i]?.lastYearSalesFen ?? 0), 0),
  }));
  const sum = (pick: (p: YearComparison) => number) => parts.reduce((total, p) => total + pick(p), 0);
  const comparedSalesFen = sum((p) => p.comparedSalesFen);
  const lastYearSameToDateFen = sum((p) => p.lastYearSameToDateFen);
  const growth: Growth = first.comparedThrough
    ? growthOf(comparedSalesFen, lastYearSameToDateFen)
    : { yoyBps: null, yoyPct: null, yoyStatus: 'pending' };
  return {
    salesFen: sum((p) => p.salesFen),
    comparedThrough: first.comparedThrough,
    comparedSalesFen,
    lastYearSameToDateFen,
    lastYearFullYearFen: sum((p) => p.lastYearFullYearFen),
    ...growth,
    monthly,
  };
}

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

/** Runs `task` over `items` with at most `limit` at a time; results keep the items' order. */
export async function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
