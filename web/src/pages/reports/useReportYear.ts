import { useLocation } from '../../router';
import { shanghaiToday, yearFromQuery } from './period';

/** The year a report page shows (`?year=`, default this year in Beijing) and this year. */
export function useReportYear(): { year: number; thisYear: number } {
  const thisYear = shanghaiToday().year;
  return { year: yearFromQuery(useLocation().query.get('year'), thisYear), thisYear };
}

/** `?year=2025` to carry a past year over to another report's link; nothing for this year (its default). */
export function yearSuffix(year: number): string {
  return year === shanghaiToday().year ? '' : `?year=${year}`;
}
