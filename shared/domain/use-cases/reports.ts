import { requireActor, requireRole, type Caller } from '../actor.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { Organization } from '../organization.js';
import type { Deps } from '../ports.js';
import type { ProductCategory } from '../product.js';
import {
  compareYears,
  divideRounded,
  growthOf,
  largestFirst,
  monthsOfYear,
  progressOf,
  projectYearEnd,
  rankEntries,
  seriesOf,
  yearPosition,
  type CategoryReport,
  type CountyReport,
  type CountyVillageLine,
  type MonthSeries,
  type OrganizationPurchase,
  type OrganizationReport,
  type PairingReport,
  type ProgrammeReport,
  type Rankings,
  type VillageReport,
} from '../reports.js';
import type { OrganizationMonth, VillageMonth } from '../sale.js';
import type { Village, VillageTargets } from '../village.js';

/** The months a two-year report reads: January of last year through December of this one (one G1/G2 Query). */
const twoYears = (year: number): [string, string] => [`${year - 1}-01`, `${year}-12`];

const villageSeries = (months: VillageMonth[], pick: (m: VillageMonth) => number = (m) => m.salesFen): MonthSeries =>
  seriesOf(months.map((m) => ({ month: m.month, amount: pick(m) })));

/** Sums a breakdown (by channel, category, organisation, village) over the months of one year. */
function sumBreakdown<M extends { month: string }>(months: M[], year: number, pick: (m: M) => Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of months) {
    if (!m.month.startsWith(`${year}-`)) continue;
    for (const [key, amount] of Object.entries(pick(m))) out[key] = (out[key] ?? 0) + (amount ?? 0);
  }
  return Object.fromEntries(Object.entries(out).filter(([, amount]) => amount !== 0));
}

/** Every page of a paged list; for the small directories (villages, organisations) reports group by. */
async function everyPage<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const allVillages = (deps: Pick<Deps, 'villages'>, county?: string) => everyPage((cursor) => deps.villages.list({ county, limit: 100, cursor }));
const allOrganizations = (deps: Pick<Deps, 'organizations'>) => everyPage<Organization>((cursor) => deps.organizations.list({ limit: 100, cursor }));

/** `{ nameEn }` when the stored record has an English name, so a report carries it only then. */
const englishName = (record: { nameEn?: string }): { nameEn?: string } => (record.nameEn ? { nameEn: record.nameEn } : {});

/** Both years' months of every village (G1′), in two parallel Queries. */
async function programmeMonths(deps: Pick<Deps, 'ledger'>, year: number): Promise<VillageMonth[]> {
  const [thisYear, lastYear] = await Promise.all([deps.ledger.villageMonthsOfYear(year), deps.ledger.villageMonthsOfYear(year - 1)]);
  return [...lastYear, ...thisYear];
}

/**
 * A village's year: sales and household income to date, year-on-year by month and to date, progress to its
 * sales and per-capita income targets, and the year-end projection. Its cooperative and organizers read it.
 * Four requests, whatever the ledger's size: the village, its targets, one G1 Query of two years, and the
 * organisations (O2, one page per hundred) that name its buyers.
 */
