/**
 * Reporting periods on Beijing's calendar, whatever the browser's zone: today's year and month, ISO weeks
 * (Monday to Sunday) and the ones the pickers offer. Calendar arithmetic runs on UTC dates, which have no
 * daylight saving, so a day is always a day.
 */
import { TIME_ZONE } from '../../format';

export interface Day {
  year: number;
  month: number;
  day: number;
}

/** Today's date in Asia/Shanghai. */
export function shanghaiToday(now: Date = new Date()): Day {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

const DAY_MS = 86_400_000;
const utc = (d: Day) => Date.UTC(d.year, d.month - 1, d.day);
const dayOf = (ms: number): Day => {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-09`. */
export const dayString = (d: Day): string => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

/** The ISO week a calendar day falls in: `2026-W46`. Its year is the year of the week's Thursday. */
export function isoWeekOf(d: Day): string {
  const ms = utc(d);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = dayOf(ms + (3 - weekday) * DAY_MS);
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const week = Math.floor((utc(thursday) - jan1) / DAY_MS / 7) + 1;
  return `${thursday.year}-W${pad(week)}`;
}

/** The Monday that starts an ISO week (`2026-W46` → 2026-11-09), or null if the text is not one. */
export function mondayOf(week: string): Day | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  const monday = dayOf(jan4 - weekday * DAY_MS + (n - 1) * 7 * DAY_MS);
  return isoWeekOf(monday) === week ? monday : null;
}

/** The week `delta` weeks after (or before) `week`. */
export function shiftWeek(week: string, delta: number): string {
  const monday = mondayOf(week);
  if (!monday) throw new RangeError(`not an ISO week: ${week}`);
  return isoWeekOf(dayOf(utc(monday) + delta * 7 * DAY_MS));
}

/** The last finished ISO week in Beijing: the one before the week that contains today. */
export function lastFinishedWeek(now: Date = new Date()): string {
  return shiftWeek(isoWeekOf(shanghaiToday(now)), -1);
}

/** A week's Monday and Sunday. */
export function weekDays(week: string): { monday: Day; sunday: Day } | null {
  const monday = mondayOf(week);
  return monday ? { monday, sunday: dayOf(utc(monday) + 6 * DAY_MS) } : null;
}

/** The `count` weeks up to and including `latest`, newest first. */
export function recentWeeks(latest: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftWeek(latest, -i));
}

/** Years a report can be asked for: this year back to `first`, newest first. */
export function reportYears(thisYear: number, first = thisYear - 4): number[] {
  const out: number[] = [];
  for (let y = thisYear; y >= first; y--) out.push(y);
  return out;
}

/** `?year=` as a year the pickers offer, else this year. */
export function yearFromQuery(raw: string | null, thisYear: number): number {
  const y = Number(raw);
  return Number.isInteger(y) && y >= 2000 && y <= thisYear ? y : thisYear;
}

/**
 * `?year=2026&month=10` as a month that has started (the API refuses months ahead), else this month.
 * Without a year, the month is of this year.
 */
export function monthFromQuery(yearRaw: string | null, monthRaw: string | null, today: Day): { year: number; month: number } {
  const year = yearRaw ? Number(yearRaw) : today.year;
  const month = Number(monthRaw);
  const started = year < today.year || (year === today.year && month <= today.month);
  if (Number.isInteger(year) && Number.isInteger(month) && year >= 2000 && month >= 1 && month <= 12 && started) return { year, month };
  return { year: today.year, month: today.month };
}

/** `yyyy-mm` of the `count` months up to today's, newest first. */
export function recentMonths(today: Day, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const index = today.year * 12 + (today.month - 1) - i;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  });
}

/** `2026-11` of a year and month number. */
export const monthKey = (year: number, month: number): string => `${year}-${pad(month)}`;
