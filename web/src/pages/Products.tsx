import type { ProductCategory } from '../../../shared/domain/product.js';
import { api } from '../api';
import { Field } from '../components/Field';
import { ProductGrid } from '../components/ProductGrid';
import { usePaged, useTitle } from '../hooks';
import { categoryKey, useI18n } from '../i18n';
import { navigate, useLocation, withQuery } from '../router';
import { countiesOf, useAllVillages } from '../villages';

export const CATEGORIES: ProductCategory[] = [
  'poultry',
  'livestock',
  'aquatic',
  'fruit',
  'vegetable',
  'fungi',
  'nuts',
  'grain_oil',
  'honey',
  'tea',
  'processed',
  'other',
];

/** Browse: filters live in the URL, so back/forward and shared links keep them. */
export function Products() {
  const { t } = useI18n();
  useTitle('products.title', true);
  const loc = useLocation();
  const county = loc.query.get('county') ?? '';
  const rawCategory = loc.query.get('category') ?? '';
  const category = (CATEGORIES as string[]).includes(rawCategory) ? (rawCategory as ProductCategory) : '';
  const inSeason = loc.query.get('inSeason') === 'true';
  const sort = loc.query.get('sort') === 'cheapest' ? 'cheapest' : 'newest';
  const counties = countiesOf(useAllVillages().data ?? []);

  const list = usePaged(
    (cursor, signal) => api.products({ county, category, inSeason, sort, limit: 20, cursor }, signal),
    [county, category, inSeason, sort],
  );
  const set = (key: string, value: string | null) => navigate(withQuery(loc, { [key]: value }), { replace: true });

  return (
    <>
      <h1>{t('products.title')}</h1>
      <form class="filters" aria-label={t('products.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field id="f-county" label={t('villages.county')}>
          {(c) => (
            <select {...c} value={county} onChange={(e) => set('county', e.currentTarget.value)}>
              <option value="">{t('villages.allCounties')}</option>
              {(county && !counties.includes(county) ? [county, ...counties] : counties).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="f-category" label={t('products.category')}>
          {(c) => (
            <select {...c} value={category} onChange={(e) => set('category', e.currentTarget.value)}>
              <option value="">{t('products.allCategories')}</option>
              {CATEGORIES.map((cat) => (
                <option key={cat} value={cat}>
                  {t(categoryKey(cat))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="f-sort" label={t('products.sort')}>
          {(c) => (
            <select {...c} value={sort} onChange={(e) => set('sort', e.currentTarget.value === 'cheapest' ? 'cheapest' : null)}>
              <option value="newest">{t('products.sortNewest')}</option>
              <option value="cheapest">{t('products.sortCheapest')}</option>
            </select>
          )}
        </Field>
        <div class="field field-check">
          <input
            type="checkbox"
            id="f-season"
            checked={inSeason}
            onChange={(e) => set('inSeason', e.currentTarget.checked ? 'true' : null)}
          />
          <label for="f-season">{t('products.inSeasonOnly')}</label>
        </div>
      </form>
      <ProductGrid list={list} label={t('products.title')} level={2} />
    </>
  );
}
