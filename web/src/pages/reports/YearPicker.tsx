import { useI18n } from '../../i18n';
import { navigate, useLocation, withQuery } from '../../router';
import { reportYears } from './period';

/** The report's year as a select; changing it moves to `?year=`, so each year has its own URL. */
export function YearPicker({ year, thisYear }: { year: number; thisYear: number }) {
  const { t } = useI18n();
  const loc = useLocation();
  return (
    <div class="field field-inline">
      <label for="report-year">{t('impact.rep.year')}</label>
      <select
        id="report-year"
        value={String(year)}
        onChange={(e) => {
          const y = e.currentTarget.value;
          navigate(withQuery(loc, { year: y === String(thisYear) ? null : y }), { replace: true });
        }}
      >
        {reportYears(thisYear).map((y) => (
          <option key={y} value={String(y)}>
            {t('impact.rep.yearOption', { year: y })}
          </option>
        ))}
      </select>
    </div>
  );
}
