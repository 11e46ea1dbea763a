import { reportsApi } from '../../api/reports';
import { PrintButton } from '../../components/PrintButton';
import { ErrorNote, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { navigate, useLocation, withQuery } from '../../router';
import { longMonth } from '../../components/charts/axis';
import { ExportButton } from './ExportButton';
import { Gate, isOrganizer } from './Gate';
import { monthFromQuery, monthKey, recentMonths, shanghaiToday } from './period';
import { RankingTables } from './rankingTables';

/** The monthly ranking (一月一排名) of villages and organisations, with a month picker (organizers). */
export function Rankings() {
  const { t } = useI18n();
  useTitle('impact.rank.title', true);
  return <Gate title={t('impact.rank.title')} allow={isOrganizer}>{() => <RankingsView />}</Gate>;
}

function RankingsView() {
  const { lang, t } = useI18n();
  const loc = useLocation();
  const today = shanghaiToday();
  const { year, month } = monthFromQuery(loc.query.get('year'), loc.query.get('month'), today);
  const rankings = useAsync((signal) => reportsApi.rankings(year, month, signal), [year, month]);
  const current = monthKey(year, month);
  const r = rankings.data?.month === current ? rankings.data : undefined;
  return (
    <article class="report">
      <h1>{t('impact.rank.title')}</h1>
      <div class="report-tools no-print" role="group" aria-label={t('impact.rep.tools')}>
        <div class="field field-inline">
          <label for="rank-month">{t('impact.rank.month')}</label>
          <select
            id="rank-month"
            value={current}
            onChange={(e) => {
              const [y, m] = e.currentTarget.value.split('-');
              navigate(withQuery(loc, { year: y ?? null, month: String(Number(m)) }), { replace: true });
            }}
          >
            {recentMonths(today, 24).map((m) => (
              <option key={m} value={m}>
                {longMonth(m, lang)}
              </option>
            ))}
          </select>
        </div>
        <ExportButton request={{ kind: 'rankings', year, month }} label={t('impact.rep.exportCsv')} />
        <PrintButton />
      </div>
      {rankings.error ? (
        <ErrorNote error={rankings.error} onRetry={rankings.reload} />
      ) : !r ? (
        <Loading />
      ) : (
        <>
          <p class="meta">
            {t('impact.rank.intro', { month: longMonth(r.month, lang) })} {t('impact.rep.asOf', { time: formatDateTime(r.asOf, lang) })}
          </p>
          {r.provisional && <p class="note">{t('impact.rank.provisional')}</p>}
          <RankingTables r={r} />
        </>
      )}
    </article>
  );
}
