/**
 * Impact accounting: the arithmetic of reports (year-on-year growth, progress to targets, projections,
 * rankings) over the ledger's monthly sums, and the shapes reports answer with. Everything here is pure and
 * integer: amounts are fen, rates are basis points, and a rate is null — never a division by zero — when
 * there is nothing to compare with.
 */
import { tz } from '@date-fns/tz';
import { format, getDate, getDayOfYear, getDaysInMonth, getDaysInYear } from 'date-fns';
import { z } from 'zod';
import { OrganizationId, Timestamp, VillageId } from './common.js';
import { OrganizationKind } from './organization.js';
import { Pairing } from './pairing.js';
import { ProductCategory } from './product.js';
import { PROGRAMME_TIME_ZONE, yearInShanghai } from './season.js';
import { VillageTargets, Year } from './village.js';

const shanghai = tz(PROGRAMME_TIME_ZONE);

/** A calendar month, `yyyy-mm`, Asia/Shanghai. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month like 2026-11' });
export type Month = z.infer<typeof Month>;

/** A month number in a query (`?month=11`). */
export const MonthNumber = z.coerce.number().int().min(1).max(12);

/** A signed amount of fen: sums over the ledger include refunds and reversals, so they may dip below zero. */
const SignedFen = z.number().int();

/**
 * How a year-on-year rate came out. `rate`: `yoyBps` holds it. `new`: nothing last year, something this
 * year. `none`: nothing either year. `not_comparable`: last year's net was negative (refunds outweighed sales).
 * `pending`: the period has not ended, so it is not compared yet (see `comparedThrough`).
 */
export const YoyStatus = z.enum(['rate', 'new', 'none', 'not_comparable', 'pending']);
export type YoyStatus = z.infer<typeof YoyStatus>;

/**
 * A year-on-year rate. `yoyBps` is integer basis points (1523 = +15.23 %); `yoyPct` is the same figure as a
 * percentage with two decimals (`yoyBps / 100`), for display. Both are null unless `yoyStatus` is `rate`.
 */
export const Growth = z.object({
  yoyBps: z.number().int().nullable(),
  yoyPct: z.number().nullable(),
  yoyStatus: YoyStatus,
});
export type Growth = z.infer<typeof Growth>;

export const MonthState = z.enum(['complete', 'partial', 'future']);
export type MonthState = z.infer<typeof MonthState>;

export const MonthlyFigure = Growth.extend({
  month: Month,
  salesFen: SignedFen,
  lastYearSalesFen: SignedFen,
  /** `partial`: the month in progress; its rate stays `pending` until it ends. */
  state: MonthState,
});
export type MonthlyFigure = z.infer<typeof MonthlyFigure>;

/**
 * The core every report shares: a year's sales against last year's, month by month and to date.
 * `salesFen` is everything booked in the year so far. The year-on-year rate compares whole months only:
 * `comparedSalesFen` (this year) against `lastYearSameToDateFen` (last year), January through `comparedThrough`
 * — the last month that has fully ended (December for a past year; null in January of the current year).
 */
export const YearComparison = Growth.extend({
  year: z.number().int(),
  asOf: Timestamp,
  salesFen: SignedFen,
  comparedThrough: Month.nullable(),
  comparedSalesFen: SignedFen,
  lastYearSameToDateFen: SignedFen,
  lastYearFullYearFen: SignedFen,
  monthly: z.array(MonthlyFigure),
});
export type YearComparison = z.infer<typeof YearComparison>;

/** How a year-end projection was made. */
export const ProjectionBasis = z.enum(['actual', 'last_year_shape', 'linear', 'none']);
export type ProjectionBasis = z.infer<typeof ProjectionBasis>;

/** Progress to a target: integer basis points of the target reached, and the same as a two-decimal percentage. */
const progress = <K extends string>(name: K) =>
  ({ [`${name}Bps`]: z.number().int().nullable(), [`${name}Pct`]: z.number().nullable() }) as Record<`${K}Bps` | `${K}Pct`, z.ZodNullable<z.ZodNumber>>;