export async function villageReport(
  deps: Pick<Deps, 'villages' | 'organizations' | 'ledger' | 'clock'>,
  caller: Caller,
  input: { villageId: string; year: number },
): Promise<VillageReport> {
  const actor = requireActor(caller);
  if (actor.role !== 'organizer' && !(actor.role === 'coop' && actor.villageId === input.villageId)) {
    throw new ForbiddenError("Only the village's cooperative and organizers see its report", 'villageId');
  }
  const { villageId, year } = input;
  const [village, targets, months, organizations] = await Promise.all([
    deps.villages.get(villageId),
    deps.villages.listTargets(villageId),
    deps.ledger.villageMonths(villageId, ...twoYears(year)),
    allOrganizations(deps),
  ]);
  if (!village) throw new NotFoundError('No such village', 'villageId');
  const now = deps.clock.now();
  const sales = villageSeries(months);
  const household = villageSeries(months, (m) => m.householdFen);
  const comparison = compareYears(sales, year, now);
  const householdIncomeFen = compareYears(household, year, now).salesFen;
  const perCapita = (fen: number) => divideByPopulation(fen, village.population);
  const perCapitaIncomeIncreaseFen = perCapita(householdIncomeFen);
  const projected = projectYearEnd(sales, year, now);
  const projectedHousehold = projectYearEnd(household, year, now);
  const target = targets.find((t) => t.year === year) ?? null;
  const salesProgress = progressOf(comparison.salesFen, target?.salesTargetFen);
  const projectedProgress = progressOf(projected.projectedFen, target?.salesTargetFen);
  const perCapitaProgress = progressOf(perCapitaIncomeIncreaseFen, target?.perCapitaIncomeIncreaseFen);
  return {
    ...comparison,
    villageId,
    name: village.name,
    ...englishName(village),
    county: village.county,
    population: village.population,
    householdIncomeFen,
    perCapitaIncomeIncreaseFen,
    projectedYearEndFen: projected.projectedFen,
    projectedPerCapitaIncomeIncreaseFen: perCapita(projectedHousehold.projectedFen),
    projection: projected.basis,
    target,
    salesProgressBps: salesProgress.bps,
    salesProgressPct: salesProgress.pct,
    projectedSalesProgressBps: projectedProgress.bps,
    projectedSalesProgressPct: projectedProgress.pct,
    perCapitaProgressBps: perCapitaProgress.bps,
    perCapitaProgressPct: perCapitaProgress.pct,
    byChannel: sumBreakdown(months, year, (m) => m.byChannel),
    byCategory: sumBreakdown(months, year, (m) => m.byCategory),
    byOrganization: purchasesByOrganization(sumBreakdown(months, year, (m) => m.byOrganization), organizations),
  };
}

/** Household income per head, rounded half away from zero to the fen. */
const divideByPopulation = (fen: number, population: number) => divideRounded(BigInt(fen), BigInt(population));

/** Purchases by organisation id as named lines, largest first, ties by name then id. */
function purchasesByOrganization(byId: Record<string, number>, organizations: Organization[]): OrganizationPurchase[] {
  const byOrganizationId = new Map(organizations.map((o) => [o.organizationId, o]));
  const lines = Object.entries(byId).map(([organizationId, purchasesFen]): OrganizationPurchase => {
    const organization = byOrganizationId.get(organizationId);
    // Organisations are never deleted; the id stands in should one be missing all the same.
    return { organizationId, name: organization?.name ?? organizationId, ...(organization ? englishName(organization) : {}), purchasesFen };
  });
  return largestFirst(
    lines,
    (l) => l.purchasesFen,
    (l) => l.name,
    (l) => l.organizationId,
  );
}

/** A village's total of one year from its months (either year of a two-year read). */
const yearTotal = (months: VillageMonth[], year: number, pick: (m: VillageMonth) => number) =>
  months.reduce((sum, m) => (m.month.startsWith(`${year}-`) ? sum + pick(m) : sum), 0);

/**
 * The year of a group of villages (a county, the programme) from G1′ months and V3′ targets: the sums, their
 * breakdowns, the progress to the sum of the sales targets set, and each village's line with its per-capita
 * income increase computed as its own report computes it.
 */
