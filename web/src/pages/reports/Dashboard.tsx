import { ApiError } from '../../api';
import { everyPage, reportsApi, type CountyVillageLine, type GuaranteeList, type Pairing, type WeeklyReportList } from '../../api/reports';
import { ErrorNote, Loading } from '../../components/Status';
import { formatBps, formatCount, formatDateTime, formatFen } from '../../format';
import { useAsync, useTitle, type Async } from '../../hooks';
import { useI18n } from '../../i18n';
import { ExportButton } from './ExportButton';
import { Gate, isOrganizer } from './Gate';
import { ALL_CATEGORIES, categoryLabel, WEEKLY_STATUS_KEY } from './labels';
import { MiniBar } from './MiniBar';
import { useLocalName, useNamesFrom, type NameLookup } from './names';
import { lastFinishedWeek, shanghaiToday } from './period';
import { RankingTables } from './rankingTables';
import { Stat } from './Stat';
import { weekLabel } from './WeeklyReports';
import { YearChart, YearStats } from './YearFigures';

/**
 * The coordination office's dashboard: the programme's year, every village's targets, the month's ranking,
 * pairings, buyback and weekly reports. Five requests whatever the number of villages: the programme report
 * carries every village's line (sales and per-capita progress), and names in both languages come with the
 * programme report and the rankings.
 */
export function Dashboard() {
  const { t } = useI18n();
  useTitle('impact.dash.title', true);
  return <Gate title={t('impact.dash.title')} allow={isOrganizer}>{() => <DashboardView />}</Gate>;
}

/** The counties of the programme's village lines, in Chinese collation. */
const countiesOf = (lines: CountyVillageLine[]) => [...new Set(lines.map((l) => l.county))].sort((a, b) => a.localeCompare(b, 'zh-CN'));

function DashboardView() {
  const { lang, t } = useI18n();
  const today = shanghaiToday();
  const year = today.year;
  const week = lastFinishedWeek();
  const programme = useAsync((signal) => reportsApi.programmeReport(year, signal), [year]);
  const rankings = useAsync((signal) => reportsApi.rankings(year, today.month, signal), [year, today.month]);
  const pairings = useAsync((signal) => everyPage((cursor) => reportsApi.pairings({ cursor }, signal)), []);
  const buyback = useAsync((signal) => reportsApi.buybackGuarantees(signal), []);
  const weekly = useAsync((signal) => reportsApi.weeklyReports(week, undefined, signal), [week]);
  // Every village has a line in the programme report and every organisation one in the rankings.
  const names = useNamesFrom(programme.data?.villages ?? [], rankings.data?.organizationsByPurchases ?? []);
  const counties = countiesOf(programme.data?.villages ?? []);

  return (
    <article class="report">
      <h1>{t('impact.dash.title')}</h1>
      <nav class="link-row no-print" aria-label={t('impact.dash.sections')}>
        <ul class="plain-list">
          <li>
            <a href="/rankings">{t('nav.rankings')}</a>
          </li>
          <li>
            <a href="/pairings">{t('nav.pairings')}</a>
          </li>
          <li>
            <a href="/weekly-reports">{t('impact.weekly.title')}</a>
          </li>
          <li>
            <a href="/buyback">{t('impact.dash.buyback')}</a>
          </li>
        </ul>
      </nav>

      <section class="panel" aria-labelledby="programme-h">
        <h2 id="programme-h">{t('impact.dash.programme', { year })}</h2>
        {programme.error ? (
          <ErrorNote error={programme.error} onRetry={programme.reload} />
        ) : !programme.data ? (
          <Loading />
        ) : (
          <>
            <YearStats r={programme.data} year={year} />
            <YearChart monthly={programme.data.monthly} year={year} title={t('impact.dash.programmeChart', { year, last: year - 1 })} />
          </>
        )}
      </section>

      <section class="panel" aria-labelledby="targets-h">
        <h2 id="targets-h">{t('impact.dash.targets', { year })}</h2>
        {programme.error ? null : !programme.data ? <Loading /> : <TargetTable lines={programme.data.villages} />}
      </section>

      <section aria-labelledby="rankings-h">
        <div class="section-head">
          <h2 id="rankings-h">{t('impact.dash.rankings', { month: today.month })}</h2>
          <a href="/rankings">{t('impact.rank.seeAll')}</a>
        </div>
        {rankings.error ? (
          <ErrorNote error={rankings.error} onRetry={rankings.reload} />
        ) : !rankings.data ? (
          <Loading />
        ) : (
          <>
            {rankings.data.provisional && <p class="meta">{t('impact.rank.provisional')}</p>}
            <RankingTables r={rankings.data} compact />
          </>
        )}
      </section>

      <div class="dash-grid">
        <WeeklyPanel weekly={weekly} week={week} names={names} />
        <PairingsPanel pairings={pairings} names={names} />
        <BuybackPanel buyback={buyback} />
      </div>

      <section class="panel" aria-labelledby="exports-h">
        <h2 id="exports-h">{t('impact.dash.exports')}</h2>
        <p class="meta">{t('impact.dash.exportsIntro')}</p>
        <ul class="plain-list export-list">
          <li>
            <ExportButton request={{ kind: 'programme_report', year }} label={t('impact.dash.exportProgramme', { year })} />
          </li>
          <li>
            <ExportButton request={{ kind: 'rankings', year, month: today.month }} label={t('impact.dash.exportRankings', { month: today.month })} />
          </li>
          {counties.map((county) => (
            <li key={county}>
              <ExportButton request={{ kind: 'county_report', county, year }} label={t('impact.dash.exportCounty', { county })} />
            </li>
          ))}
        </ul>
        <h3>{t('impact.dash.moreReports')}</h3>
        <ul class="plain-list link-row">
          {counties.map((county) => (
            <li key={county}>
              <a href={`/reports/counties/${encodeURIComponent(county)}`}>{t('impact.dash.countyReport', { county })}</a>
            </li>
          ))}
        </ul>
        <ul class="plain-list link-row">
          {ALL_CATEGORIES.map((c) => (
            <li key={c}>
              <a href={`/reports/categories/${c}`}>{categoryLabel(c, t)}</a>
            </li>
          ))}
        </ul>
      </section>
      {programme.data && <p class="meta">{t('impact.rep.asOf', { time: formatDateTime(programme.data.asOf, lang) })}</p>}
    </article>
  );
}