/** The English name beside the Chinese one, present when the stored village or organisation has one. */
const NameEn = z.string().optional();

/** What one buyer organisation bought from a village in the year (G1's per-organisation counters), with its names. */
export const OrganizationPurchase = z.object({
  organizationId: OrganizationId,
  name: z.string(),
  nameEn: NameEn,
  purchasesFen: SignedFen,
});
export type OrganizationPurchase = z.infer<typeof OrganizationPurchase>;

export const VillageReport = YearComparison.extend({
  villageId: VillageId,
  name: z.string(),
  nameEn: NameEn,
  county: z.string(),
  population: z.number().int(),
  /** The households' share of this year's sales (each sale's farmer share). */
  householdIncomeFen: SignedFen,
  /** `householdIncomeFen ÷ population`, the per-capita income increase the sales brought. */
  perCapitaIncomeIncreaseFen: SignedFen,
  projectedYearEndFen: SignedFen,
  projectedPerCapitaIncomeIncreaseFen: SignedFen,
  projection: ProjectionBasis,
  target: VillageTargets.nullable(),
  ...progress('salesProgress'),
  ...progress('projectedSalesProgress'),
  ...progress('perCapitaProgress'),
  byChannel: z.record(z.string(), SignedFen),
  byCategory: z.record(z.string(), SignedFen),
  /** This year's purchases of each buyer organisation from the village, largest first (ties by name). */
  byOrganization: z.array(OrganizationPurchase),
});
export type VillageReport = z.infer<typeof VillageReport>;

/**
 * One village's line in a county or programme report: its sales against its sales target, and its households'
 * income per head against its per-capita target, computed as the village report computes them.
 */
export const CountyVillageLine = Growth.extend({
  villageId: VillageId,
  name: z.string(),
  nameEn: NameEn,
  county: z.string(),
  population: z.number().int(),
  salesFen: SignedFen,
  comparedSalesFen: SignedFen,
  lastYearSameToDateFen: SignedFen,
  salesTargetFen: z.number().int().nullable(),
  ...progress('salesProgress'),
  /** The households' share of this year's sales. */
  householdIncomeFen: SignedFen,
  /** `householdIncomeFen ÷ population`, rounded half away from zero to the fen. */
  perCapitaIncomeIncreaseFen: SignedFen,
  /** The year's per-capita income increase target; null when the village has no targets for the year. */
  perCapitaTargetFen: z.number().int().nullable(),
  ...progress('perCapitaProgress'),
});
export type CountyVillageLine = z.infer<typeof CountyVillageLine>;

/** A group of villages' year (a county, or the whole programme): the sums, their breakdowns and each village's line. */
const VillageGroupReport = YearComparison.extend({
  villageCount: z.number().int(),
  householdIncomeFen: SignedFen,
  /** Sum of the sales targets of the villages that have one; progress counts only those villages' sales. */
  salesTargetFen: z.number().int().nullable(),
  villagesWithTarget: z.number().int(),
  ...progress('salesProgress'),
  byChannel: z.record(z.string(), SignedFen),
  byCategory: z.record(z.string(), SignedFen),
  villages: z.array(CountyVillageLine),
});

export const CountyReport = VillageGroupReport.extend({ county: z.string() });
export type CountyReport = z.infer<typeof CountyReport>;

/** The whole programme's year: every village, summed from G1′ like a county. */
export const ProgrammeReport = VillageGroupReport;
export type ProgrammeReport = z.infer<typeof ProgrammeReport>;

export const CategoryReport = YearComparison.extend({ category: ProductCategory });
export type CategoryReport = z.infer<typeof CategoryReport>;

export const OrganizationReport = YearComparison.extend({
  organizationId: OrganizationId,
  name: z.string(),
  nameEn: NameEn,
  kind: OrganizationKind,
  pledgeFen: z.number().int().nullable(),
  ...progress('pledgeProgress'),
  projectedYearEndFen: SignedFen,
  projection: ProjectionBasis,
  /** This year's purchases from each village. */
  byVillage: z.record(z.string(), SignedFen),
});
export type OrganizationReport = z.infer<typeof OrganizationReport>;

