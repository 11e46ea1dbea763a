import type { ProductCategory } from '../../../../shared/domain/product.js';
import { reportsApi } from '../../api/reports';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { NotFound } from '../NotFound';
import { Gate, isOrganizer } from './Gate';
import { ALL_CATEGORIES, categoryLabel } from './labels';
import { ReportFrame } from './ReportFrame';
import { useReportYear, yearSuffix } from './useReportYear';
import { YearChart, YearStats } from './YearFigures';

/** A product category's year across every village (organizers). */
export function CategoryReport({ category }: { category: string }) {
  const { t } = useI18n();
  const { year, thisYear } = useReportYear();
  if (!(ALL_CATEGORIES as string[]).includes(category)) return <NotFound />;
  return (
    <Gate title={t('impact.rep.categoryTitle')} allow={isOrganizer}>
      {() => <CategoryView category={category as ProductCategory} year={year} thisYear={thisYear} />}
    </Gate>
  );
}

function CategoryView({ category, year, thisYear }: { category: ProductCategory; year: number; thisYear: number }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const report = useAsync((signal) => reportsApi.categoryReport(category, year, signal), [category, year]);
  const title = t('impact.rep.categoryHeading', { name: categoryLabel(category, t), year });
  useTitle(title);
  return (
    <ReportFrame
      title={title}
      meta={
        <span class="field field-inline no-print">
          <label for="report-category">{t('impact.rep.otherCategory')}</label>
          <select
            id="report-category"
            value={category}
            onChange={(e) => navigate(`/reports/categories/${e.currentTarget.value}${query.get('year') ? `?year=${query.get('year')}` : ''}`)}
          >
            {ALL_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c, t)}
              </option>
            ))}
          </select>
        </span>
      }
      year={year}
      thisYear={thisYear}
      exportRequest={{ kind: 'category_report', category, year }}
      report={report}
    >
      {(r) => (
        <>
          <section class="panel" aria-labelledby="yoy-h">
            <h2 id="yoy-h">{t('impact.rep.yearOnYear')}</h2>
            <YearStats r={r} year={year} />
          </section>
          <section class="panel" aria-labelledby="months-h">
            <h2 id="months-h">{t('impact.rep.byMonth')}</h2>
            <YearChart monthly={r.monthly} year={year} />
          </section>
          <p class="meta">
            <a href={`/dashboard${yearSuffix(year)}`}>{t('nav.impact')}</a>
          </p>
        </>
      )}
    </ReportFrame>
  );
}
