import { locale } from '../../format';
import type { Lang } from '../../i18n';

/**
 * An axis label from integer fen, in whole yuan: 万 (ten thousand) in Chinese, k / M in English.
 * 12_345_600 fen → "¥12.3万" / "¥123k". Truncates toward zero: an axis tick never claims more than it is.
 */
export function compactYuan(fen: number, lang: Lang = 'zh'): string {
  const yuan = Math.trunc(fen / 100);
  const sign = yuan < 0 ? '-' : '';
  const abs = Math.abs(yuan);
  const tenths = (n: number, unit: number) => {
    const t = Math.trunc((n * 10) / unit);
    return `${Math.trunc(t / 10)}${t % 10 ? `.${t % 10}` : ''}`;
  };
  if (lang === 'zh') {
    if (abs >= 100_000_000) return `${sign}¥${tenths(abs, 100_000_000)}亿`;
    if (abs >= 10_000) return `${sign}¥${tenths(abs, 10_000)}万`;
    return `${sign}¥${abs}`;
  }
  if (abs >= 1_000_000) return `${sign}¥${tenths(abs, 1_000_000)}M`;
  if (abs >= 1_000) return `${sign}¥${tenths(abs, 1_000)}k`;
  return `${sign}¥${abs}`;
}

/** `2026-03` as the axis shows it: "3月" / "Mar". */
export function shortMonth(month: string, lang: Lang): string {
  const m = Number(month.slice(5, 7));
  return new Intl.DateTimeFormat(locale(lang), { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
}

/** `2026-03` in full: "2026年3月" / "Mar 2026". */
export function longMonth(month: string, lang: Lang): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Intl.DateTimeFormat(locale(lang), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}
