import type { Actor } from '../../api';
import { reportsApi, type VillageReport as Report } from '../../api/reports';
import { formatBps, formatCount, formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { Breakdown } from './Breakdown';
import { Gate } from './Gate';
import { categoryLabel, channelLabel, PROJECTION_KEY } from './labels';
import { useLocalName } from './names';
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

function VillageView({ id, year, thisYear, actor }: { id: string; year: number; thisYear: number; actor: Actor }) {
  const { lang, t } = useI18n();
  const localName = useLocalName();
  const report = useAsync((signal) => reportsApi.villageReport(id, year, signal), [id, year]);
  const name = report.data ? localName(report.data) : '';
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
      {(r) => <VillageBody r={r} year={year} organizer={organizer} />}
    </ReportFrame>
  );
}

function VillageBody({ r, year, organizer }: { r: Report; year: number; organizer: boolean }) {
  const { lang, t } = useI18n();
  const localName = useLocalName();
  const buyers = new Map(r.byOrganization.map((o) => [o.organizationId, o]));
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
        <Breakdown
          id="by-org"
          title={t('impact.rep.byOrganization')}
          keyHeader={t('impact.rep.organization')}
          data={Object.fromEntries(r.byOrganization.map((o) => [o.organizationId, o.purchasesFen]))}
          label={(k) => {
            const buyer = buyers.get(k);
            return buyer ? localName(buyer) : k;
          }}
          href={organizer ? (k) => `/reports/organizations/${encodeURIComponent(k)}${yearSuffix(year)}` : undefined}
          empty={t('impact.rep.noOrganizationPurchases')}
        />
      </div>
    </>
  );
}
