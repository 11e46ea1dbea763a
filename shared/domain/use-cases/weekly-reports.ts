import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { requireActor, requireRole, type Caller } from '../actor.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { Pairing } from '../pairing.js';
import type { Deps, IdempotencyClaim } from '../ports.js';
import { monthsOfYear } from '../reports.js';
import { PROGRAMME_TIME_ZONE, monthInShanghai, yearInShanghai } from '../season.js';
import {
  WeeklyReport,
  isLate,
  weekBounds,
  type WeeklyFigures,
  type WeeklyReportInput,
  type WeeklyReportLine,
  type WeeklyReportList,
  type WeeklyReportQuery,
  type WeeklyReportStatus,
} from '../weekly-report.js';
import { idempotencyWrite } from './idempotency.js';

const shanghai = tz(PROGRAMME_TIME_ZONE);

/** The last calendar day (Asia/Shanghai) of the period that ends at `end` (exclusive). */
const lastDayBefore = (end: Date) => format(new Date(end.getTime() - 1), 'yyyy-MM-dd', { in: shanghai });

/** What the pairing's organisation bought from its village between two instants, from the organisation's ledger (S3). */
async function purchasesBetween(deps: Pick<Deps, 'ledger'>, pairing: Pairing, from: Date, to: Date): Promise<{ at: number; amountFen: number }[]> {
  const out: { at: number; amountFen: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.ledger.listByOrganization({ organizationId: pairing.organizationId, from: from.toISOString(), to: to.toISOString(), limit: 100, cursor });
    for (const sale of page.items) if (sale.villageId === pairing.villageId) out.push({ at: new Date(sale.occurredAt).getTime(), amountFen: sale.amountFen });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

const sumSince = (purchases: { at: number; amountFen: number }[], since: Date) =>
  purchases.filter((p) => p.at >= since.getTime()).reduce((sum, p) => sum + p.amountFen, 0);

/**
 * A week's figures from the ledger: the partner's purchases from the village that week, and from 1 January
 * through the week's end. Whole months before the week's last month come from G1 (one Query); only that last
 * month, up to the week's end, is read from the ledger — so the cost is bounded by a month, not by the year.
 */
export async function weeklyFigures(deps: Pick<Deps, 'ledger'>, pairing: Pairing, week: string): Promise<WeeklyFigures> {
  const { start, end, deadline } = weekBounds(week);
  const lastInstant = new Date(end.getTime() - 1);
  const year = yearInShanghai(lastInstant);
  const lastMonth = monthInShanghai(lastInstant);
  const months = monthsOfYear(year);
  const before = months.slice(0, months.indexOf(lastMonth));
  const [lastMonthStartYear, lastMonthStartMonth] = lastMonth.split('-').map(Number) as [number, number];
  const lastMonthStart = new Date(new TZDate(lastMonthStartYear, lastMonthStartMonth - 1, 1, PROGRAMME_TIME_ZONE).getTime());
  // One read covers both the week and the last month's part up to the week's end, whichever starts first.
  const readFrom = new Date(Math.min(start.getTime(), lastMonthStart.getTime()));
  const [purchases, earlierMonths] = await Promise.all([
    purchasesBetween(deps, pairing, readFrom, end),
    before.length ? deps.ledger.villageMonths(pairing.villageId, before[0]!, before[before.length - 1]!) : Promise.resolve([]),
  ]);
  const weekPurchasesFen = sumSince(purchases, start);
  const monthToWeekEnd = sumSince(purchases, lastMonthStart);
  const earlier = earlierMonths.reduce((sum, m) => sum + (m.byOrganization[pairing.organizationId] ?? 0), 0);
  return {
    pairingId: pairing.pairingId,
    week,
    weekStart: start.toISOString(),
    weekEnd: end.toISOString(),
    deadline: deadline.toISOString(),
    year,
    weekPurchasesFen,
    ytdPurchasesFen: earlier + monthToWeekEnd,
  };
}

/** The pairing, if the caller is its organisation's leader (or, for reading, an organizer). */
async function pairingFor(deps: Pick<Deps, 'pairings'>, caller: Caller, pairingId: string, options: { organizerMayRead: boolean }): Promise<Pairing> {
  const actor = options.organizerMayRead ? requireActor(caller) : requireRole(caller, 'leader');
  const pairing = await deps.pairings.get(pairingId);
  if (!pairing) throw new NotFoundError('No such pairing', 'pairingId');
  const allowed = (actor.role === 'organizer' && options.organizerMayRead) || (actor.role === 'leader' && actor.organizationId === pairing.organizationId);
  if (!allowed) throw new ForbiddenError("Only the pairing's organisation reports on it", 'pairingId');
  return pairing;
}

/** Refuses a week that has not ended yet, or that ended before the pairing started. */
function checkReportableWeek(pairing: Pairing, week: string, now: Date) {
  const { end } = weekBounds(week);
  if (now.getTime() < end.getTime()) throw new ValidationError('has not ended yet; report on a finished week', 'week');
  if (pairing.startDate > lastDayBefore(end)) throw new ValidationError(`ended before the pairing started on ${pairing.startDate}`, 'week');
}

/** The figures a week's report will carry, for the organisation to write its narrative against. */
export async function weeklyReportDraft(deps: Pick<Deps, 'pairings' | 'ledger' | 'clock'>, caller: Caller, input: { pairingId: string; week: string }): Promise<WeeklyFigures> {
  const pairing = await pairingFor(deps, caller, input.pairingId, { organizerMayRead: true });
  checkReportableWeek(pairing, input.week, deps.clock.now());
  return weeklyFigures(deps, pairing, input.week);
}

/**
 * The pairing's organisation submits its report on a finished ISO week: its narrative, with the figures filled
 * in from the ledger here (never taken from the request). Due the following Tuesday, 18:00 Asia/Shanghai; a
 * later one is accepted and marked late. One per pairing and week.
 */
export async function submitWeeklyReport(
  deps: Pick<Deps, 'pairings' | 'weeklyReports' | 'ledger' | 'clock' | 'ids'>,
  caller: Caller,
  input: { pairingId: string; report: WeeklyReportInput },
  idempotency?: IdempotencyClaim,
): Promise<WeeklyReport> {
  const actor = requireRole(caller, 'leader');
  const pairing = await pairingFor(deps, caller, input.pairingId, { organizerMayRead: false });
  const now = deps.clock.now();
  checkReportableWeek(pairing, input.report.week, now);
  const figures = await weeklyFigures(deps, pairing, input.report.week);
  const report = WeeklyReport.parse({
    ...figures,
    weeklyReportId: deps.ids.next('weeklyReport'),
    organizationId: pairing.organizationId,
    villageId: pairing.villageId,
    narrative: input.report.narrative,
    submittedAt: now.toISOString(),
    submittedBy: actor.accountId,
    late: isLate(now, new Date(figures.deadline)),
  });
  await deps.weeklyReports.create(report, idempotencyWrite(deps, idempotency, report));
  return report;
}

/**
 * Organizers' roll call of one week: every pairing that had started by the week's end, with its report's
 * status — submitted on time, late, missing (deadline passed) or due (still time) — optionally of one status.
 */
export async function listWeeklyReports(deps: Pick<Deps, 'pairings' | 'weeklyReports' | 'clock'>, caller: Caller, query: WeeklyReportQuery): Promise<WeeklyReportList> {
  requireRole(caller, 'organizer');
  const { start, end, deadline } = weekBounds(query.week);
  const [pairings, reports] = await Promise.all([deps.pairings.listAll(), deps.weeklyReports.listOfWeek(query.week)]);
  const now = deps.clock.now();
  const lastDay = lastDayBefore(end);
  const byPairing = new Map(reports.map((r) => [r.pairingId, r]));
  const lines: WeeklyReportLine[] = pairings
    .filter((p) => p.startDate <= lastDay || byPairing.has(p.pairingId))
    .map((p) => {
      const report = byPairing.get(p.pairingId) ?? null;
      const status: WeeklyReportStatus = report ? (report.late ? 'late' : 'submitted') : isLate(now, deadline) ? 'missing' : 'due';
      return { pairingId: p.pairingId, organizationId: p.organizationId, organizationName: p.organizationName, villageId: p.villageId, villageName: p.villageName, status, report };
    })
    .filter((line) => !query.status || line.status === query.status)
    .sort((a, b) => a.organizationName.localeCompare(b.organizationName, 'zh-Hans-CN') || a.villageName.localeCompare(b.villageName, 'zh-Hans-CN') || (a.pairingId < b.pairingId ? -1 : 1));
  return { week: query.week, weekStart: start.toISOString(), deadline: deadline.toISOString(), items: lines };
}