function villageGroupYear(villages: Village[], months: VillageMonth[], targets: VillageTargets[], year: number, now: Date): ProgrammeReport {
  const ids = new Set(villages.map((v) => v.villageId));
  const groupMonths = months.filter((m) => ids.has(m.villageId));
  const monthsOf = new Map<string, VillageMonth[]>();
  for (const m of groupMonths) {
    const own = monthsOf.get(m.villageId);
    if (own) own.push(m);
    else monthsOf.set(m.villageId, [m]);
  }
  const targetOf = new Map(targets.map((t) => [t.villageId, t]));
  const lines: CountyVillageLine[] = villages.map((village) => {
    const own = monthsOf.get(village.villageId) ?? [];
    const comparison = compareYears(villageSeries(own), year, now);
    const target = targetOf.get(village.villageId);
    const salesTargetFen = target?.salesTargetFen ?? null;
    const salesProgress = progressOf(comparison.salesFen, salesTargetFen);
    const householdIncomeFen = yearTotal(own, year, (m) => m.householdFen);
    const perCapitaIncomeIncreaseFen = divideByPopulation(householdIncomeFen, village.population);
    const perCapitaTargetFen = target?.perCapitaIncomeIncreaseFen ?? null;
    const perCapitaProgress = progressOf(perCapitaIncomeIncreaseFen, perCapitaTargetFen);
    return {
      villageId: village.villageId,
      name: village.name,
      ...englishName(village),
      county: village.county,
      population: village.population,
      salesFen: comparison.salesFen,
      comparedSalesFen: comparison.comparedSalesFen,
      lastYearSameToDateFen: comparison.lastYearSameToDateFen,
      yoyBps: comparison.yoyBps,
      yoyPct: comparison.yoyPct,
      yoyStatus: comparison.yoyStatus,
      salesTargetFen,
      salesProgressBps: salesProgress.bps,
      salesProgressPct: salesProgress.pct,
      householdIncomeFen,
      perCapitaIncomeIncreaseFen,
      perCapitaTargetFen,
      perCapitaProgressBps: perCapitaProgress.bps,
      perCapitaProgressPct: perCapitaProgress.pct,
    };
  });
  const withTarget = lines.filter((line) => line.salesTargetFen !== null);
  const salesTargetFen = withTarget.length ? withTarget.reduce((sum, line) => sum + line.salesTargetFen!, 0) : null;
  const progress = progressOf(
    withTarget.reduce((sum, line) => sum + line.salesFen, 0),
    salesTargetFen,
  );
  return {
    ...compareYears(villageSeries(groupMonths), year, now),
    villageCount: villages.length,
    householdIncomeFen: yearTotal(groupMonths, year, (m) => m.householdFen),
    salesTargetFen,
    villagesWithTarget: withTarget.length,
    salesProgressBps: progress.bps,
    salesProgressPct: progress.pct,
    byChannel: sumBreakdown(groupMonths, year, (m) => m.byChannel),
    byCategory: sumBreakdown(groupMonths, year, (m) => m.byCategory),
    villages: lines,
  };
}

/**
 * A county's year: its villages' sales summed from G1′ (no per-village reads of the ledger), with each
 * village's line and the county's progress to the sum of its villages' sales targets. Organizers only.
 */
export async function countyReport(
  deps: Pick<Deps, 'villages' | 'villageTargets' | 'ledger' | 'clock'>,
  caller: Caller,
  input: { county: string; year: number },
): Promise<CountyReport> {
  requireRole(caller, 'organizer');
  const { county, year } = input;
  const [villages, months] = await Promise.all([allVillages(deps, county), programmeMonths(deps, year)]);
  if (villages.length === 0) throw new NotFoundError('No village in this county', 'county');
  const targets = await deps.villageTargets.ofYear(villages.map((v) => v.villageId), year);
  return { ...villageGroupYear(villages, months, targets, year, deps.clock.now()), county };
}

/**
 * The whole programme's year, shaped like a county's over every village: V2 (the villages), the two G1′ year
 * partitions and V3′ (their targets). Its requests grow with the number of villages (a page and a batch per
 * hundred), never with the ledger. Organizers only.
 */
export async function programmeReport(
  deps: Pick<Deps, 'villages' | 'villageTargets' | 'ledger' | 'clock'>,
  caller: Caller,
  input: { year: number },
): Promise<ProgrammeReport> {
  requireRole(caller, 'organizer');
  const { year } = input;
  const [villages, months] = await Promise.all([allVillages(deps), programmeMonths(deps, year)]);
  const targets = await deps.villageTargets.ofYear(villages.map((v) => v.villageId), year);
  return villageGroupYear(villages, months, targets, year, deps.clock.now());
}

/** A product category's year across every village, from G1′'s category counters. Organizers only. */
export async function categoryReport(deps: Pick<Deps, 'ledger' | 'clock'>, caller: Caller, input: { category: ProductCategory; year: number }): Promise<CategoryReport> {
  requireRole(caller, 'organizer');
  const months = await programmeMonths(deps, input.year);
  const comparison = compareYears(villageSeries(months, (m) => m.byCategory[input.category] ?? 0), input.year, deps.clock.now());
  return { ...comparison, category: input.category };
}

/** Whether the caller may see an organisation's purchases: organizers, and the organisation's own leader. */
function requireOrganizationReader(caller: Caller, organizationId: string) {
  const actor = requireActor(caller);
  if (actor.role === 'organizer' || (actor.role === 'leader' && actor.organizationId === organizationId)) return actor;
  throw new ForbiddenError('Only the organisation itself and organizers see its purchases', 'organizationId');
}

/**
 * A buyer organisation's year of purchases (G2), year-on-year, by village, and against its pledge. Its leader
 * and organizers read it. Three requests: the organisation, its pledge, one G2 Query of two years.
 */
