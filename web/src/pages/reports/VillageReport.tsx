import type { Actor } from '../../api';
import { everyPage, reportsApi, type VillageReport as Report } from '../../api/reports';
import { formatBps, formatCount, formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { Breakdown } from './Breakdown';
import { mapLimited } from './figures';
import { Gate } from './Gate';
import { categoryLabel, channelLabel, PROJECTION_KEY } from './labels';
import { useNames } from './names';
import { ReportFrame } from './ReportFrame';
import { Stat } from './Stat';
import { TargetProgress } from './TargetProgress';
import { useReportYear, yearSuffix } from './useReportYear';
import { YearChart, YearStats } from './YearFigures';

/** A village's year: organizers and the village's own cooperative. */
export function VillageReport({ id }: { id: string }) {
  const { t } = useI18n();
  const { year, thisYear } = useReportYear();
  return (
    <Gate title={t('impact.rep.villageTitle')} allow={(a) => a.role === 'organizer' || (a.role === 'coop' && a.villageId === id)}>
      {(actor) => <VillageView id={id} year={year} thisYear={thisYear} actor={actor} />}
    </Gate>
  );
}

/** What each paired organisation bought from the village this year (the API's village report has no by-buyer split). */
async function partnerPurchases(villageId: string, year: number, signal: AbortSignal): Promise<{ year: number; byOrganization: Record<string, number> }> {
  const pairings = await everyPage((cursor) => reportsApi.pairings({ villageId, cursor }, signal));
  const reports = await mapLimited(pairings, 3, (p) => reportsApi.pairingReport(p.pairingId, year, signal));
  const out: Record<string, number> = {};
  for (const r of reports) if (r.salesFen !== 0) out[r.pairing.organizationId] = (out[r.pairing.organizationId] ?? 0) + r.salesFen;
  return { year, byOrganization: out };
}

function VillageView({ id, year, thisYear, actor }: { id: string; year: number; thisYear: number; actor: Actor }) {
  const { lang, t } = useI18n();
  const names = useNames();
  const report = useAsync((signal) => reportsApi.villageReport(id, year, signal), [id, year]);
  const partners = useAsync((signal) => partnerPurchases(id, year, signal), [id, year]);
  const name = report.data ? names.village(id, report.data.name) : '';
  useTitle(report.data ? t('impact.rep.villageHeading', { name, year }) : t('impact.rep.villageTitle'));
  const organizer = actor.role === 'organizer';
  return (
    <ReportFrame
      title={report.data ? t('impact.rep.villageHeading', { name, year }) : t('impact.rep.villageTitle')}
      meta={
        report.data && (
          <>
            {organizer ? <a href={`/reports/counties/${encodeURIComponent(report.data.county)}${yearSuffix(year)}`}>{report.data.county}</a> : report.data.county}
            {' · '}
            {t('impact.rep.population', { n: formatCount(report.data.population, lang) })}
            {' · '}
            <a href={`/villages/${encodeURIComponent(id)}`}>{t('impact.rep.villagePage')}</a>
          </>
        )
      }
      year={year}
      thisYear={thisYear}
      exportRequest={{ kind: 'village_report', villageId: id, year }}
      report={report}
    >
      {(r) => <VillageBody r={r} year={year} partners={partners.data?.year === year ? partners.data.byOrganization : undefined} partnersError={partners.error} names={names} organizer={organizer} />}
    </ReportFrame>
  );
}

function VillageBody(props: {
  r: Report;
  year: number;
  partners: Record<string, number> | undefined;
  partnersError: unknown;
  names: ReturnType<typeof useNames>;
  organizer: boolean;
}) {
  const { r, year, partners, partnersError, names, organizer } = props;
  const { lang, t } = useI18n();
  const projection = t(PROJECTION_KEY[r.projection]);
  return (
    <>
      <section class="panel" aria-labelledby="yoy-h">
        <h2 id="yoy-h">{t('impact.rep.yearOnYear')}</h2>
        <YearStats r={r} year={year} />
      </section>

      <section class="panel" aria-labelledby="targets-h">
        <h2 id="targets-h">{t('impact.rep.targets', { year })}</h2>
        {r.target === null && <p class="note">{t('impact.rep.noTargetsSet', { year })}</p>}
        <TargetProgress
          id="sales-target"
          label={t('impact.rep.salesTarget')}
          reached={formatFen(r.salesFen)}
          target={r.target?.salesTargetFen == null ? null : formatFen(r.target.salesTargetFen)}
          bps={r.salesProgressBps}
          note={
            r.projection === 'none'
              ? undefined
              : t('impact.rep.projectedSales', {
                  amount: formatFen(r.projectedYearEndFen),
                  pct: r.projectedSalesProgressBps === null ? '—' : formatBps(r.projectedSalesProgressBps, lang),
                  basis: projection,
                })
          }
        />
        <TargetProgress
          id="per-capita-target"
          label={t('impact.rep.perCapitaTarget')}
          reached={formatFen(r.perCapitaIncomeIncreaseFen)}
          target={r.target ? formatFen(r.target.perCapitaIncomeIncreaseFen) : null}
          bps={r.perCapitaProgressBps}
          note={r.projection === 'none' ? undefined : t('impact.rep.projectedPerCapita', { amount: formatFen(r.projectedPerCapitaIncomeIncreaseFen), basis: projection })}
        />
        <dl class="stats">
          <Stat id="household" label={t('impact.rep.householdIncome')} note={t('impact.rep.householdNote')}>
            {formatFen(r.householdIncomeFen)}
          </Stat>
          <Stat id="projected" label={t('impact.rep.projectedYearEnd')} note={projection}>
            {r.projection === 'none' ? '—' : formatFen(r.projectedYearEndFen)}
          </Stat>
          {r.target && (
            <Stat id="growth-target" label={t('impact.rep.growthTarget')}>
              {formatBps(r.target.salesGrowthBps, lang)}
            </Stat>
          )}
        </dl>
      </section>

      <section class="panel" aria-labelledby="months-h">
        <h2 id="months-h">{t('impact.rep.byMonth')}</h2>
        <YearChart monthly={r.monthly} year={year} />
      </section>

      <div class="breakdowns">
        <Breakdown id="by-channel" title={t('impact.rep.byChannel')} keyHeader={t('impact.rep.channel')} data={r.byChannel} label={(k) => channelLabel(k, t)} />
        <Breakdown id="by-category" title={t('impact.rep.byCategory')} keyHeader={t('impact.rep.category')} data={r.byCategory} label={(k) => categoryLabel(k, t)} />
        {partnersError ? (
          <section class="panel" aria-labelledby="by-org">
            <h3 id="by-org">{t('impact.rep.byPartner')}</h3>
            <p class="note">{t('impact.rep.partnersUnavailable')}</p>
          </section>
        ) : partners === undefined ? null : (
          <Breakdown
            id="by-org"
            title={t('impact.rep.byPartner')}
            keyHeader={t('impact.rep.organization')}
            data={partners}
            label={(k) => names.organization(k)}
            href={organizer ? (k) => `/reports/organizations/${encodeURIComponent(k)}${yearSuffix(year)}` : undefined}
            empty={t('impact.rep.noPartnerPurchases')}
          />
        )}
      </div>
    </>
  );
}
