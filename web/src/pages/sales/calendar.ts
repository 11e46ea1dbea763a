import { locale } from '../../format';
import type { Lang } from '../../i18n';
import { SHANGHAI_OFFSET, toShanghaiLocal } from '../../time';

/**
 * Calendar days (`2026-11-22`), months (`2026-11`) and ISO weeks (`2026-W47`) as the programme counts them, in
 * Asia/Shanghai whatever the browser's zone. A day names a date, not an instant, so day arithmetic runs on UTC
 * dates, where no daylight saving can shift it. Used by the ledger, weekly reports and buyback guarantees.
 */

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(\d{2})$/;

/** The UTC midnight of a real calendar day, or null (`2026-02-30`, `2026-13-01`, ``). */
function utcOf(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day ? d : null;
}

const dayText = (d: Date) => d.toISOString().slice(0, 10);

export const isDay = (s: string): boolean => utcOf(s) !== null;
export const isMonth = (s: string): boolean => MONTH.test(s);

/** Today's date in Asia/Shanghai. */
export const todayInShanghai = (now: Date = new Date()): string => toShanghaiLocal(now).slice(0, 10);

/** `day` plus `n` days (negative goes back). */
export function addDays(day: string, n: number): string {
  const d = utcOf(day);
  if (!d) throw new RangeError(`not a calendar day: ${day}`);
  return dayText(new Date(d.getTime() + n * DAY_MS));
}

/** A calendar day as `2026年11月22日` / `Nov 22, 2026`. */
export function formatDay(day: string, lang: Lang): string {
  const d = utcOf(day);
  return d ? new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', dateStyle: 'medium' }).format(d) : day;
}

/** A month `2026-11` as `2026年11月` / `November 2026`. */
export function formatMonth(month: string, lang: Lang): string {
  const m = MONTH.exec(month);
  if (!m) return month;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(d);
}

/**
 * A month range typed as `yyyy-mm` (either end may be empty) as the ledger's day bounds: `from` the month's first
 * day, `to` its last (the ledger takes a day `to` as inclusive). A malformed end is left out.
 */
export function monthBounds(fromMonth: string, toMonth: string): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (isMonth(fromMonth)) out.from = `${fromMonth}-01`;
  const m = MONTH.exec(toMonth);
  if (m) out.to = dayText(new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)));
  return out;
}

/**
 * When an offline sale entered for `day` happened, as the instant the ledger sorts by: now if it is today (a sale
 * entered on the spot is the newest), else noon of that day in Beijing (never in the future, never a day off).
 */
export function occurredAtFor(day: string, now: Date = new Date()): string {
  return day === todayInShanghai(now) ? now.toISOString() : `${day}T12:00:00${SHANGHAI_OFFSET}`;
}

/** The ISO week (`2026-W47`) of a calendar day: weeks run Monday to Sunday; week 1 holds the year's first Thursday. */
export function isoWeekOfDay(day: string): string {
  const d = utcOf(day);
  if (!d) throw new RangeError(`not a calendar day: ${day}`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday that starts an ISO week, or null if `week` is not one (`2026-W54`). */
export function mondayOf(week: string): string | null {
  const m = WEEK.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS + (n - 1) * 7 * DAY_MS);
  const day = dayText(monday);
  return n >= 1 && isoWeekOfDay(day) === week ? day : null;
}

export const isIsoWeek = (s: string): boolean => mondayOf(s) !== null;

/**
 * A week's days and its report deadline: the Tuesday after it, 18:00 Beijing time (as an ISO instant with the
 * +08:00 offset). Mirrors `weekBounds` of shared/domain/weekly-report.ts.
 */
export function weekSpan(week: string): { monday: string; sunday: string; deadline: string } {
  const monday = mondayOf(week);
  if (!monday) throw new RangeError(`not an ISO week: ${week}`);
  return { monday, sunday: addDays(monday, 6), deadline: `${addDays(monday, 8)}T18:00:00${SHANGHAI_OFFSET}` };
}

/**
 * The most recent finished ISO weeks at `now` (Asia/Shanghai), newest first: the weeks a report may be written on.
 * Weeks that ended before `notBefore` (a pairing's start day) are left out.
 */
export function finishedWeeks(now: Date, count: number, notBefore?: string): string[] {
  const thisMonday = mondayOf(isoWeekOfDay(todayInShanghai(now))) ?? todayInShanghai(now);
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const monday = addDays(thisMonday, -7 * i);
    if (notBefore && addDays(monday, 6) < notBefore) break;
    out.push(isoWeekOfDay(monday));
  }
  return out;
}

/** Whether a deadline (an ISO instant) has passed at `now`: the API counts 18:00:00 itself as late. */
export const isPast = (deadline: string, now: number = Date.now()): boolean => now >= Date.parse(deadline);

/**
 * The week whose report is due next at `now`: the last finished week while its deadline (Tuesday 18:00) is ahead,
 * else the week in progress (reportable from Monday, due the Tuesday after).
 */
export function nextDueWeek(now: Date = new Date()): string {
  const [last] = finishedWeeks(now, 1);
  if (last && !isPast(weekSpan(last).deadline, now.getTime())) return last;
  return isoWeekOfDay(todayInShanghai(now));
}