/** Every village's sales and per-capita income increase against its targets, from the programme report's lines. */
function TargetTable({ lines }: { lines: CountyVillageLine[] }) {
  const { lang, t } = useI18n();
  const localName = useLocalName();
  const withTarget = lines.filter((l) => l.salesProgressBps !== null);
  const met = withTarget.filter((l) => (l.salesProgressBps ?? 0) >= 10_000).length;
  return (
    <>
      <p>{t('impact.dash.targetsSummary', { met: formatCount(met, lang), n: formatCount(withTarget.length, lang) })}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="targets-h">
        <table class="table" data-testid="targets">
          <thead>
            <tr>
              <th scope="col">{t('impact.rep.village')}</th>
              <th scope="col">{t('impact.rep.county')}</th>
              <th scope="col" class="num">
                {t('impact.dash.sales')}
              </th>
              <th scope="col" class="num">
                {t('impact.rep.salesTarget')}
              </th>
              <th scope="col">{t('impact.rep.progress')}</th>
              <th scope="col" class="num">
                {t('impact.dash.perCapita')}
              </th>
              <th scope="col" class="num">
                {t('impact.dash.perCapitaTarget')}
              </th>
              <th scope="col">{t('impact.rep.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.villageId} data-village={l.villageId}>
                <th scope="row">
                  <a href={`/reports/villages/${encodeURIComponent(l.villageId)}`}>{localName(l)}</a>
                </th>
                <td>{l.county}</td>
                <td class="num">{formatFen(l.salesFen)}</td>
                <td class="num">{l.salesTargetFen === null ? '—' : formatFen(l.salesTargetFen)}</td>
                <td>
                  <MiniBar bps={l.salesProgressBps} />
                </td>
                <td class="num" data-per-capita-fen={l.perCapitaIncomeIncreaseFen}>
                  {formatFen(l.perCapitaIncomeIncreaseFen)}
                </td>
                <td class="num">{l.perCapitaTargetFen === null ? '—' : formatFen(l.perCapitaTargetFen)}</td>
                <td>
                  <MiniBar bps={l.perCapitaProgressBps} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function WeeklyPanel({ weekly, week, names }: { weekly: Async<WeeklyReportList>; week: string; names: NameLookup }) {
  const { lang, t } = useI18n();
  const overdue = weekly.data?.items.filter((i) => i.status === 'late' || i.status === 'missing') ?? [];
  return (
    <section class="panel" aria-labelledby="weekly-h">
      <h2 id="weekly-h">{t('impact.dash.weekly')}</h2>
      <p class="meta">{weekLabel(week, lang)}</p>
      {weekly.error ? (
        <ErrorNote error={weekly.error} onRetry={weekly.reload} />
      ) : !weekly.data ? (
        <Loading />
      ) : (
        <>
          <dl class="stats">
            {(['submitted', 'late', 'missing', 'due'] as const).map((s) => (
              <Stat key={s} id={`weekly-${s}`} label={t(WEEKLY_STATUS_KEY[s])}>
                {formatCount(weekly.data!.items.filter((i) => i.status === s).length, lang)}
              </Stat>
            ))}
          </dl>
          {overdue.length === 0 ? (
            <p class="empty">{weekly.data.items.length === 0 ? t('impact.dash.noPairingsDue') : t('impact.dash.noneOverdue')}</p>
          ) : (
            <ul class="plain-list overdue-list">
              {overdue.slice(0, 8).map((i) => (
                <li key={i.pairingId}>
                  <span class={`tag tag-weekly-${i.status}`}>{t(WEEKLY_STATUS_KEY[i.status])}</span>{' '}
                  {names.organization(i.organizationId, i.organizationName)} — {names.village(i.villageId, i.villageName)}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`/weekly-reports?week=${week}`}>{t('impact.dash.weeklyAll')}</a>
          </p>
        </>
      )}
    </section>
  );
}

function PairingsPanel({ pairings, names }: { pairings: Async<Pairing[]>; names: NameLookup }) {
  const { lang, t } = useI18n();
  const list = pairings.data ?? [];
  return (
    <section class="panel" aria-labelledby="pairings-h">
      <h2 id="pairings-h">{t('nav.pairings')}</h2>
      {pairings.error ? (
        <ErrorNote error={pairings.error} onRetry={pairings.reload} />
      ) : !pairings.data ? (
        <Loading />
      ) : (
        <>
          <dl class="stats">
            <Stat id="pairings" label={t('impact.dash.pairingCount')}>
              {formatCount(list.length, lang)}
            </Stat>
            <Stat id="pairing-targets" label={t('impact.dash.pairingTargets')}>
              {formatFen(list.reduce((sum, p) => sum + p.annualTargetFen, 0))}
            </Stat>
          </dl>
          {list.length === 0 ? (
            <p class="empty">{t('impact.pair.none')}</p>
          ) : (
            <ul class="plain-list">
              {list.slice(0, 5).map((p) => (
                <li key={p.pairingId}>
                  <a href={`/reports/pairings/${encodeURIComponent(p.pairingId)}`}>
                    {names.organization(p.organizationId, p.organizationName)} — {names.village(p.villageId, p.villageName)}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/pairings">{t('impact.dash.pairingsAll')}</a>
          </p>
        </>
      )}
    </section>
  );
}

/** Buyback totals; an API without the buyback routes (404) leaves the panel out rather than showing an error. */
function BuybackPanel({ buyback }: { buyback: Async<GuaranteeList> }) {
  const { lang, t } = useI18n();
  if (buyback.error instanceof ApiError && (buyback.error.status === 404 || buyback.error.status === 405)) return null;
  const totals = buyback.data?.totals;
  return (
    <section class="panel" aria-labelledby="buyback-h">
      <h2 id="buyback-h">{t('impact.dash.buyback')}</h2>
      {buyback.error ? (
        <ErrorNote error={buyback.error} onRetry={buyback.reload} />
      ) : !totals ? (
        <Loading />
      ) : (
        <>
          <dl class="stats">
            <Stat id="guarantees" label={t('impact.dash.guarantees')}>
              {formatCount(totals.guarantees, lang)}
            </Stat>
            <Stat id="committed" label={t('impact.dash.committedValue')}>
              {formatFen(totals.committedValueFen)}
            </Stat>
            <Stat id="utilisation" label={t('impact.dash.utilisation')}>
              <MiniBar bps={totals.utilisationBps} />
            </Stat>
            <Stat id="paid" label={t('impact.dash.paid')}>
              {formatFen(totals.paidFen)}
            </Stat>
            <Stat id="owed" label={t('impact.dash.owed')}>
              {formatFen(totals.owedFen)}
            </Stat>
            <Stat id="breaches" label={t('impact.dash.openBreaches')} note={totals.openBreaches > 0 ? t('impact.dash.breachCompensation', { amount: formatFen(totals.breachCompensationFen) }) : undefined}>
              {totals.openBreaches > 0 ? (
                <span class="flag-text">
                  <span aria-hidden="true">⚠ </span>
                  {formatCount(totals.openBreaches, lang)}
                </span>
              ) : (
                formatCount(0, lang)
              )}
            </Stat>
          </dl>
          <p>
            <a href="/buyback">{t('impact.dash.buybackAll')}</a>
          </p>
          <p class="meta">{t('impact.dash.utilisationNote', { pct: formatBps(totals.utilisationBps, lang) })}</p>
        </>
      )}
    </section>
  );
}
