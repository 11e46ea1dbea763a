import { reportsApi, type CountyReport as Report } from '../../api/reports';
import { formatCount, formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { Gate, isOrganizer } from './Gate';
import { MiniBar } from './MiniBar';
import { useLocalName } from './names';
import { ReportFrame } from './ReportFrame';
import { TargetProgress } from './TargetProgress';
import { useReportYear, yearSuffix } from './useReportYear';
import { YearChart, YearStats } from './YearFigures';
import { Yoy } from './Yoy';

/** A county's year, with each village's line (organizers). */
export function CountyReport({ county }: { county: string }) {
  const { t } = useI18n();
  const { year, thisYear } = useReportYear();
  return (
    <Gate title={t('impact.rep.countyTitle')} allow={isOrganizer}>
      {() => <CountyView county={county} year={year} thisYear={thisYear} />}
    </Gate>
  );
}

function CountyView({ county, year, thisYear }: { county: string; year: number; thisYear: number }) {
  const { t } = useI18n();
  const report = useAsync((signal) => reportsApi.countyReport(county, year, signal), [county, year]);
  const title = t('impact.rep.countyHeading', { name: county, year });
  useTitle(title);
  return (
    <ReportFrame
      title={title}
      meta={<a href="/dashboard">{t('nav.impact')}</a>}
      year={year}
      thisYear={thisYear}
      exportRequest={{ kind: 'county_report', county, year }}
      report={report}
    >
      {(r) => <CountyBody r={r} year={year} />}
    </ReportFrame>
  );
}

function CountyBody({ r, year }: { r: Report; year: number }) {
  const { lang, t } = useI18n();
  const localName = useLocalName();
  return (
    <>
      <section class="panel" aria-labelledby="yoy-h">
        <h2 id="yoy-h">{t('impact.rep.yearOnYear')}</h2>
        <YearStats r={r} year={year} />
      </section>
      <section class="panel" aria-labelledby="targets-h">
        <h2 id="targets-h">{t('impact.rep.targets', { year })}</h2>
        <TargetProgress
          id="county-target"
          label={t('impact.rep.countySalesTarget', { n: formatCount(r.villagesWithTarget, lang), of: formatCount(r.villageCount, lang) })}
          reached={formatFen(r.villages.filter((v) => v.salesTargetFen !== null).reduce((sum, v) => sum + v.salesFen, 0))}
          target={r.salesTargetFen === null ? null : formatFen(r.salesTargetFen)}
          bps={r.salesProgressBps}
        />
      </section>
      <section class="panel" aria-labelledby="months-h">
        <h2 id="months-h">{t('impact.rep.byMonth')}</h2>
        <YearChart monthly={r.monthly} year={year} />
      </section>
      <section class="panel" aria-labelledby="villages-h">
        <h2 id="villages-h">{t('impact.rep.countyVillages')}</h2>
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="villages-h">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('impact.rep.village')}</th>
                <th scope="col" class="num">
                  {t('impact.rep.salesToDate', { year })}
                </th>
                <th scope="col" class="num">
                  {t('impact.rep.yoy')}
                </th>
                <th scope="col" class="num">
                  {t('impact.rep.salesTarget')}
                </th>
                <th scope="col">{t('impact.rep.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {r.villages.map((v) => (
                <tr key={v.villageId}>
                  <th scope="row">
                    <a href={`/reports/villages/${encodeURIComponent(v.villageId)}${yearSuffix(year)}`}>{localName(v)}</a>
                  </th>
                  <td class="num">{formatFen(v.salesFen)}</td>
                  <td class="num">
                    <Yoy g={v} />
                  </td>
                  <td class="num">{v.salesTargetFen === null ? '—' : formatFen(v.salesTargetFen)}</td>
                  <td>
                    <MiniBar bps={v.salesProgressBps} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
