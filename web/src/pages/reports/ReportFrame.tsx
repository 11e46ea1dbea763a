import type { ComponentChildren } from 'preact';
import type { ExportRequest } from '../../api/reports';
import { PrintButton } from '../../components/PrintButton';
import { ErrorNote, Loading } from '../../components/Status';
import { useI18n } from '../../i18n';
import type { Async } from '../../hooks';
import { ApiError } from '../../api';
import { NotFound } from '../NotFound';
import { ExportButton } from './ExportButton';
import { YearPicker } from './YearPicker';

/**
 * The frame every report page shares: its heading, a line of context, the year picker, CSV export and print,
 * then the report itself once it has loaded (a 404 is the not-found page; other errors offer a retry). The
 * frame stays put when the year changes, so focus stays on the year picker; until the new year's report
 * arrives, the previous year's is not shown.
 */
export function ReportFrame<T extends { year: number }>(props: {
  title: string;
  meta?: ComponentChildren;
  year: number;
  thisYear: number;
  exportRequest: ExportRequest;
  report: Async<T>;
  children: (report: T) => ComponentChildren;
}) {
  const { t } = useI18n();
  const { report } = props;
  if (report.error instanceof ApiError && report.error.status === 404) return <NotFound />;
  return (
    <article class="report">
      <h1>{props.title}</h1>
      {props.meta && <p class="meta">{props.meta}</p>}
      <div class="report-tools no-print" role="group" aria-label={t('impact.rep.tools')}>
        <YearPicker year={props.year} thisYear={props.thisYear} />
        <ExportButton request={props.exportRequest} label={t('impact.rep.exportCsv')} />
        <PrintButton />
      </div>
      {report.error ? (
        <ErrorNote error={report.error} onRetry={report.reload} />
      ) : !report.data || report.data.year !== props.year ? (
        <Loading />
      ) : (
        <div aria-busy={report.loading ? 'true' : undefined}>{props.children(report.data)}</div>
      )}
    </article>
  );
}
