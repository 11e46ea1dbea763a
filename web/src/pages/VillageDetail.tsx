import { api, ApiError, type VillageDetail as Detail } from '../api';
import { ProductGrid } from '../components/ProductGrid';
import { Prose } from '../components/Prose';
import { ErrorNote, Loading } from '../components/Status';
import { formatBps, formatCount, formatFen, yearInShanghai } from '../format';
import { useAsync, usePaged, useTitle } from '../hooks';
import { localized, useI18n } from '../i18n';
import { NotFound } from './NotFound';

export function VillageDetail({ id }: { id: string }) {
  const { lang } = useI18n();
  const village = useAsync((signal) => api.village(id, signal), [id]);
  useTitle(village.data && localized(lang, village.data.name, village.data.nameEn));
  if (village.error instanceof ApiError && village.error.status === 404) return <NotFound />;
  if (village.error) return <ErrorNote error={village.error} onRetry={village.reload} />;
  if (!village.data) return <Loading />;
  return <VillageView v={village.data} />;
}

function VillageView({ v }: { v: Detail }) {
  const { lang, t } = useI18n();
  const year = yearInShanghai();
  const targets = v.targets.find((x) => x.year === year);
  const products = usePaged(
    (cursor, signal) => api.products({ villageId: v.villageId, limit: 12, cursor }, signal),
    [v.villageId],
  );
  const story = localized(lang, v.story, v.storyEn);
  return (
    <article class="village">
      <h1>{localized(lang, v.name, v.nameEn)}</h1>
      <p class="meta">
        <span class="visually-hidden">{t('villages.location')}: </span>
        {[v.province, v.city, v.county, v.township].join(' · ')}
      </p>

      <section aria-labelledby="facts" class="panel">
        <h2 id="facts">{t('villages.facts')}</h2>
        <dl class="stats">
          <Stat label={t('villages.households')} value={formatCount(v.households, lang)} />
          <Stat label={t('villages.povertyHouseholds')} value={formatCount(v.povertyHouseholds, lang)} />
          <Stat label={t('villages.population')} value={formatCount(v.population, lang)} />
        </dl>
      </section>

      <div class="two-col">
        <section aria-labelledby="baseline" class="panel">
          <h2 id="baseline">{t('villages.baseline', { year: v.baseline.year })}</h2>
          <dl class="stats">
            <Stat label={t('villages.baselineSales')} value={formatFen(v.baseline.salesFen)} />
            <Stat label={t('villages.baselineIncome')} value={formatFen(v.baseline.perCapitaIncomeFen)} />
          </dl>
        </section>
        <section aria-labelledby="targets" class="panel">
          <h2 id="targets">{t('villages.targets', { year })}</h2>
          {targets ? (
            <dl class="stats">
              <Stat label={t('villages.targetIncome')} value={formatFen(targets.perCapitaIncomeIncreaseFen)} />
              <Stat label={t('villages.targetGrowth')} value={formatBps(targets.salesGrowthBps, lang)} />
              {targets.salesTargetFen !== null && (
                <Stat label={t('villages.targetSales')} value={formatFen(targets.salesTargetFen)} />
              )}
            </dl>
          ) : (
            <p class="empty">{t('villages.noTargets')}</p>
          )}
        </section>
      </div>

      {story && (
        <section aria-labelledby="story">
          <h2 id="story">{t('villages.story')}</h2>
          <Prose text={story} />
        </section>
      )}

      <section aria-labelledby="village-products">
        <h2 id="village-products">{t('villages.products')}</h2>
        <ProductGrid list={products} label={t('villages.products')} />
      </section>
    </article>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
