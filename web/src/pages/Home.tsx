import { api } from '../api';
import { ProductGrid } from '../components/ProductGrid';
import { ErrorNote, Loading } from '../components/Status';
import { VillageGroups } from '../components/VillageGroups';
import { usePaged, useTitle } from '../hooks';
import { useI18n } from '../i18n';
import { useAllVillages } from '../villages';

export function Home() {
  const { t } = useI18n();
  useTitle(undefined);
  const inSeason = usePaged((cursor, signal) => api.products({ inSeason: true, limit: 8, cursor }, signal), []);
  const villages = useAllVillages();
  // The home page shows one row of in-season products; the full list lives on /products.
  const preview = { ...inSeason, hasMore: false };
  return (
    <>
      <section class="hero">
        <h1>
          {t('app.name')}
          <span class="hero-tagline">{t('app.tagline')}</span>
        </h1>
        <p class="mission">{t('app.mission')}</p>
      </section>

      <section aria-labelledby="in-season">
        <div class="section-head">
          <h2 id="in-season">{t('home.inSeason')}</h2>
          <a href="/products?inSeason=true">{t('common.viewAll')}</a>
        </div>
        <ProductGrid list={preview} label={t('home.inSeason')} emptyText={t('home.noInSeason')} />
      </section>

      <section aria-labelledby="by-county">
        <div class="section-head">
          <h2 id="by-county">{t('home.villagesByCounty')}</h2>
          <a href="/villages">{t('common.viewAll')}</a>
        </div>
        {villages.error ? (
          <ErrorNote error={villages.error} onRetry={villages.reload} />
        ) : villages.data ? (
          <VillageGroups villages={villages.data} />
        ) : (
          <Loading />
        )}
      </section>
    </>
  );
}
