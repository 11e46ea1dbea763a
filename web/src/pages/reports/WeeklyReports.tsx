import { reportsApi, type WeeklyReportLine, type WeeklyReportStatus } from '../../api/reports';
import { ErrorNote, Loading } from '../../components/Status';
import { formatCount, formatDateTime, formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n, type Lang } from '../../i18n';
import { navigate, useLocation, withQuery } from '../../router';
import { Gate, isOrganizer } from './Gate';
import { WEEKLY_STATUS_KEY } from './labels';
import { useNames } from './names';
import { lastFinishedWeek, mondayOf, recentWeeks, shiftWeek, weekDays, type Day } from './period';

const STATUSES: WeeklyReportStatus[] = ['missing', 'late', 'due', 'submitted'];
const ICON: Record<WeeklyReportStatus, string> = { submitted: '✓', late: '⏰', missing: '✗', due: '…' };

const dayLabel = (d: Day, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(d.year, d.month - 1, d.day)));

/** "2026-W46 · 11月9日 – 11月15日": a week as people read it. */
export function weekLabel(week: string, lang: Lang): string {
  const days = weekDays(week);
  return days ? `${week} · ${dayLabel(days.monday, lang)} – ${dayLabel(days.sunday, lang)}` : week;
}

/** Which pairings reported on a week: on time, late, missing (deadline passed), due (organizers). */
export function WeeklyReports() {
  const { t } = useI18n();
  useTitle('impact.weekly.title', true);
  return <Gate title={t('impact.weekly.title')} allow={isOrganizer}>{() => <WeeklyView />}</Gate>;
}

function WeeklyView() {
  const { lang, t } = useI18n();
  const loc = useLocation();
  const latest = lastFinishedWeek();
  const asked = loc.query.get('week') ?? '';
  const week = mondayOf(asked) && asked <= shiftWeek(latest, 1) ? asked : latest;
  const rawStatus = loc.query.get('status');
  const status = STATUSES.includes(rawStatus as WeeklyReportStatus) ? (rawStatus as WeeklyReportStatus) : null;
  const names = useNames();
  // One request for the week; the status filter is applied here so the counts stay whole.
  const list = useAsync((signal) => reportsApi.weeklyReports(week, undefined, signal), [week]);
  const data = list.data?.week === week ? list.data : undefined;
  const weeks = recentWeeks(latest, 12);
  const go = (next: Record<string, string | null>) => navigate(withQuery(loc, next), { replace: true });

  return (
    <>
      <h1>{t('impact.weekly.title')}</h1>
      <p class="meta">{t('impact.weekly.intro')}</p>
      <div class="report-tools no-print" role="group" aria-label={t('impact.rep.tools')}>
        <div class="field field-inline">
          <label for="weekly-week">{t('impact.weekly.week')}</label>
          <select id="weekly-week" value={week} onChange={(e) => go({ week: e.currentTarget.value === latest ? null : e.currentTarget.value })}>
            {(weeks.includes(week) ? weeks : [week, ...weeks]).map((w) => (
              <option key={w} value={w}>
                {weekLabel(w, lang)}
                {w === latest ? ` ${t('impact.weekly.lastWeek')}` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.error ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <p class="meta">{t('impact.weekly.deadline', { time: formatDateTime(data.deadline, lang) })}</p>
          <nav class="tabs" aria-label={t('impact.weekly.filter')}>
            <ul>
              {[null, ...STATUSES].map((s) => {
                const n = s ? data.items.filter((i) => i.status === s).length : data.items.length;
                return (
                  <li key={s ?? 'all'}>
                    <a href={withQuery(loc, { status: s })} aria-current={s === status ? 'page' : undefined} data-status={s ?? 'all'}>
                      {s ? t(WEEKLY_STATUS_KEY[s]) : t('impact.weekly.all')} ({formatCount(n, lang)})
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
          <WeeklyTable items={status ? data.items.filter((i) => i.status === status) : data.items} names={names} />
        </>
      )}
    </>
  );
}

function WeeklyTable({ items, names }: { items: WeeklyReportLine[]; names: ReturnType<typeof useNames> }) {
  const { lang, t } = useI18n();
  if (items.length === 0) return <p class="empty">{t('impact.weekly.none')}</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={t('impact.weekly.title')}>
      <table class="table" data-testid="weekly">
        <thead>
          <tr>
            <th scope="col">{t('impact.pair.organization')}</th>
            <th scope="col">{t('impact.pair.village')}</th>
            <th scope="col">{t('impact.weekly.statusHeader')}</th>
            <th scope="col">{t('impact.weekly.submittedAt')}</th>
            <th scope="col" class="num">
              {t('impact.weekly.weekPurchases')}
            </th>
            <th scope="col">{t('impact.pair.report')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.pairingId} data-status={i.status}>
              <th scope="row">{names.organization(i.organizationId, i.organizationName)}</th>
              <td>{names.village(i.villageId, i.villageName)}</td>
              <td>
                <span class={`tag tag-weekly-${i.status}`}>
                  <span aria-hidden="true">{ICON[i.status]} </span>
                  {t(WEEKLY_STATUS_KEY[i.status])}
                </span>
              </td>
              <td>{i.report ? formatDateTime(i.report.submittedAt, lang) : '—'}</td>
              <td class="num">{i.report ? formatFen(i.report.weekPurchasesFen) : '—'}</td>
              <td>
                <a
                  href={`/reports/pairings/${encodeURIComponent(i.pairingId)}`}
                  aria-label={t('impact.pair.reportOf', { org: names.organization(i.organizationId, i.organizationName), village: names.village(i.villageId, i.villageName) })}
                >
                  {t('impact.pair.report')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
