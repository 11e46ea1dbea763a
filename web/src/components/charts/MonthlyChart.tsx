import { useEffect, useRef, useState } from 'preact/hooks';
import { formatFen } from '../../format';
import { useI18n } from '../../i18n';

export interface ChartSeries {
  name: string;
  kind: 'bar' | 'line';
  /** One amount in fen per month; null where there is nothing to show (a month still ahead). */
  values: (number | null)[];
}

type EChartsInstance = ReturnType<(typeof import('./echarts'))['init']>;

/**
 * Amounts by month as bars and lines (this year vs last year). The chart is drawn by ECharts, loaded on first
 * use; the same figures are in a table beside it, which screen readers, keyboard users and printouts rely on.
 */
export function MonthlyChart(props: { title: string; months: string[]; series: ChartSeries[]; height?: number }) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    import('./echarts').then(
      ({ init }) => {
        if (!live || !el.current) return;
        chart.current ??= init(el.current, undefined, { renderer: 'svg' });
        chart.current.setOption(
          {
            aria: { enabled: true },
            animation: false,
            grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
            legend: { top: 0 },
            tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatFen(v) : '—') },
            xAxis: { type: 'category', data: props.months.map((m) => m.slice(5)) },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactYuan(v) } },
            series: props.series.map((s) => ({ name: s.name, type: s.kind, data: s.values, smooth: false, connectNulls: false })),
          },
          { notMerge: true },
        );
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.months.join(), JSON.stringify(props.series)]);

  useEffect(() => {
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      {!failed && <div ref={el} class="chart-canvas" style={{ height: `${props.height ?? 280}px` }} aria-hidden="true" data-testid="chart" />}
      <details class="chart-data" open={failed}>
        <summary>{t('chart.showData')}</summary>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('chart.month')}</th>
                {props.series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.months.map((month, i) => (
                <tr key={month}>
                  <th scope="row">{month}</th>
                  {props.series.map((s) => {
                    const v = s.values[i];
                    return <td key={s.name}>{v === null || v === undefined ? '—' : formatFen(v)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Axis labels in whole yuan or 万 (ten thousand), from integer fen: 12_345_600 → "¥12.3万". */
function compactYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  if (Math.abs(yuan) >= 10_000) {
    const tenths = Math.trunc(yuan / 1_000);
    return `¥${Math.trunc(tenths / 10)}${tenths % 10 ? `.${Math.abs(tenths % 10)}` : ''}万`;
  }
  return `¥${yuan}`;
}