export async function organizationReport(
  deps: Pick<Deps, 'organizations' | 'pledges' | 'ledger' | 'clock'>,
  caller: Caller,
  input: { organizationId: string; year: number },
): Promise<OrganizationReport> {
  requireOrganizationReader(caller, input.organizationId);
  const { organizationId, year } = input;
  const [organization, pledge, months] = await Promise.all([
    deps.organizations.get(organizationId),
    deps.pledges.get(organizationId, year),
    deps.ledger.organizationMonths(organizationId, ...twoYears(year)),
  ]);
  if (!organization) throw new NotFoundError('No such organization', 'organizationId');
  const now = deps.clock.now();
  const series = seriesOf(months.map((m: OrganizationMonth) => ({ month: m.month, amount: m.salesFen })));
  const comparison = compareYears(series, year, now);
  const projected = projectYearEnd(series, year, now);
  const pledgeFen = pledge?.amountFen ?? null;
  const progress = progressOf(comparison.salesFen, pledgeFen);
  return {
    ...comparison,
    organizationId,
    name: organization.name,
    ...englishName(organization),
    kind: organization.kind,
    pledgeFen,
    pledgeProgressBps: progress.bps,
    pledgeProgressPct: progress.pct,
    projectedYearEndFen: projected.projectedFen,
    projection: projected.basis,
    byVillage: sumBreakdown(months, year, (m) => m.byVillage),
  };
}

/**
 * A pairing's dashboard: the partner's purchases from its village (G1's per-organisation counter) in the
 * calendar year, year-on-year, against the pairing's annual target. Organizers, the partner's leader and the
 * village's cooperative read it. Two requests: the pairing and one G1 Query.
 */
export async function pairingReport(deps: Pick<Deps, 'pairings' | 'ledger' | 'clock'>, caller: Caller, input: { pairingId: string; year: number }): Promise<PairingReport> {
  const actor = requireActor(caller);
  const pairing = await deps.pairings.get(input.pairingId);
  if (!pairing) throw new NotFoundError('No such pairing', 'pairingId');
  const allowed =
    actor.role === 'organizer' ||
    (actor.role === 'leader' && actor.organizationId === pairing.organizationId) ||
    (actor.role === 'coop' && actor.villageId === pairing.villageId);
  if (!allowed) throw new ForbiddenError("Only the pairing's organisation, its village and organizers see its report", 'pairingId');
  const months = await deps.ledger.villageMonths(pairing.villageId, ...twoYears(input.year));
  const now = deps.clock.now();
  const series = villageSeries(months, (m) => m.byOrganization[pairing.organizationId] ?? 0);
  const comparison = compareYears(series, input.year, now);
  const projected = projectYearEnd(series, input.year, now);
  const progress = progressOf(comparison.salesFen, pairing.annualTargetFen);
  const projectedProgress = progressOf(projected.projectedFen, pairing.annualTargetFen);
  return {
    ...comparison,
    pairing,
    targetProgressBps: progress.bps,
    targetProgressPct: progress.pct,
    projectedYearEndFen: projected.projectedFen,
    projection: projected.basis,
    projectedTargetProgressBps: projectedProgress.bps,
    projectedTargetProgressPct: projectedProgress.pct,
  };
}

/**
 * The monthly ranking (一月一排名) for a month of a year, cumulative from January through that month: villages
 * by year-on-year growth (whole months only, through `comparedThrough`) and by attainment of their annual
 * sales target; organisations by purchases and by attainment of their pledge. Ties share a rank and are
 * listed by name; the bottom three are flagged. Organizers only.
 */
