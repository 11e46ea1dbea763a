import { api } from '../api';
import { Field } from '../components/Field';
import { ErrorNote, LoadMore, Loading } from '../components/Status';
import { VillageGroups } from '../components/VillageGroups';
import { usePaged, useTitle } from '../hooks';
import { useI18n } from '../i18n';
import { navigate, useLocation, withQuery } from '../router';
import { countiesOf, useAllVillages } from '../villages';

export function Villages() {
  const { t } = useI18n();
  useTitle('villages.title', true);
  const loc = useLocation();
  const county = loc.query.get('county') ?? '';
  const counties = countiesOf(useAllVillages().data ?? []);
  const list = usePaged((cursor, signal) => api.villages({ county, limit: 50, cursor }, signal), [county]);

  return (
    <>
      <h1>{t('villages.title')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('products.filters')}>
        <Field id="village-county" label={t('villages.county')}>
          {(c) => (
            <select
              {...c}
              value={county}
              onChange={(e) => navigate(withQuery(loc, { county: e.currentTarget.value }), { replace: true })}
            >
              <option value="">{t('villages.allCounties')}</option>
              {(county && !counties.includes(county) ? [county, ...counties] : counties).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <div aria-busy={list.loading}>
        {list.error && list.items.length === 0 ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : list.items.length > 0 ? (
          <VillageGroups villages={list.items} level={2} />
        ) : list.loading ? (
          <Loading />
        ) : (
          <p class="empty">{t('villages.none')}</p>
        )}
      </div>
      <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onMore={list.loadMore} />
    </>
  );
}