export const PairingReport = YearComparison.extend({
  pairing: Pairing,
  ...progress('targetProgress'),
  projectedYearEndFen: SignedFen,
  projection: ProjectionBasis,
  ...progress('projectedTargetProgress'),
});
export type PairingReport = z.infer<typeof PairingReport>;

const RankFields = {
  /** Competition rank (1, 2, 2, 4); null when the entry cannot be ranked on this measure. */
  rank: z.number().int().nullable(),
  /** Among the three lowest ranks (ties at the boundary share the flag). */
  bottomThree: z.boolean(),
};

export const VillageGrowthRank = Growth.extend({
  ...RankFields,
  villageId: VillageId,
  name: z.string(),
  nameEn: NameEn,
  county: z.string(),
  comparedSalesFen: SignedFen,
  lastYearSameToDateFen: SignedFen,
});
export const VillageAttainmentRank = z.object({
  ...RankFields,
  villageId: VillageId,
  name: z.string(),
  nameEn: NameEn,
  county: z.string(),
  salesFen: SignedFen,
  salesTargetFen: z.number().int().nullable(),
  ...progress('attainment'),
});
export const OrganizationPurchaseRank = z.object({
  ...RankFields,
  organizationId: OrganizationId,
  name: z.string(),
  nameEn: NameEn,
  purchasesFen: SignedFen,
  monthFen: SignedFen,
});
export const OrganizationPledgeRank = z.object({
  ...RankFields,
  organizationId: OrganizationId,
  name: z.string(),
  nameEn: NameEn,
  purchasesFen: SignedFen,
  pledgeFen: z.number().int().nullable(),
  ...progress('attainment'),
});

/**
 * The monthly ranking (一月一排名) for `month` of `year`. Every figure is cumulative from January through the
 * month; growth compares whole months only, through `comparedThrough`. `provisional` while the month is running.
 */
export const Rankings = z.object({
  year: z.number().int(),
  month: Month,
  asOf: Timestamp,
  provisional: z.boolean(),
  comparedThrough: Month.nullable(),
  villagesByGrowth: z.array(VillageGrowthRank),
  villagesByTargetAttainment: z.array(VillageAttainmentRank),
  organizationsByPurchases: z.array(OrganizationPurchaseRank),
  organizationsByPledgeAttainment: z.array(OrganizationPledgeRank),
});
export type Rankings = z.infer<typeof Rankings>;

