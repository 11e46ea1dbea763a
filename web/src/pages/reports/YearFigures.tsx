import { useActor } from '../../session';
import type { MonthlyFigure } from '../../api/reports';
import { MonthlyChart } from '../../components/charts/MonthlyChart';
import { formatDateTime, formatFen } from '../../format';
import { useI18n, type Lang } from '../../i18n';
import { growthOf, yearSeries, type Comparison as Figures } from './figures';
import { Stat } from './Stat';
import { Yoy, yoyText } from './Yoy';

type Comparison = Figures & { asOf?: string };

/** "1–10月" / "Jan–Oct": the whole months a year-on-year rate compares. */
export function throughLabel(comparedThrough: string, lang: Lang): string {
  const last = Number(comparedThrough.slice(5, 7));
  if (lang === 'zh') return last === 1 ? '1月' : `1–${last}月`;
  const name = (m: number) => new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  return last === 1 ? name(1) : `${name(1)}–${name(last)}`;
}

/**
 * The figures every report shares: the year's sales to date, the year-on-year rate over whole months, the
 * same period of both years and last year's total.
 */
export function YearStats({ r, year }: { r: Comparison; year: number }) {
  const { lang, t } = useI18n();
  const through = r.comparedThrough ? throughLabel(r.comparedThrough, lang) : null;
  return (
    <dl class="stats">
      <Stat id="sales" label={t('impact.rep.salesToDate', { year })} note={r.asOf ? t('impact.rep.asOf', { time: formatDateTime(r.asOf, lang) }) : undefined}>
        <span class="figure">{formatFen(r.salesFen)}</span>
      </Stat>
      <Stat id="yoy" label={t('impact.rep.yoy')} note={through ? t('impact.rep.comparedThrough', { months: through }) : t('impact.rep.noWholeMonth')}>
        <Yoy g={r} />
      </Stat>
      <Stat id="compared" label={t('impact.rep.samePeriodThisYear')} note={through ?? undefined}>
        {formatFen(r.comparedSalesFen)}
      </Stat>
      <Stat id="last-year-same" label={t('impact.rep.samePeriodLastYear')} note={through ?? undefined}>
        {formatFen(r.lastYearSameToDateFen)}
      </Stat>
      <Stat id="last-year-full" label={t('impact.rep.lastYearFull', { year: year - 1 })}>
        {formatFen(r.lastYearFullYearFen)}
      </Stat>
    </dl>
  );
}

/** This year (bars) against last year (dashed line) by month, with each whole month's year-on-year in the table. */
export function YearChart({ monthly, year, title }: { monthly: (Figures['monthly'][number] & Partial<Pick<MonthlyFigure, 'yoyBps' | 'yoyPct' | 'yoyStatus'>>)[]; year: number; title?: string }) {
  const { lang, t } = useI18n();
  // Organizers read reports on laptops; cooperatives and organisations on phones get the table first (MonthlyChart).
  const drawOnRequest = useActor()?.role !== 'organizer';
  const { thisYear, lastYear } = yearSeries(monthly);
  const notes = monthly.map((m) => {
    if (m.state === 'future') return '';
    if (m.state === 'partial') return t('impact.rep.monthRunning');
    const g = m.yoyStatus ? { yoyBps: m.yoyBps ?? null, yoyPct: m.yoyPct ?? null, yoyStatus: m.yoyStatus } : growthOf(m.salesFen, m.lastYearSalesFen);
    return yoyText(g, lang, t);
  });
  return (
    <MonthlyChart
      title={title ?? t('impact.rep.chartTitle', { year, last: year - 1 })}
      months={monthly.map((m) => m.month)}
      series={[
        { id: 'this_year', name: t('impact.rep.seriesYear', { year }), kind: 'bar', values: thisYear },
        { id: 'last_year', name: t('impact.rep.seriesYear', { year: year - 1 }), kind: 'line', values: lastYear },
      ]}
      notes={[{ name: t('impact.rep.yoy'), values: notes }]}
      drawOnRequest={drawOnRequest}
    />
  );
}
