import { useEffect, useRef, useState } from 'preact/hooks';
import { formatFen } from '../../format';
import { useI18n } from '../../i18n';
import { compactYuan, longMonth, shortMonth } from './axis';
import type { init } from './echarts';

export interface ChartSeries {
  /** A stable id (`this_year`), kept in the data table's cells for scripts and tests. */
  id?: string;
  name: string;
  kind: 'bar' | 'line';
  /** One amount in fen per month; null where there is nothing to show (a month still ahead). */
  values: (number | null)[];
}

/** A column of text beside the amounts in the data table (year-on-year per month, say); not drawn. */
export interface ChartNote {
  name: string;
  values: string[];
}

// A type-only import: erased from the build, so ECharts stays out of this module's chunk.
type EChartsInstance = ReturnType<typeof init>;

/** Series colours; bars and lines differ by shape as well (last year is a dashed line with hollow markers). */
const COLORS = ['#1f6f43', '#8a5a00', '#3d5a80', '#9c2f6b'];

let tableSeq = 0;

/**
 * Amounts by month as bars and lines (this year vs last year). The chart is drawn by ECharts, loaded on first
 * use into its own chunk, as SVG; the same figures are in a table beside it, which screen readers, keyboard
 * users and printouts rely on (the drawing itself is hidden from assistive technology).
 */
export function MonthlyChart(props: {
  title: string;
  months: string[];
  series: ChartSeries[];
  notes?: ChartNote[];
  height?: number;
  /**
   * Show the figures and draw only when asked: ECharts is ~170 KB compressed, more than a cooperative's phone
   * page may load (100 KB), so their pages open on the table and load the drawing on a tap.
   */
  drawOnRequest?: boolean;
}) {
  const { lang, t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState(!props.drawOnRequest);
  const [tableId] = useState(() => `chart-table-${++tableSeq}`);

  useEffect(() => {
    if (!drawn) return;
    let live = true;
    import('./echarts').then(
      ({ init }) => {
        if (!live || !el.current) return;
        chart.current ??= init(el.current, undefined, { renderer: 'svg' });
        chart.current.setOption(
          {
            animation: false,
            color: COLORS,
            grid: { left: 8, right: 12, top: 12, bottom: 8, containLabel: true },
            tooltip: {
              trigger: 'axis',
              valueFormatter: (v: unknown) => (typeof v === 'number' ? formatFen(v) : '—'),
            },
            xAxis: {
              type: 'category',
              data: props.months.map((m) => shortMonth(m, lang)),
              axisLabel: { color: '#55605a', hideOverlap: true },
            },
            yAxis: { type: 'value', axisLabel: { color: '#55605a', formatter: (v: number) => compactYuan(v, lang) } },
            series: props.series.map((s) =>
              s.kind === 'line'
                ? { name: s.name, type: 'line', data: s.values, connectNulls: false, symbol: 'emptyCircle', symbolSize: 7, lineStyle: { type: 'dashed', width: 2 } }
                : { name: s.name, type: 'bar', data: s.values, barMaxWidth: 28 },
            ),
          },
          { notMerge: true },
        );
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.months.join(), JSON.stringify(props.series), lang, drawn]);

  useEffect(() => {
    // The drawing follows its box (a window resize, a sidebar, a disclosure opening), not only the window.
    const resize = () => chart.current?.resize();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    if (observer && el.current) observer.observe(el.current);
    else window.addEventListener('resize', resize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      {!drawn && (
        <p>
          <button type="button" class="btn btn-small" onClick={() => setDrawn(true)} data-testid="draw-chart">
            {t('chart.draw')}
          </button>
        </p>
      )}
      {drawn && !failed && (
        // The key to the drawing, in HTML (ECharts' legend component would add ~18 KB); the table names the series for assistive technology.
        <ul class="chart-legend" aria-hidden="true">
          {props.series.map((s, i) => (
            <li key={s.name}>
              <span class={`chart-key chart-key-${s.kind}`} style={{ color: COLORS[i % COLORS.length] }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      {drawn && !failed && (
        <div ref={el} class="chart-canvas" style={{ height: `${props.height ?? 280}px` }} aria-hidden="true" data-testid="chart" />
      )}
      <details class="chart-data" open={failed || !drawn}>
        <summary>{t('chart.showData')}</summary>
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={tableId}>
          <table data-testid="chart-table">
            <caption id={tableId} class="visually-hidden">
              {props.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.month')}</th>
                {props.series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
                {props.notes?.map((n) => (
                  <th scope="col" key={n.name}>
                    {n.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.months.map((month, i) => (
                <tr key={month} data-month={month}>
                  <th scope="row">{longMonth(month, lang)}</th>
                  {props.series.map((s) => {
                    const v = s.values[i];
                    const empty = v === null || v === undefined;
                    return (
                      <td key={s.name} data-series={s.id} data-fen={empty ? undefined : v}>
                        {empty ? '—' : formatFen(v)}
                      </td>
                    );
                  })}
                  {props.notes?.map((n) => <td key={n.name}>{n.values[i] ?? ''}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