export const ReportQuery = z.object({ year: Year }).strict();
export const RankingsQuery = z.object({ year: Year, month: MonthNumber }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic

/** `numerator ÷ denominator` rounded half away from zero, exactly (BigInt: no float ever touches the amounts). */
export function divideRounded(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d + ((n % d) * 2n >= d ? 1n : 0n);
  return Number(negative ? -quotient : quotient);
}

/** `part ÷ whole` in basis points (15.23 % = 1523), or null when `whole` is not positive. */
export function ratioBps(part: number, whole: number | null | undefined): number | null {
  if (whole === null || whole === undefined || whole <= 0) return null;
  return divideRounded(BigInt(part) * 10_000n, BigInt(whole));
}

/**
 * Basis points as a percentage with two decimals (1523 → 15.23). Integer ÷ 100 in IEEE arithmetic gives the
 * double nearest the exact decimal, which is the one JSON prints as that decimal: no rounding error shows.
 */
export function pctOf(bps: number | null): number | null {
  return bps === null ? null : bps / 100;
}

/** The year-on-year growth from `previous` to `current`. */
export function growthOf(current: number, previous: number): Growth {
  if (previous > 0) {
    const yoyBps = divideRounded(BigInt(current - previous) * 10_000n, BigInt(previous));
    return { yoyBps, yoyPct: pctOf(yoyBps), yoyStatus: 'rate' };
  }
  const yoyStatus: YoyStatus = previous < 0 ? 'not_comparable' : current === 0 ? 'none' : 'new';
  return { yoyBps: null, yoyPct: null, yoyStatus };
}

const PENDING: Growth = { yoyBps: null, yoyPct: null, yoyStatus: 'pending' };

/** A progress pair (`…Bps`, `…Pct`) of `part` against `target`. */
export function progressOf(part: number, target: number | null | undefined): { bps: number | null; pct: number | null } {
  const bps = ratioBps(part, target);
  return { bps, pct: pctOf(bps) };
}

// ---------------------------------------------------------------------------------------------------------------
// Periods (Asia/Shanghai)

/** The twelve months of a year, `yyyy-01` … `yyyy-12`. */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** Where a reporting year stands at `now`, in Asia/Shanghai. */
export interface YearPosition {
  year: number;
  state: 'past' | 'current' | 'future';
  /** Months of the year that have fully ended (0–12). */
  completeMonths: number;
  /** In the current year: the month in progress (1–12), today's day of it and its length, today's day of the year and its length. */
  today?: { month: number; dayOfMonth: number; daysInMonth: number; dayOfYear: number; daysInYear: number };
}

/** Where `year` stands at `now`: past, current (with today's place in it) or future. */
export function yearPosition(year: number, now: Date): YearPosition {
  const currentYear = yearInShanghai(now);
  if (year < currentYear) return { year, state: 'past', completeMonths: 12 };
  if (year > currentYear) return { year, state: 'future', completeMonths: 0 };
  const month = Number(format(now, 'M', { in: shanghai }));
  return {
    year,
    state: 'current',
    completeMonths: month - 1,
    today: {
      month,
      dayOfMonth: getDate(now, { in: shanghai }),
      daysInMonth: getDaysInMonth(now, { in: shanghai }),
      dayOfYear: getDayOfYear(now, { in: shanghai }),
      daysInYear: getDaysInYear(now, { in: shanghai }),
    },
  };
}

function monthState(position: YearPosition, monthNumber: number): MonthState {
  if (monthNumber <= position.completeMonths) return 'complete';
  return position.today?.month === monthNumber ? 'partial' : 'future';
}

/** A year's figure per month: `get('2026-03')`, 0 for a month without sales. */
export type MonthSeries = (month: string) => number;

/** Sums a month series into one, for grouping several villages or organisations. */
export function seriesOf(entries: { month: string; amount: number }[]): MonthSeries {
  const sums = new Map<string, number>();
  for (const { month, amount } of entries) sums.set(month, (sums.get(month) ?? 0) + amount);
  return (month) => sums.get(month) ?? 0;
}

const sumMonths = (series: MonthSeries, year: number, count: number) =>
  monthsOfYear(year)
    .slice(0, count)
    .reduce((total, month) => total + series(month), 0);

/**
 * The year-on-year comparison of `series` in `year` against `year − 1`, month by month and to date, as of
 * `now`. Only whole months are compared (see `YearComparison`).
 */
export function compareYears(series: MonthSeries, year: number, now: Date): YearComparison {
  const position = yearPosition(year, now);
  const thisYear = monthsOfYear(year);
  const lastYear = monthsOfYear(year - 1);
  const monthly = thisYear.map((month, i): MonthlyFigure => {
    const state = monthState(position, i + 1);
    const salesFen = series(month);
    const lastYearSalesFen = series(lastYear[i]!);
    return { month, salesFen, lastYearSalesFen, state, ...(state === 'complete' ? growthOf(salesFen, lastYearSalesFen) : PENDING) };
  });
  const compared = position.completeMonths;
  const comparedSalesFen = sumMonths(series, year, compared);
  const lastYearSameToDateFen = sumMonths(series, year - 1, compared);
  return {
    year,
    asOf: now.toISOString(),
    salesFen: monthly.reduce((total, m) => total + m.salesFen, 0),
    comparedThrough: compared > 0 ? thisYear[compared - 1]! : null,
    comparedSalesFen,
    lastYearSameToDateFen,
    lastYearFullYearFen: sumMonths(series, year - 1, 12),
    ...(compared > 0 ? growthOf(comparedSalesFen, lastYearSameToDateFen) : PENDING),
    monthly,
  };
}

/**
 * The year-end figure `series` is heading for. A past year: what it was. The current year: this year to date
 * scaled by last year's shape (`YTD × last year's full year ÷ last year to the same day`, last year's month in
 * progress counted by the share of its days elapsed), or linearly by days elapsed when last year had nothing
 * to go by. A future year: nothing yet.
 */
export function projectYearEnd(series: MonthSeries, year: number, now: Date): { projectedFen: number; basis: ProjectionBasis } {
  const position = yearPosition(year, now);
  const toDate = sumMonths(series, year, 12);
  if (position.state === 'past') return { projectedFen: toDate, basis: 'actual' };
  if (!position.today) return { projectedFen: 0, basis: 'none' };
  const { month, dayOfMonth, daysInMonth, dayOfYear, daysInYear } = position.today;
  const lastYearFull = sumMonths(series, year - 1, 12);
  const lastYearBefore = sumMonths(series, year - 1, month - 1);
  const lastYearThisMonth = series(monthsOfYear(year - 1)[month - 1]!);
  // Last year to the same day, as a fraction over `daysInMonth`, so the whole sum stays in integers.
  const lastYearToDateScaled = BigInt(lastYearBefore) * BigInt(daysInMonth) + BigInt(lastYearThisMonth) * BigInt(dayOfMonth);
  if (lastYearFull > 0 && lastYearToDateScaled > 0n) {
    const projectedFen = divideRounded(BigInt(toDate) * BigInt(lastYearFull) * BigInt(daysInMonth), lastYearToDateScaled);
    return { projectedFen, basis: 'last_year_shape' };
  }
  return { projectedFen: divideRounded(BigInt(toDate) * BigInt(daysInYear), BigInt(dayOfYear)), basis: 'linear' };
}

// ---------------------------------------------------------------------------------------------------------------
// Rankings

const collator = new Intl.Collator('zh-Hans-CN');

/** Orders by name (Chinese collation), then by id: the tie-break of every ranked or sorted list. */
const byNameThenId =
  <T>(nameOf: (entry: T) => string, idOf: (entry: T) => string) =>
  (a: T, b: T): number =>
    collator.compare(nameOf(a), nameOf(b)) || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0);

