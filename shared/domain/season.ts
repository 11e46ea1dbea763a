import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { HarvestWindow, MonthDay } from './product.js';

/** Reporting and seasons run on Beijing time wherever the server is. */
export const PROGRAMME_TIME_ZONE = 'Asia/Shanghai';
const shanghai = tz(PROGRAMME_TIME_ZONE);

/** Today's calendar day in Asia/Shanghai as `MM-DD`. */
export function monthDayInShanghai(instant: Date): MonthDay {
  return format(instant, 'MM-dd', { in: shanghai });
}

/** The calendar year in Asia/Shanghai: a sale at 23:59 on 31 December Beijing time belongs to that year. */
export function yearInShanghai(instant: Date): number {
  return Number(format(instant, 'yyyy', { in: shanghai }));
}

/** The calendar month in Asia/Shanghai as `YYYY-MM`, the ledger's reporting period. */
export function monthInShanghai(instant: Date): string {
  return format(instant, 'yyyy-MM', { in: shanghai });
}

/** Whether a day falls in a (possibly year-wrapping, inclusive) harvest window; no window means all year. */
export function isInSeason(window: HarvestWindow | null, day: MonthDay): boolean {
  if (!window) return true;
  // MM-DD strings order like the days they name, so plain string comparison is calendar order.
  if (window.start <= window.end) return window.start <= day && day <= window.end;
  return day >= window.start || day <= window.end;
}
