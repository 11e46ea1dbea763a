import { reportsApi, type PairingReport as Report } from '../../api/reports';
import { formatBps, formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { Gate } from './Gate';
import { PROJECTION_KEY } from './labels';
import { useNames } from './names';
import { ReportFrame } from './ReportFrame';
import { Stat } from './Stat';
import { TargetProgress } from './TargetProgress';
import { useReportYear, yearSuffix } from './useReportYear';
import { YearChart, YearStats } from './YearFigures';

/** A pairing's dashboard: the partner's purchases from its village against the joint target. */
export function PairingReport({ id }: { id: string }) {
  const { t } = useI18n();
  const { year, thisYear } = useReportYear();
  // Who may read it depends on the pairing (its organisation, its village): the API decides.
  return (
    <Gate title={t('impact.rep.pairingTitle')} allow={(a) => a.role !== 'buyer'}>
      {(actor) => <PairingView id={id} year={year} thisYear={thisYear} role={actor.role} />}
    </Gate>
  );
}

function PairingView({ id, year, thisYear, role }: { id: string; year: number; thisYear: number; role: string }) {
  const { t } = useI18n();
  const names = useNames();
  const report = useAsync((signal) => reportsApi.pairingReport(id, year, signal), [id, year]);
  const p = report.data?.pairing;
  const title = p
    ? t('impact.rep.pairingHeading', { org: names.organization(p.organizationId, p.organizationName), village: names.village(p.villageId, p.villageName), year })
    : t('impact.rep.pairingTitle');
  useTitle(title);
  return (
    <ReportFrame
      title={title}
      meta={p && t('impact.rep.pairedSince', { day: p.startDate, county: p.county })}
      year={year}
      thisYear={thisYear}
      exportRequest={{ kind: 'pairing_report', pairingId: id, year }}
      report={report}
    >
      {(r) => <PairingBody r={r} year={year} role={role} />}
    </ReportFrame>
  );
}

function PairingBody({ r, year, role }: { r: Report; year: number; role: string }) {
  const { lang, t } = useI18n();
  const projection = t(PROJECTION_KEY[r.projection]);
  const q = yearSuffix(year);
  return (
    <>
      <section class="panel" aria-labelledby="target-h">
        <h2 id="target-h">{t('impact.rep.jointTarget', { year })}</h2>
        <TargetProgress
          id="pairing-target"
          label={t('impact.rep.partnerPurchases')}
          reached={formatFen(r.salesFen)}
          target={formatFen(r.pairing.annualTargetFen)}
          bps={r.targetProgressBps}
          note={
            r.projection === 'none'
              ? undefined
              : t('impact.rep.projectedSales', {
                  amount: formatFen(r.projectedYearEndFen),
                  pct: r.projectedTargetProgressBps === null ? '—' : formatBps(r.projectedTargetProgressBps, lang),
                  basis: projection,
                })
          }
        />
        <dl class="stats">
          <Stat id="projected" label={t('impact.rep.projectedYearEnd')} note={projection}>
            {r.projection === 'none' ? '—' : formatFen(r.projectedYearEndFen)}
          </Stat>
        </dl>
        {r.pairing.note && <p class="meta">{r.pairing.note}</p>}
      </section>
      <section class="panel" aria-labelledby="yoy-h">
        <h2 id="yoy-h">{t('impact.rep.purchasesYearOnYear')}</h2>
        <YearStats r={r} year={year} />
      </section>
      <section class="panel" aria-labelledby="months-h">
        <h2 id="months-h">{t('impact.rep.byMonth')}</h2>
        <YearChart monthly={r.monthly} year={year} title={t('impact.rep.purchasesChartTitle', { year, last: year - 1 })} />
      </section>
      <ul class="plain-list link-row no-print">
        {(role === 'organizer' || role === 'coop') && (
          <li>
            <a href={`/reports/villages/${encodeURIComponent(r.pairing.villageId)}${q}`}>{t('impact.rep.villageReportLink')}</a>
          </li>
        )}
        {(role === 'organizer' || role === 'leader') && (
          <li>
            <a href={`/reports/organizations/${encodeURIComponent(r.pairing.organizationId)}${q}`}>{t('impact.rep.organizationReportLink')}</a>
          </li>
        )}
        {role === 'leader' && (
          <li>
            <a href={`/pairings/${encodeURIComponent(r.pairing.pairingId)}/weekly-report`}>{t('impact.rep.writeWeeklyReport')}</a>
          </li>
        )}
        <li>
          <a href="/pairings">{t('nav.pairings')}</a>
        </li>
      </ul>
    </>
  );
}