/** Entries largest first by `valueOf`, equal values by name (Chinese collation), then id. */
export function largestFirst<T>(entries: T[], valueOf: (entry: T) => number, nameOf: (entry: T) => string, idOf: (entry: T) => string): T[] {
  const byName = byNameThenId(nameOf, idOf);
  return [...entries].sort((a, b) => valueOf(b) - valueOf(a) || byName(a, b));
}

/**
 * Ranks entries by `valueOf`, highest first, with competition ranking (1, 2, 2, 4): equal values share a rank
 * and are listed by name (Chinese collation), then id. Entries whose value is null are not ranked and follow,
 * by name. `bottomThree` flags a ranked entry with fewer than three ranked entries below it, so every entry
 * tied with one of the last three places is flagged too.
 */
export function rankEntries<T>(
  entries: T[],
  valueOf: (entry: T) => number | null,
  nameOf: (entry: T) => string,
  idOf: (entry: T) => string,
): (T & { rank: number | null; bottomThree: boolean })[] {
  const byName = byNameThenId(nameOf, idOf);
  const ranked = entries.filter((e) => valueOf(e) !== null);
  const values = ranked.map((e) => valueOf(e)!);
  const sorted = largestFirst(ranked, (e) => valueOf(e)!, nameOf, idOf);
  const unranked = entries.filter((e) => valueOf(e) === null).sort(byName);
  return [
    ...sorted.map((entry) => {
      const value = valueOf(entry)!;
      const above = values.filter((v) => v > value).length;
      const below = values.filter((v) => v < value).length;
      return { ...entry, rank: above + 1, bottomThree: below < 3 };
    }),
    ...unranked.map((entry) => ({ ...entry, rank: null, bottomThree: false })),
  ];
}
