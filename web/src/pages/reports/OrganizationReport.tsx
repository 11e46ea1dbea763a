import { reportsApi, type OrganizationReport as Report } from '../../api/reports';
import { formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { Breakdown } from './Breakdown';
import { Gate } from './Gate';
import { ORG_KIND_KEY, PROJECTION_KEY } from './labels';
import { useNames } from './names';
import { ReportFrame } from './ReportFrame';
import { Stat } from './Stat';
import { TargetProgress } from './TargetProgress';
import { useReportYear, yearSuffix } from './useReportYear';
import { YearChart, YearStats } from './YearFigures';

/** A buyer organisation's year of purchases against its pledge (its leader, organizers). */
export function OrganizationReport({ id }: { id: string }) {
  const { t } = useI18n();
  const { year, thisYear } = useReportYear();
  return (
    <Gate title={t('impact.rep.organizationTitle')} allow={(a) => a.role === 'organizer' || (a.role === 'leader' && a.organizationId === id)}>
      {(actor) => <OrganizationView id={id} year={year} thisYear={thisYear} organizer={actor.role === 'organizer'} />}
    </Gate>
  );
}

function OrganizationView({ id, year, thisYear, organizer }: { id: string; year: number; thisYear: number; organizer: boolean }) {
  const { t } = useI18n();
  const names = useNames();
  const report = useAsync((signal) => reportsApi.organizationReport(id, year, signal), [id, year]);
  const name = report.data ? names.organization(id, report.data.name) : '';
  const title = report.data ? t('impact.rep.organizationHeading', { name, year }) : t('impact.rep.organizationTitle');
  useTitle(title);
  return (
    <ReportFrame
      title={title}
      meta={report.data && t(ORG_KIND_KEY[report.data.kind])}
      year={year}
      thisYear={thisYear}
      exportRequest={{ kind: 'organization_report', organizationId: id, year }}
      report={report}
    >
      {(r) => <OrganizationBody r={r} year={year} organizer={organizer} names={names} />}
    </ReportFrame>
  );
}

function OrganizationBody({ r, year, organizer, names }: { r: Report; year: number; organizer: boolean; names: ReturnType<typeof useNames> }) {
  const { t } = useI18n();
  const projection = t(PROJECTION_KEY[r.projection]);
  return (
    <>
      <section class="panel" aria-labelledby="yoy-h">
        <h2 id="yoy-h">{t('impact.rep.purchasesYearOnYear')}</h2>
        <YearStats r={r} year={year} />
      </section>
      <section class="panel" aria-labelledby="pledge-h">
        <h2 id="pledge-h">{t('impact.rep.pledge', { year })}</h2>
        {r.pledgeFen === null && <p class="note">{t('impact.rep.noPledge', { year })}</p>}
        <TargetProgress
          id="pledge"
          label={t('impact.rep.pledgeProgress')}
          reached={formatFen(r.salesFen)}
          target={r.pledgeFen === null ? null : formatFen(r.pledgeFen)}
          bps={r.pledgeProgressBps}
        />
        <dl class="stats">
          <Stat id="projected" label={t('impact.rep.projectedYearEnd')} note={projection}>
            {r.projection === 'none' ? '—' : formatFen(r.projectedYearEndFen)}
          </Stat>
        </dl>
      </section>
      <section class="panel" aria-labelledby="months-h">
        <h2 id="months-h">{t('impact.rep.byMonth')}</h2>
        <YearChart monthly={r.monthly} year={year} title={t('impact.rep.purchasesChartTitle', { year, last: year - 1 })} />
      </section>
      <Breakdown
        id="by-village"
        title={t('impact.rep.byVillage')}
        keyHeader={t('impact.rep.village')}
        data={r.byVillage}
        label={(k) => names.village(k)}
        href={organizer ? (k) => `/reports/villages/${encodeURIComponent(k)}${yearSuffix(year)}` : undefined}
      />
    </>
  );
}
