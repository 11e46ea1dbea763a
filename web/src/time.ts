import { TIME_ZONE } from './format';

/**
 * Beijing time has been UTC+8 all year since 1991 (no daylight saving), so a wall-clock time in Shanghai is the
 * instant written with a fixed `+08:00` offset. No date library: the browser's Intl does the formatting.
 */
export const SHANGHAI_OFFSET = '+08:00';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/**
 * A `<input type="datetime-local">` value (`2026-11-22T23:59` or `…T23:59:59`) read as Beijing time, as an ISO
 * string with the +08:00 offset; null when it is not a real calendar time (02-30, 24:00, empty).
 */
export function shanghaiLocalToIso(value: string): string | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  // Date.UTC rolls 02-30 over into March: a real day survives the round trip unchanged.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${SHANGHAI_OFFSET}`;
}

/** An instant as a `datetime-local` value on Beijing's wall clock (`2026-11-22T08:30`), whatever the browser's zone. */
export function toShanghaiLocal(instant: Date, withSeconds = false): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const base = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  return withSeconds ? `${base}:${parts.second}` : base;
}

export interface Duration {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** What is left until `deadline` (an ISO instant), in whole units; all zero once it has passed. */
export function timeLeft(deadline: string, now: number): Duration {
  const total = Math.max(0, Math.floor((Date.parse(deadline) - now) / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** `1天 02:03:04` / `1d 02:03:04`; the days part only when there are days. */
export function formatDuration(d: Duration, dayWord: (n: number) => string): string {
  const hms = [d.hours, d.minutes, d.seconds].map((n) => String(n).padStart(2, '0')).join(':');
  return d.days > 0 ? `${dayWord(d.days)} ${hms}` : hms;
}
