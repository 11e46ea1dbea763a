import type { HarvestWindow } from '../../shared/domain/product.js';
import type { Lang } from './i18n';

/** Reporting and seasons run on Beijing time wherever the browser is. */
export const TIME_ZONE = 'Asia/Shanghai';

const cny = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

/** The exact decimal yuan string of an integer fen amount: 123456 → "1234.56". No float division. */
export function fenToDecimal(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 → "¥1,234.56". NumberFormat is given a decimal string, which it formats exactly. */
export function formatFen(fen: number): string {
  return cny.format(fenToDecimal(fen) as `${number}`);
}

/**
 * Parses a yuan amount typed by a person ("168", "168.5", "1,234.56") into integer fen, or null if it is not
 * a non-negative amount with at most two decimals. String arithmetic only: "0.29" is 29 fen, never 28.
 */
export function parseYuan(input: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(input.trim().replace(/[,，\s]/g, '').replace(/^[¥￥]/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Basis points as a percentage: 1500 → "15%", 1250 → "12.5%". Exact: built from a decimal string. */
export function formatBps(bps: number, lang: Lang): string {
  const abs = Math.abs(Math.trunc(bps));
  const ratio = `${bps < 0 ? '-' : ''}${Math.trunc(abs / 10_000)}.${String(abs % 10_000).padStart(4, '0')}`;
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 2 }).format(
    ratio as `${number}`,
  );
}

/** A percentage typed by a person ("100", "85.5") as basis points, or null. */
export function parsePercentToBps(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim().replace(/%$/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** An instant (ISO string) as a date and time in Asia/Shanghai. */
export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** A recurring calendar day `MM-DD` as "3月1日" / "Mar 1". It names a day, not an instant, so no zone shift. */
export function formatMonthDay(md: string, lang: Lang): string {
  const [m, d] = md.split('-').map(Number);
  // 2000 is a leap year, so 02-29 formats too.
  const day = new Date(Date.UTC(2000, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(day);
}

export function formatHarvestWindow(w: HarvestWindow, lang: Lang): string {
  return `${formatMonthDay(w.start, lang)} – ${formatMonthDay(w.end, lang)}`;
}

function shanghaiParts(now: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** Today's calendar day in Asia/Shanghai, `MM-DD`. */
export function monthDayInShanghai(now: Date = new Date()): string {
  const p = shanghaiParts(now);
  return `${p.month}-${p.day}`;
}

/** This calendar year in Asia/Shanghai. */
export function yearInShanghai(now: Date = new Date()): number {
  return Number(shanghaiParts(now).year);
}

/** Whether a day falls in a (possibly year-wrapping, inclusive) harvest window; no window means all year. */
export function isInSeason(w: HarvestWindow | null, day: string = monthDayInShanghai()): boolean {
  if (!w) return true;
  if (w.start <= w.end) return w.start <= day && day <= w.end;
  return day >= w.start || day <= w.end;
}

export function locale(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
