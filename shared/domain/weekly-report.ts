/**
 * Weekly progress reports of pairings: each pairing's organisation reports on the previous ISO week by
 * Tuesday 18:00 Asia/Shanghai, with that week's and the year's purchases from the village filled in from the
 * ledger (not typed in).
 */
import { TZDate, tz } from '@date-fns/tz';
import { addDays, addHours, addWeeks, format, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';
import { z } from 'zod';
import { AccountId, OrganizationId, Text, Timestamp, VillageId, idOf } from './common.js';
import { PairingId } from './pairing.js';
import { PROGRAMME_TIME_ZONE } from './season.js';

const shanghai = tz(PROGRAMME_TIME_ZONE);

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** The Monday 00:00 Asia/Shanghai that starts ISO week `week` of `isoYear`, whether or not that week exists. */
function mondayOf(isoYear: number, week: number): TZDate {
  // 4 January is always in ISO week 1.
  return addWeeks(startOfISOWeek(new TZDate(isoYear, 0, 4, PROGRAMME_TIME_ZONE)), week - 1);
}

/** An ISO week, `2026-W47` (weeks run Monday to Sunday, Asia/Shanghai; some years have a W53). */
export const IsoWeek = z
  .string()
  .regex(WEEK_PATTERN, { message: 'must be an ISO week like 2026-W47' })
  .refine(
    (value) => {
      const match = WEEK_PATTERN.exec(value);
      // A malformed week is already reported by the pattern above.
      if (!match) return true;
      const [, year, week] = match;
      const monday = mondayOf(Number(year), Number(week));
      return Number(week) >= 1 && getISOWeekYear(monday) === Number(year) && getISOWeek(monday) === Number(week);
    },
    { message: 'is not a week of that year' },
  );
export type IsoWeek = z.infer<typeof IsoWeek>;

/** When a week starts and ends (exclusive), and when its report is due: the following Tuesday, 18:00 Asia/Shanghai. */
export function weekBounds(week: string): { start: Date; end: Date; deadline: Date } {
  const [, year, number] = WEEK_PATTERN.exec(week) ?? [];
  if (!year || !number) throw new RangeError(`not an ISO week: ${week}`);
  const monday = mondayOf(Number(year), Number(number));
  const next = addWeeks(monday, 1);
  return { start: new Date(monday.getTime()), end: new Date(next.getTime()), deadline: new Date(addHours(addDays(next, 1), 18).getTime()) };
}

/** The ISO week `instant` falls in, Asia/Shanghai. */
export function isoWeekOf(instant: Date): string {
  return format(instant, "RRRR-'W'II", { in: shanghai });
}

/** Whether a report submitted at `submittedAt` missed its deadline: 17:59:59 is on time, 18:00:00 is late. */
export function isLate(submittedAt: Date, deadline: Date): boolean {
  return submittedAt.getTime() >= deadline.getTime();
}

export const WeeklyReportInput = z
  .object({
    week: IsoWeek,
    narrative: Text(4000),
  })
  .strict();
export type WeeklyReportInput = z.infer<typeof WeeklyReportInput>;

/** The figures the ledger gives a week's report; the organisation writes only the narrative. */
export const WeeklyFigures = z.object({
  pairingId: PairingId,
  week: IsoWeek,
  weekStart: Timestamp,
  weekEnd: Timestamp,
  deadline: Timestamp,
  /** The calendar year (Asia/Shanghai) of the week's last day: its year-to-date runs to the week's end. */
  year: z.number().int(),
  weekPurchasesFen: z.number().int(),
  ytdPurchasesFen: z.number().int(),
});
export type WeeklyFigures = z.infer<typeof WeeklyFigures>;

export const WeeklyReport = WeeklyFigures.extend({
  weeklyReportId: idOf('weeklyReport'),
  organizationId: OrganizationId,
  villageId: VillageId,
  narrative: z.string(),
  submittedAt: Timestamp,
  submittedBy: AccountId,
  late: z.boolean(),
});
export type WeeklyReport = z.infer<typeof WeeklyReport>;

/** `submitted`: on time; `late`: after the deadline; `missing`: none and the deadline has passed; `due`: none yet, still time. */
export const WeeklyReportStatus = z.enum(['submitted', 'late', 'missing', 'due']);
export type WeeklyReportStatus = z.infer<typeof WeeklyReportStatus>;

export const WeeklyReportQuery = z.object({ week: IsoWeek, status: WeeklyReportStatus.optional() }).strict();
export type WeeklyReportQuery = z.infer<typeof WeeklyReportQuery>;

export const WeeklyReportLine = z.object({
  pairingId: PairingId,
  organizationId: OrganizationId,
  organizationName: z.string(),
  villageId: VillageId,
  villageName: z.string(),
  status: WeeklyReportStatus,
  report: WeeklyReport.nullable(),
});
export type WeeklyReportLine = z.infer<typeof WeeklyReportLine>;

export const WeeklyReportList = z.object({
  week: IsoWeek,
  weekStart: Timestamp,
  deadline: Timestamp,
  items: z.array(WeeklyReportLine),
});
export type WeeklyReportList = z.infer<typeof WeeklyReportList>;
