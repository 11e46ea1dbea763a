import { useState } from 'preact/hooks';
import { api, ApiError, type Product } from '../api';
import { AddToCart } from '../components/AddToCart';
import { Prose } from '../components/Prose';
import { ErrorNote, Loading } from '../components/Status';
import { formatBps, formatFen, formatHarvestWindow, formatCount, isInSeason } from '../format';
import { useAsync, useTitle } from '../hooks';
import { categoryKey, localized, unitKey, useI18n } from '../i18n';
import { useActor } from '../session';
import { useAllVillages } from '../villages';
import { NotFound } from './NotFound';

export function ProductDetail({ id }: { id: string }) {
  const { lang } = useI18n();
  const product = useAsync((signal) => api.product(id, signal), [id]);
  useTitle(product.data && localized(lang, product.data.name, product.data.nameEn));
  if (product.error instanceof ApiError && product.error.status === 404) return <NotFound />;
  if (product.error) return <ErrorNote error={product.error} onRetry={product.reload} />;
  if (!product.data) return <Loading />;
  return <ProductView p={product.data} />;
}

function ProductView({ p }: { p: Product }) {
  const { lang, t } = useI18n();
  const village = useAllVillages().data?.find((v) => v.villageId === p.villageId);
  const actor = useActor();
  const name = localized(lang, p.name, p.nameEn);
  const unit = t(unitKey(p.unit));
  const description = localized(lang, p.description, p.descriptionEn);
  return (
    <article class="product">
      <Gallery p={p} name={name} />
      <div class="product-info">
        <h1>{name}</h1>
        <p class="tags">
          <span class="tag">{t(categoryKey(p.category))}</span>
          {p.harvestWindow && isInSeason(p.harvestWindow) && <span class="tag tag-season">{t('products.inSeason')}</span>}
          {p.status === 'withdrawn' && <span class="tag tag-muted">{t('products.withdrawn')}</span>}
        </p>
        <p class="price price-large">
          <span class="visually-hidden">{t('products.price')}: </span>
          {t('products.perUnit', { price: formatFen(p.priceFen), unit })}
        </p>
        <dl class="facts">
          <dt>{t('products.stockLabel')}</dt>
          <dd>{p.stock > 0 ? t('products.stock', { n: formatCount(p.stock, lang), unit }) : t('products.soldOut')}</dd>
          <dt>{t('products.harvest')}</dt>
          <dd>{p.harvestWindow ? formatHarvestWindow(p.harvestWindow, lang) : t('products.allYear')}</dd>
          <dt>{t('products.from')}</dt>
          <dd>
            <a href={`/villages/${encodeURIComponent(p.villageId)}`}>
              {village ? localized(lang, village.name, village.nameEn) : t('nav.villages')}
            </a>
            {' · '}
            {p.county}
          </dd>
          <dt>{t('products.farmerShare')}</dt>
          <dd>{formatBps(p.farmerShareBps, lang)}</dd>
        </dl>
        <AddToCart p={p} />
        {actor?.role === 'leader' && p.status === 'active' && p.stock > 0 && (
          <p>
            <a class="btn" href={`/group-buys/new?productId=${encodeURIComponent(p.productId)}`}>
              {t('leader.openFor')}
            </a>
          </p>
        )}
        {description && (
          <section aria-labelledby="about">
            <h2 id="about">{t('products.description')}</h2>
            <Prose text={description} />
          </section>
        )}
      </div>
    </article>
  );
}

function Gallery({ p, name }: { p: Product; name: string }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const shown = p.photos[index] ?? p.photos[0];
  if (!shown) {
    return (
      <div class="gallery">
        <div class="gallery-main photo-placeholder">{t('products.noPhoto')}</div>
      </div>
    );
  }
  return (
    <div class="gallery">
      <img
        class="gallery-main"
        src={shown.url}
        alt={t('products.photoAlt', { name, i: index + 1 })}
        width={640}
        height={480}
        decoding="async"
      />
      {p.photos.length > 1 && (
        <ul class="thumbs">
          {p.photos.map((ph, i) => (
            <li key={ph.key}>
              <button
                type="button"
                aria-pressed={i === index}
                aria-label={t('products.showPhoto', { i: i + 1 })}
                onClick={() => setIndex(i)}
              >
                <img src={ph.url} alt="" loading="lazy" width={64} height={48} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