export async function rankings(
  deps: Pick<Deps, 'villages' | 'organizations' | 'villageTargets' | 'pledges' | 'ledger' | 'clock'>,
  caller: Caller,
  input: { year: number; month: number },
): Promise<Rankings> {
  requireRole(caller, 'organizer');
  const { year, month } = input;
  const now = deps.clock.now();
  const position = yearPosition(year, now);
  if (position.state === 'future') throw new ValidationError('has not started yet', 'year');
  if (position.today && month > position.today.month) throw new ValidationError('has not started yet', 'month');
  const [villages, organizations, villageMonths, organizationMonths, pledges] = await Promise.all([
    allVillages(deps),
    allOrganizations(deps),
    programmeMonths(deps, year),
    deps.ledger.organizationMonthsOfYear(year),
    deps.pledges.listOfYear(year),
  ]);
  const targets = await deps.villageTargets.ofYear(villages.map((v) => v.villageId), year);
  const months = monthsOfYear(year).slice(0, month);
  const monthKey = months[month - 1]!;
  const compared = Math.min(month, position.completeMonths);
  const comparedThrough = compared > 0 ? months[compared - 1]! : null;
  const lastYearMonths = monthsOfYear(year - 1).slice(0, compared);
  const comparedMonths = months.slice(0, compared);

  const sumOf = <M extends { month: string }>(rows: M[], wanted: string[], pick: (m: M) => number) =>
    rows.filter((m) => wanted.includes(m.month)).reduce((sum, m) => sum + pick(m), 0);

  const villageFigures = villages.map((village: Village) => {
    const own = villageMonths.filter((m) => m.villageId === village.villageId);
    const comparedSalesFen = sumOf(own, comparedMonths, (m) => m.salesFen);
    const lastYearSameToDateFen = sumOf(own, lastYearMonths, (m) => m.salesFen);
    const growth = comparedThrough ? growthOf(comparedSalesFen, lastYearSameToDateFen) : { yoyBps: null, yoyPct: null, yoyStatus: 'pending' as const };
    const salesFen = sumOf(own, months, (m) => m.salesFen);
    const salesTargetFen = targets.find((t) => t.villageId === village.villageId)?.salesTargetFen ?? null;
    const attainment = progressOf(salesFen, salesTargetFen);
    return { village, comparedSalesFen, lastYearSameToDateFen, growth, salesFen, salesTargetFen, attainment };
  });
  const organizationFigures = organizations.map((organization) => {
    const own = organizationMonths.filter((m) => m.organizationId === organization.organizationId);
    const purchasesFen = sumOf(own, months, (m) => m.salesFen);
    const pledgeFen = pledges.find((p) => p.organizationId === organization.organizationId)?.amountFen ?? null;
    return { organization, purchasesFen, monthFen: sumOf(own, [monthKey], (m) => m.salesFen), pledgeFen, attainment: progressOf(purchasesFen, pledgeFen) };
  });

  const villageName = (f: { village: Village }) => f.village.name;
  const villageId = (f: { village: Village }) => f.village.villageId;
  const organizationName = (f: { organization: Organization }) => f.organization.name;
  const organizationId = (f: { organization: Organization }) => f.organization.organizationId;
  return {
    year,
    month: monthKey,
    asOf: now.toISOString(),
    provisional: month > position.completeMonths,
    comparedThrough,
    villagesByGrowth: rankEntries(villageFigures, (f) => f.growth.yoyBps, villageName, villageId).map((f) => ({
      rank: f.rank,
      bottomThree: f.bottomThree,
      villageId: f.village.villageId,
      name: f.village.name,
      ...englishName(f.village),
      county: f.village.county,
      comparedSalesFen: f.comparedSalesFen,
      lastYearSameToDateFen: f.lastYearSameToDateFen,
      ...f.growth,
    })),
    villagesByTargetAttainment: rankEntries(villageFigures, (f) => f.attainment.bps, villageName, villageId).map((f) => ({
      rank: f.rank,
      bottomThree: f.bottomThree,
      villageId: f.village.villageId,
      name: f.village.name,
      ...englishName(f.village),
      county: f.village.county,
      salesFen: f.salesFen,
      salesTargetFen: f.salesTargetFen,
      attainmentBps: f.attainment.bps,
      attainmentPct: f.attainment.pct,
    })),
    organizationsByPurchases: rankEntries(organizationFigures, (f) => f.purchasesFen, organizationName, organizationId).map((f) => ({
      rank: f.rank,
      bottomThree: f.bottomThree,
      organizationId: f.organization.organizationId,
      name: f.organization.name,
      ...englishName(f.organization),
      purchasesFen: f.purchasesFen,
      monthFen: f.monthFen,
    })),
    organizationsByPledgeAttainment: rankEntries(organizationFigures, (f) => f.attainment.bps, organizationName, organizationId).map((f) => ({
      rank: f.rank,
      bottomThree: f.bottomThree,
      organizationId: f.organization.organizationId,
      name: f.organization.name,
      ...englishName(f.organization),
      purchasesFen: f.purchasesFen,
      pledgeFen: f.pledgeFen,
      attainmentBps: f.attainment.bps,
      attainmentPct: f.attainment.pct,
    })),
  };
}
